"""Exports a trained model directory for ONNX Runtime (model/backends.py):
`tokens.onnx` (encoder + fact head over a batch of windows) and
`sections.onnx` (BiGRU + section head over sentence vectors), stamped with the
weights' digest so a retrained directory never runs a stale export.

    python -m training.export model/weights
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

from model.backends import ONNX_FILES, STAMP, weights_digest
from model.network import XxgkModel


class _Tokens(torch.nn.Module):
    def __init__(self, model: XxgkModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model.token_states(input_ids, attention_mask)


class _Sections(torch.nn.Module):
    def __init__(self, model: XxgkModel):
        super().__init__()
        self.model = model

    def forward(self, pooled):
        return self.model.section_logits(pooled)


def export(model_dir: str | Path) -> Path:
    path = Path(model_dir)
    model = XxgkModel.from_pretrained(path).eval()
    hidden = model.config.encoder["hidden_size"]
    ids = torch.ones(2, 16, dtype=torch.long)
    torch.onnx.export(_Tokens(model), (ids, torch.ones_like(ids)), str(path / ONNX_FILES["tokens"]),
                      input_names=["input_ids", "attention_mask"], output_names=["states", "fact_logits"],
                      dynamic_axes={n: {0: "windows", 1: "tokens"}
                                    for n in ("input_ids", "attention_mask", "states", "fact_logits")},
                      opset_version=17, dynamo=False)
    torch.onnx.export(_Sections(model), (torch.zeros(1, 5, hidden),), str(path / ONNX_FILES["sections"]),
                      input_names=["pooled"], output_names=["section_logits"],
                      dynamic_axes={"pooled": {0: "documents", 1: "sentences"},
                                    "section_logits": {0: "documents", 1: "sentences"}},
                      opset_version=17, dynamo=False)
    (path / STAMP).write_text(json.dumps({"safetensors_sha256": weights_digest(path)}) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(export(sys.argv[1]))
