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
    from model.tagger import DEFAULT_MODEL

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


def measure(model: str, docs_limit: int, repeat: int) -> dict:
    """Runs in its own process."""
    from model.document import Document
    from model.pipeline import Pipeline
    from model.readers import from_text

    reports = sorted((ROOT / "data/raw/corpus/reports").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in reports]
    seed = (ROOT / "data/raw/seed_yilaxi_2014.txt").read_text(encoding="utf-8")
    started = time.perf_counter()
    pipeline = Pipeline(model)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", help="write the table to this markdown file")
    parser.add_argument("--docs", type=int, default=636, help="documents in the batch run (corpus x 3)")
    parser.add_argument("--base-docs", type=int, default=40, help="documents for the BERT-base-sized batch run")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        model, limit = json.loads(args.one)
        print(json.dumps(measure(model, limit, repeat=3)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = str(bert_base_sized(Path(tmp) / "base"))
        rows = []
        for label, model, limit in (("shipped model", str(ROOT / "model/weights"), args.docs),
                                    ("BERT-base-sized encoder", base, args.base_docs),
                                    ("rules only", "rules", args.docs)):
            out = subprocess.run([sys.executable, __file__, "--one", json.dumps([model, limit])],
                                 capture_output=True, text=True, check=True)
            rows.append((label, json.loads(out.stdout.strip().splitlines()[-1])))
    table = ["| configuration | load s | seed p50 ms | seed p95 ms | batch docs | reports/s | sentences/s | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|"]
    for label, r in rows:
        table.append(f"| {label} | {r['load_s']:.2f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['docs']} "
                     f"| {r['reports_per_s']:.1f} | {r['sentences_per_s']:.0f} | {r['peak_rss_mb']:.0f} |")
    speedup = rows[0][1]["sentences_per_s"] / rows[1][1]["sentences_per_s"]
    machine = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
               f"torch threads {__import__('torch').get_num_threads()}, Python {platform.python_version()}")
    text = "\n".join(table) + f"\n\nShipped model vs BERT-base-sized encoder: {speedup:.1f}x sentences/s.\n" \
                              f"Machine: {machine}.\n"
    print(text)
    if args.write:
        Path(args.write).write_text(
            "# Benchmarks\n\nCommand: `.venv/bin/python benchmarks/bench.py --write benchmarks/RESULTS.md`\n\n"
            + text, encoding="utf-8")


if __name__ == "__main__":
    main()
