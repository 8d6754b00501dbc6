"""The bad-input audit's cases (issue 15), one `xxgk analyze` process each: how
many records, how long, and the peak memory.

    .venv/bin/python benchmarks/audit.py [--write] [--model rules|shipped]

The hostile files come from the tests' generators (tests/fixtures/hostile.py);
each runs alone as `python -m model.cli analyze FILE --model rules --out X` in a
fresh process, so the peak RSS (from wait4) is that one file's, interpreter
and imports included. Each file is written by a process of its own too: Linux
carries a process's peak RSS across fork and exec, so a child forked from a
parent that had just written a gigabyte would report the parent's peak. Done when every case gives its records (one, or one per
.jsonl line) within the per-document budget and under 1.5 GB.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import hostile
from results import update_section

LIMIT_MB = 1536
FIXTURES = ROOT / "tests" / "fixtures"


def cases() -> list[tuple[str, str, object, int]]:
    """(file name, the audit's finding, writer(path), records expected)."""
    from model.readers import MAX_TEXT_CHARS

    return [
        ("big5.txt", "D9 Big5 decoded as GB18030", hostile.big5, 1),
        ("utf16.txt", "D9 UTF-16 without BOM", hostile.utf16_without_bom, 1),
        ("separators.jsonl", "D1/D2 U+2028 in a record, then a broken line", hostile.line_separators_jsonl, 2),
        ("deep.html", "D4 50,000 nested elements", hostile.deep_html, 1),
        ("sloppy.html", "D4 sloppy markup (~700 KB)", hostile.sloppy_html, 1),
        ("sloppy_large.html", "D4 sloppy markup, 30 MB", lambda p: hostile.sloppy_html(p, 500_000), 1),
        ("markup_bomb.docx", "D3 <1 MB to 60 MB of markup", hostile.docx_markup_bomb, 1),
        ("paragraph_bomb.docx", "D3 ten million empty paragraphs", hostile.docx_empty_paragraph_bomb, 1),
        ("image.docx", "D3 a 1 GB embedded image", hostile.docx_huge_image, 1),
        ("pixels.png", "a 20,000 × 20,000 PNG (50 KB)", hostile.png_pixel_bomb, 1),
        ("locked.pdf", "D9 password-protected PDF", hostile.locked_pdf, 1),
        ("huge.txt", "985k characters", lambda p: hostile.corpus_text(p, 985_000), 1),
        ("longest.txt", f"{MAX_TEXT_CHARS:,} characters (the limit)",
         lambda p: hostile.corpus_text(p, MAX_TEXT_CHARS), 1),
        ("scan.png", "a scanned page (OCR)", lambda p: p.write_bytes((FIXTURES / "scan.png").read_bytes()), 1),
        ("empty.txt", "empty file", hostile.empty, 1),
        ("random.txt", "random bytes", hostile.random_bytes, 1),
    ]


def run(path: Path, out: Path, model: str) -> tuple[float, float, list[dict]]:
    """(peak RSS MB, seconds, records) of one analyze run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.time()
    chosen = [] if model == "shipped" else ["--model", model]
    proc = subprocess.Popen([sys.executable, "-m", "model.cli", "analyze", str(path), *chosen, "--out", str(out)],
                            cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.time() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"analyze {path.name} exited {os.waitstatus_to_exitcode(status)}")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return usage.ru_maxrss / 1024, seconds, records


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="update this section of benchmarks/RESULTS.md")
    parser.add_argument("--model", default="rules", help="rules, shipped (the default model) or a model folder")
    parser.add_argument("--make", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        name, path = args.make
        next(write for case, _, write, _ in cases() if case == name)(Path(path))
        return
    from model.readers import DOCUMENT_SECONDS

    rows, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, finding, _, expected in cases():
            path = Path(tmp) / name
            subprocess.run([sys.executable, __file__, "--make", name, str(path)], check=True)
            size = path.stat().st_size
            rss, seconds, records = run(path, Path(tmp) / "out.jsonl", args.model)
            path.unlink()
            errors = [r["error"] for r in records if r["error"]]
            outcome = "; ".join(e[:40] for e in errors) if errors else "read and analysed"
            ok = len(records) == expected and seconds < DOCUMENT_SECONDS and rss < LIMIT_MB
            if not ok:
                failures.append(name)
            rows.append(f"| {name} | {finding} | {size / 2**20:.2f} | {len(records)} | {seconds:.1f} | {rss:.0f} "
                        f"| {outcome} |")
            print(rows[-1], flush=True)
    body = "\n".join([
        f"## Bad-input audit: time and memory per case ({args.model})", "",
        (f"Command: `.venv/bin/python benchmarks/audit.py --write --model {args.model}` (each case alone: "
        f"`python -m model.cli analyze FILE{'' if args.model == 'shipped' else ' --model ' + args.model} --out X` "
        "in a fresh process; the files from "
        "tests/fixtures/hostile.py; seconds are wall, interpreter start and imports included)"), "",
        "| file | case | MB on disk | records | seconds | peak RSS MB | outcome |",
        "|---|---|---|---|---|---|---|", *rows, "",
        f"Budget {DOCUMENT_SECONDS} s a document, memory limit {LIMIT_MB} MB: "
        + (f"over on {', '.join(failures)}." if failures else "every case within both, with its records.")
        + f" Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared), "
          f"Python {platform.python_version()}."])
    print(body)
    if args.write:
        update_section(f"audit-{args.model}" if args.model in ("rules", "shipped") else "audit", body)


if __name__ == "__main__":
    main()
