"""Speed and memory of the product, end to end, side by side in one run; prints
a markdown table (no timed tests).

    .venv/bin/python benchmarks/bench.py [--write benchmarks/RESULTS.md] [--previous eae788a]

Configurations, each run as a user runs it (`xxgk analyze`, a fresh process):
the shipped model (ONNX Runtime, as shipped); the same weights on torch; the
previous model (the per-sentence tagger of commit `--previous`, checked out into
a temporary folder with its own code and weights); a BERT-base-shaped encoder
(12 layers, hidden 768, random weights: cost depends on shape, not weights) on
today's code; the rules alone (`--model rules`).

- start-up: wall seconds of `xxgk analyze` on one report (the seed with its
  headings deleted, so the network reads it; the median of 3 runs), imports and
  model load included;
- batch: `xxgk analyze FOLDER` over 350 real reports (the 212 corpus reports and
  138 dev set excerpts from 31 provinces): reports/s, sentences/s, peak RSS (wait4);
  the product runs the network only on reports whose headings are not clean, so
  one more row reads every report with it (policy "model", in one process);
- latency: that headless seed analysed in a warm process, p50/p95 over 20 runs.

The parent process imports nothing heavy: Linux carries a process's peak RSS into
the children it forks, so the BERT-base-shaped model is built in a child too.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
SEED = ROOT / "data/raw/seed_yilaxi_2014.txt"
LATENCY = """
import json, statistics, sys, time
from model.pipeline import Pipeline
from model.readers import from_text
pipeline = Pipeline(None if sys.argv[1] == "default" else sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
assert pipeline.analyze(from_text(text)).sentences
times = []
for i in range(23):
    t = time.perf_counter()
    pipeline.analyze(from_text(text))
    times.append(time.perf_counter() - t)
times = sorted(times[3:])
print(json.dumps({"p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[int(0.95 * len(times)) - 1]}))
"""
EVERY_REPORT = """
import json, sys, time
from pathlib import Path
from model.document import Document
from model.pipeline import Pipeline
pipeline = Pipeline(policy="model")
docs = [Document(id=p.name, source=str(p), text=p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[1]).iterdir())]
t = time.perf_counter()
done = list(pipeline.analyze_many(docs))
wall = time.perf_counter() - t
print(json.dumps({"docs": len(done), "reports_per_s": len(done) / wall,
                  "sentences_per_s": sum(len(d.sentences) for d in done) / wall}))
"""


def headless_seed(out: Path) -> Path:
    """The seed report with its section headings deleted: the network reads it."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(x for x in lines if not x.lstrip().startswith(tuple("一二三四五六七八九") + ("十、",))
                             or "、" not in x.lstrip()[:3]), encoding="utf-8")
    return out


def reports_folder(parent: Path, n: int = 350) -> Path:
    """The corpus reports, then dev set excerpts (other provinces), n in all."""
    folder = parent / "reports"
    folder.mkdir()
    paths = sorted((ROOT / "data/raw/corpus/reports").glob("*.txt")) + sorted((ROOT / "data/devset").glob("d*.txt"))
    for p in paths[:n]:
        (folder / p.name).symlink_to(p)
    return folder


def bert_base_shaped(out: Path) -> Path:
    """The shipped model's heads and tokenizer on a 12-layer, 768-wide random encoder."""
    from transformers import BertConfig, BertModel

    from model.network import XxgkModel
    from model.pipeline import DEFAULT_MODEL

    model = XxgkModel.from_pretrained(DEFAULT_MODEL)
    encoder = BertModel(BertConfig(vocab_size=model.config.encoder["vocab_size"], hidden_size=768,
                                   num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
                                   max_position_embeddings=512), add_pooling_layer=False)
    config = model.config
    config.encoder = encoder.config.to_dict()
    config.xxgk_name = "bert-base-shaped (random)"
    big = XxgkModel(config)
    big.use_encoder(encoder)
    big.save_pretrained(out)
    shutil.copy(DEFAULT_MODEL / "tokenizer.json", out)
    return out


def make_base(out: Path) -> str:
    subprocess.run([sys.executable, __file__, "--make-base", str(out)], check=True, capture_output=True)
    return str(out)


def torch_copy(out: Path) -> Path:
    """The shipped weights without their ONNX export: the product runs them on torch."""
    shutil.copytree(ROOT / "model/weights", out, ignore=shutil.ignore_patterns("*.onnx"))
    return out


def previous_code(commit: str, out: Path) -> Path:
    """Commit `commit`'s tree (code and shipped weights), for its own CLI."""
    out.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def analyze(code: Path, model: str, paths: list[str], out: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one `xxgk analyze` run of `code`'s CLI."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    cmd = [sys.executable, "-m", "model.cli", "analyze", *paths, "--out", str(out)]
    if model != "default":
        cmd += ["--model", model]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed: {proc.stderr.read().decode()[-1000:]}")
    return wall, usage.ru_maxrss / 1024


def measure(code: Path, model: str, folder: Path, limit: int, tmp: Path) -> dict:
    seed = headless_seed(tmp / "seed.txt")
    startup = statistics.median(analyze(code, model, [str(seed)], tmp / "seed.jsonl")[0] for _ in range(3))
    paths = sorted(str(p) for p in folder.iterdir())[:limit]
    wall, rss = analyze(code, model, paths, tmp / "batch.jsonl")
    with open(tmp / "batch.jsonl", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    sentences = sum(len(d["sentences"]) for d in docs)
    latency = subprocess.run([sys.executable, "-c", LATENCY, model, str(seed)], cwd=code, capture_output=True,
                             text=True, check=True, env={**os.environ, "PYTHONPATH": str(code)})
    return {"startup_s": startup, "docs": len(docs), "reports_per_s": len(docs) / wall,
            "sentences_per_s": sentences / wall, "peak_rss_mb": rss, "model": docs[0]["model"]["name"],
            **json.loads(latency.stdout.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", help="write the table to this markdown file")
    parser.add_argument("--previous", default="eae788a", help="the commit whose model is 'previous'")
    parser.add_argument("--base-docs", type=int, default=40, help="reports for the BERT-base-shaped batch run")
    parser.add_argument("--make-base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_base:
        bert_base_shaped(Path(args.make_base))
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        folder = reports_folder(tmp)
        configurations = [
            ("shipped model (ONNX Runtime)", ROOT, "default", 350),
            ("shipped model on torch", ROOT, str(torch_copy(tmp / "torch")), 350),
            (f"previous model ({args.previous}, per-sentence, torch)", previous_code(args.previous, tmp / "previous"),
             "default", 350),
            ("BERT-base-shaped encoder (torch)", ROOT, make_base(tmp / "base"), args.base_docs),
            ("rules only (`--model rules`)", ROOT, "rules", 350),
        ]
        rows = [(label, measure(code, model, folder, limit, tmp)) for label, code, model, limit in configurations]
        every = subprocess.run([sys.executable, "-c", EVERY_REPORT, str(folder)], cwd=ROOT, capture_output=True,
                               text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        every = json.loads(every.stdout.strip().splitlines()[-1])
    table = ["| configuration | start-up s (1 report) | reports | reports/s | sentences/s | seed p50 ms "
             "| seed p95 ms | peak RSS MB |", "|---|---|---|---|---|---|---|---|"]
    for label, r in rows:
        table.append(f"| {label} | {r['startup_s']:.2f} | {r['docs']} | {r['reports_per_s']:.1f} "
                     f"| {r['sentences_per_s']:.0f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['peak_rss_mb']:.0f} |")
    table.append(f"| shipped model, network on every report (policy model, in one process) | – | {every['docs']} "
                 f"| {every['reports_per_s']:.1f} | {every['sentences_per_s']:.0f} | – | – | – |")
    shipped, rules = rows[0][1], rows[-1][1]
    load = os.getloadavg()[0]
    text = ("\n".join(table)
            + f"\n\nShipped model / rules, reports/s: {shipped['reports_per_s'] / rules['reports_per_s']:.2f} "
            f"(network on every report: {every['reports_per_s'] / rules['reports_per_s']:.2f}). "
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.1f} at the end (shared machine: the ratios, measured in one run, are the figure).\n")
    print(text)
    if args.write:
        from results import update_section

        update_section("speed", "## Speed, end to end (issue 18)\n\nCommand: `.venv/bin/python benchmarks/bench.py "
                       "--write benchmarks/RESULTS.md` (`make benchmark`)\n\n" + text, Path(args.write))


if __name__ == "__main__":
    main()
