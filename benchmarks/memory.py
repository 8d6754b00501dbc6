"""Peak memory of `xxgk analyze` by output format as the batch grows: the
writers stream, so 2,000 reports should need about what 100 do.

    .venv/bin/python benchmarks/memory.py [--sizes 100 2000] [--formats xlsx parquet] [--model rules]

Each run is the real command in a fresh process over N corpus reports (the 212
reports repeated under distinct names, linked into a temporary folder); its
peak RSS comes from wait4. The rules pipeline is the default: its own memory is
small and flat, so what grows is the writer's (a model adds a constant ~1 GB).
Prints a markdown table.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "raw" / "corpus" / "reports"


def folder_of(n: int, parent: Path) -> Path:
    reports = sorted(REPORTS.glob("*.txt"))
    out = parent / f"n{n}"
    out.mkdir()
    for i in range(n):
        (out / f"c{i:05d}_{reports[i % len(reports)].name}").symlink_to(reports[i % len(reports)])
    return out


def run(folder: Path, fmt: str, out: Path, model: str) -> tuple[float, float, int]:
    """(peak RSS MB, seconds, output bytes) of one analyze run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "model.cli", "analyze", str(folder), "--format", fmt,
                             "--out", str(out), "--model", model], cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"analyze {fmt} over {folder} failed")
    return usage.ru_maxrss / 1024, time.time() - start, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000])
    parser.add_argument("--formats", nargs="+", default=["xlsx", "parquet"])
    parser.add_argument("--model", default="rules")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folders = {n: folder_of(n, tmp) for n in args.sizes}
        print(f"model: {args.model}; sizes {args.sizes}; {os.cpu_count()} cores\n")
        print("| format | reports | peak RSS MB | seconds | output MB | RSS vs smallest |")
        print("|---|---|---|---|---|---|")
        for fmt in args.formats:
            base = None
            for n in args.sizes:
                rss, seconds, size = run(folders[n], fmt, tmp / f"out{n}.{fmt}", args.model)
                base = base or rss
                print(f"| {fmt} | {n} | {rss:.0f} | {seconds:.0f} | {size / 2**20:.1f} | {rss / base:.2f}x |",
                      flush=True)


if __name__ == "__main__":
    main()
