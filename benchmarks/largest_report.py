"""How the cost of one report grows with its length, up to the size limit.

    .venv/bin/python benchmarks/largest_report.py [--write]

Corpus reports joined into one .txt of N characters, for N up to the readers'
MAX_TEXT_CHARS; each read (`read_path`) and analysed by the shipped pipeline
with the network reading every sentence (policy "model": the joined text has
clean headings, where the product would not run it), in a fresh process, so
that its peak RSS is its own.
Linear cost shows as steady characters per CPU-second; the limit is the largest report whose analysis fits the
per-document budget (model/readers DOCUMENT_SECONDS) on this machine.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SIZES = (25_000, 50_000, 100_000, 200_000)


def one(chars: int) -> dict:
    from model.pipeline import Pipeline
    from model.readers import read_path

    reports = sorted((ROOT / "data/raw/corpus/reports").glob("*.txt"))
    text = ""
    while len(text) < chars:
        text += "\n".join(p.read_text(encoding="utf-8") for p in reports)
    pipeline = Pipeline(policy="model")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text[:chars], encoding="utf-8")
        wall, cpu = time.time(), time.process_time()
        doc = pipeline.analyze(next(read_path(str(path))))
        wall, cpu = time.time() - wall, time.process_time() - cpu
    assert doc.error is None, doc.error
    return {"chars": chars, "seconds": wall, "cpu_seconds": cpu, "sentences": len(doc.sentences),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="update this section of benchmarks/RESULTS.md")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    from model.readers import MAX_TEXT_CHARS, DOCUMENT_SECONDS

    rows = []
    for chars in (*SIZES, MAX_TEXT_CHARS):
        done = subprocess.run([sys.executable, __file__, "--one", str(chars)], capture_output=True, text=True,
                              check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(f"| {r['chars']:,} | {r['sentences']:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} "
                    f"| {r['chars'] / r['seconds']:,.0f} | {r['chars'] / r['cpu_seconds']:,.0f} "
                    f"| {r['peak_rss_mb']:.0f} |")
        print(rows[-1], flush=True)
    body = "\n".join([
        "## Largest report", "",
        "Command: `.venv/bin/python benchmarks/largest_report.py --write` (corpus reports joined into one "
        ".txt; read and analysed by the shipped model, its network reading every sentence (policy model), "
        "a fresh process per size)", "",
        "| characters | sentences | wall s | CPU s | characters/s (wall) | characters/s (CPU) | peak RSS MB |",
        "|---|---|---|---|---|---|---|", *rows, "",
        f"The size limit (MAX_TEXT_CHARS = {MAX_TEXT_CHARS:,}) is the last row; per-document read budget "
        f"{DOCUMENT_SECONDS} s. Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end "
        "(shared with other jobs: wall times are pessimistic; CPU seconds measure the work)."])
    print(body)
    if args.write:
        from results import update_section

        update_section("largest-report", body)


if __name__ == "__main__":
    main()
