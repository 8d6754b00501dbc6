"""Speed and memory of the pipeline; prints a markdown table (no timed tests).

    .venv/bin/python benchmarks/bench.py [--write benchmarks/RESULTS.md]

For each configuration, in a fresh process (so peak RSS is its own): model
load time, warm latency on the seed (p50/p95 over 30 runs), batch throughput
over the corpus repeated to >= 500 documents (reports/s, sentences/s), peak RSS.
Configurations: the shipped model; the same pipeline with a BERT-base-sized
encoder (12 layers, hidden 768, random weights: cost depends on shape, not
weights); the rules alone.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def bert_base_sized(out: Path) -> Path:
    """The shipped model's heads and tokenizer on a 12-layer, 768-wide random encoder."""
    from transformers import AutoTokenizer, BertConfig, BertModel

    from model.network import XxgkModel
    from model.pipeline import DEFAULT_MODEL

    model = XxgkModel.from_pretrained(DEFAULT_MODEL)
    tokenizer = AutoTokenizer.from_pretrained(DEFAULT_MODEL)
    encoder = BertModel(BertConfig(vocab_size=len(tokenizer), hidden_size=768, num_hidden_layers=12,
                                   num_attention_heads=12, intermediate_size=3072, max_position_embeddings=512),
                        add_pooling_layer=False)
    config = model.config
    config.encoder = encoder.config.to_dict()
    config.xxgk_name = "bert-base-sized (random)"
    big = XxgkModel(config)
    big.use_encoder(encoder)
    big.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def measure(model: str, docs_limit: int, repeat: int, onnx: str | None = None) -> dict:
    """Runs in its own process."""
    from model.document import Document
    from model.pipeline import Pipeline
    from model.readers import from_text

    reports = sorted((ROOT / "data/raw/corpus/reports").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in reports]
    seed = (ROOT / "data/raw/seed_yilaxi_2014.txt").read_text(encoding="utf-8")
    started = time.perf_counter()
    pipeline = Pipeline(model, onnx=onnx)
    load_s = time.perf_counter() - started
    for _ in range(3):
        pipeline.analyze(from_text(seed))
    latencies = []
    for _ in range(30):
        t = time.perf_counter()
        pipeline.analyze(from_text(seed))
        latencies.append(time.perf_counter() - t)
    batch = [Document(id=str(i), source=str(i), text=texts[i % len(texts)])
             for i in range(min(docs_limit, len(texts) * repeat))]
    t = time.perf_counter()
    done = list(pipeline.analyze_many(batch))
    elapsed = time.perf_counter() - t
    sentences = sum(len(d.sentences) for d in done)
    return {"model": pipeline.model_info["name"], "load_s": load_s,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * sorted(latencies)[int(0.95 * len(latencies)) - 1],
            "docs": len(done), "reports_per_s": len(done) / elapsed, "sentences_per_s": sentences / elapsed,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def int8_agreement(model: str, int8: str) -> tuple[float, int]:
    """Share of corpus sentences whose section label is the same under ONNX int8 and torch fp32."""
    from model.document import Document
    from model.pipeline import Pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/raw/corpus/reports").glob("*.txt"))]
    labels = []
    for onnx in (None, int8):
        pipeline = Pipeline(model, "model", onnx=onnx)
        docs = pipeline.analyze_many(Document(id=str(i), source="", text=t) for i, t in enumerate(texts))
        labels.append([s.label for d in docs for s in d.sentences])
    same = sum(a == b for a, b in zip(*labels))
    return same / len(labels[0]), len(labels[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", help="write the table to this markdown file")
    parser.add_argument("--docs", type=int, default=636, help="documents in the batch run (corpus x 3)")
    parser.add_argument("--base-docs", type=int, default=40, help="documents for the BERT-base-sized batch run")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        model, limit, onnx = json.loads(args.one)
        print(json.dumps(measure(model, limit, repeat=3, onnx=onnx)))
        return
    from model.onnx_runtime import export

    shipped = str(ROOT / "model/weights")
    with tempfile.TemporaryDirectory() as tmp:
        base = str(bert_base_sized(Path(tmp) / "base"))
        fp32, int8 = (str(p) for p in export(shipped, Path(tmp) / "onnx"))
        rows = []
        for label, model, limit, onnx in (("shipped model (torch fp32)", shipped, args.docs, None),
                                          ("shipped model, ONNX Runtime fp32", shipped, args.docs, fp32),
                                          ("shipped model, ONNX Runtime int8", shipped, args.docs, int8),
                                          ("BERT-base-sized encoder (torch fp32)", base, args.base_docs, None),
                                          ("rules only", "rules", args.docs, None)):
            out = subprocess.run([sys.executable, __file__, "--one", json.dumps([model, limit, onnx])],
                                 capture_output=True, text=True, check=True)
            rows.append((label, json.loads(out.stdout.strip().splitlines()[-1])))
        agreement = int8_agreement(shipped, int8)
    table = ["| configuration | load s | seed p50 ms | seed p95 ms | batch docs | reports/s | sentences/s | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|"]
    for label, r in rows:
        table.append(f"| {label} | {r['load_s']:.2f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['docs']} "
                     f"| {r['reports_per_s']:.1f} | {r['sentences_per_s']:.0f} | {r['peak_rss_mb']:.0f} |")
    speedup = rows[0][1]["sentences_per_s"] / rows[3][1]["sentences_per_s"]
    machine = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
               f"torch threads {__import__('torch').get_num_threads()}, Python {platform.python_version()}")
    text = ("\n".join(table) + f"\n\nShipped model vs BERT-base-sized encoder: {speedup:.1f}x sentences/s.\n"
            f"ONNX int8 section labels agree with torch fp32 on {100 * agreement[0]:.2f}% of "
            f"{agreement[1]} corpus sentences.\nMachine: {machine}.\n")
    print(text)
    if args.write:
        Path(args.write).write_text(
            "# Benchmarks\n\nCommand: `.venv/bin/python benchmarks/bench.py --write benchmarks/RESULTS.md`\n\n"
            + text, encoding="utf-8")


if __name__ == "__main__":
    main()
