"""What computes the network at inference: ONNX Runtime where the model
directory holds an export of its own weights (training/export.py writes one
beside every trained model; start-up without torch is ~2 s faster), else torch.
Both take and give numpy arrays:

- tokens(input_ids, attention_mask) -> token states (B, T, H), fact logits (B, T, F)
- sections(pooled (D, N, H)) -> section logits (D, N, L)
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

ONNX_FILES = {"tokens": "tokens.onnx", "sections": "sections.onnx"}
STAMP = "onnx.json"  # the weights file's digest when the export was made


def weights_digest(path: Path) -> str:
    return hashlib.sha256((path / "model.safetensors").read_bytes()).hexdigest()


def onnx_current(path: Path) -> bool:
    """An export of these very weights (a retrained directory with a stale export
    runs on torch rather than on the old weights)."""
    try:
        stamp = json.loads((path / STAMP).read_text(encoding="utf-8"))
        return (all((path / f).is_file() for f in ONNX_FILES.values())
                and stamp["safetensors_sha256"] == weights_digest(path))
    except (OSError, ValueError, KeyError):
        return False


class OnnxBackend:
    def __init__(self, path: Path):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.sessions = {k: ort.InferenceSession(str(path / f), options, providers=["CPUExecutionProvider"])
                         for k, f in ONNX_FILES.items()}

    def tokens(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        states, facts = self.sessions["tokens"].run(None, {"input_ids": input_ids, "attention_mask": attention_mask})
        return states, facts

    def sections(self, pooled: np.ndarray) -> np.ndarray:
        return self.sessions["sections"].run(None, {"pooled": pooled.astype(np.float32)})[0]


class TorchBackend:
    def __init__(self, path: Path):
        import torch

        from model.network import XxgkModel

        self.torch = torch
        self.model = XxgkModel.from_pretrained(path).eval()

    def tokens(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with self.torch.inference_mode():
            states, facts = self.model.token_states(self.torch.from_numpy(input_ids),
                                                    self.torch.from_numpy(attention_mask))
        return states.float().numpy(), facts.float().numpy()

    def sections(self, pooled: np.ndarray) -> np.ndarray:
        with self.torch.inference_mode():
            return self.model.section_logits(self.torch.from_numpy(pooled.astype(np.float32))).float().numpy()


def load_backend(path: Path, backend: str | None = None):
    """`backend`: "onnx", "torch", or None for ONNX where a current export exists."""
    if backend == "onnx" or (backend is None and onnx_current(path)):
        return OnnxBackend(path)
    return TorchBackend(path)
