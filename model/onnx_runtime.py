"""An ONNX Runtime path for the encoder and fact head (the section BiGRU stays
in torch: it reads a few hundred small vectors). `pip install .[onnx]`.

    python -m model.onnx_runtime model/weights out_dir    # writes encoder.onnx and encoder.int8.onnx

The int8 file is dynamic quantisation; benchmarks/bench.py measures how often
its labels agree with fp32 before anyone should use it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import torch

from model.network import XxgkModel

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


class _Encode(torch.nn.Module):
    def __init__(self, model: XxgkModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.model.encode_sentences(input_ids, attention_mask, token_type_ids)


def export(model_dir: str | Path, out_dir: str | Path) -> tuple[Path, Path]:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = XxgkModel.from_pretrained(model_dir).eval()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    fp32, int8 = out / "encoder.onnx", out / "encoder.int8.onnx"
    dummy = tuple(torch.ones(2, 16, dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "sentences", 1: "tokens"} for name in INPUTS}
    axes.update({"pooled": {0: "sentences"}, "fact_logits": {0: "sentences", 1: "tokens"}})
    torch.onnx.export(_Encode(model), dummy, str(fp32), input_names=INPUTS, output_names=["pooled", "fact_logits"],
                      dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return fp32, int8


class OrtEncoder:
    """Drop-in for XxgkModel.encode_sentences on an ONNX Runtime session."""

    def __init__(self, path: str | Path, threads: int | None = None):
        import onnxruntime as ort

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, input_ids, attention_mask, token_type_ids):
        feeds = {"input_ids": input_ids.numpy(), "attention_mask": attention_mask.numpy(),
                 "token_type_ids": token_type_ids.numpy()}
        pooled, fact_logits = self.session.run(None, feeds)
        return torch.from_numpy(pooled), torch.from_numpy(fact_logits)


if __name__ == "__main__":
    print(*export(sys.argv[1], sys.argv[2]))
