"""OCR of scanned reports: facts F1 against the text version, and pages/s.

    .venv/bin/python benchmarks/ocr.py [--write]

Three corpus reports whose text keeps its tables as rows (r019, r025: markdown;
r026: tab-separated) are printed as scans (benchmarks/scans.py: CJK font,
ruled table rows, skew, blur, dust; an image-only PDF, no text layer), read by `xxgk`'s PDF reader (pdfium render + RapidOCR),
and analysed by the shipped pipeline. Facts are (metric, value) pairs; the
reference is the same pipeline on the report's text. Character accuracy is
difflib's ratio on the texts without whitespace. With Debian's tesseract
(chi_sim) installed, the first report's pages are also read by it for comparison.
"""
from __future__ import annotations

import argparse
import difflib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import scans  # noqa: E402
from results import update_section  # noqa: E402

REPORTS = ("r019", "r025", "r026")


def f1(gold: Counter, found: Counter) -> tuple[float, float, float]:
    hit = sum((gold & found).values())
    p = hit / max(sum(found.values()), 1)
    r = hit / max(sum(gold.values()), 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def accuracy(truth: str, read: str) -> float:
    """Against the text as printed (markdown rules and marks are not on the page)."""
    a = "".join("".join(cell.split()) for row in scans.printed(truth) for cell in row)
    b = "".join(read.split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def facts(doc) -> Counter:
    return Counter((f.metric, f.value) for f in doc.facts)


def tesseract(pages) -> tuple[str, float]:
    texts, start = [], time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for i, page in enumerate(pages):
            path = Path(tmp) / f"{i}.png"
            page.save(path)
            done = subprocess.run(["tesseract", str(path), "-", "-l", "chi_sim", "--psm", "6"],
                                  capture_output=True, text=True, check=True)
            texts.append(done.stdout)
    return "\n".join(texts), time.time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="update the OCR section of benchmarks/RESULTS.md")
    parser.add_argument("--keep", type=Path, help="a folder to keep the scans and their recognised text in")
    args = parser.parse_args()
    from model.pipeline import Pipeline
    from model.readers import from_text, read_path
    from model.readers.ocr import _engine

    pipeline = Pipeline()
    _engine()  # loaded once, not counted
    rows, gold_all, found_all = [], Counter(), Counter()
    pages_total = wall_total = cpu_total = 0.0
    first_pages = None
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(REPORTS):
            text = (ROOT / f"data/raw/corpus/reports/{name}.txt").read_text(encoding="utf-8")
            pages = scans.render(text, seed=i)
            first_pages = first_pages or (pages, text)
            path = Path(tmp) / f"{name}_scan.pdf"
            path.write_bytes(scans.to_pdf(pages))
            wall, cpu = time.time(), time.process_time()
            doc = next(read_path(str(path), budget=0))
            wall, cpu = time.time() - wall, time.process_time() - cpu
            assert doc.error is None and doc.source_kind == "ocr", doc.error
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name}_scan.pdf").write_bytes(path.read_bytes())
                (args.keep / f"{name}_ocr.txt").write_text(doc.text, encoding="utf-8")
            gold, found = facts(pipeline.analyze(from_text(text))), facts(pipeline.analyze(doc))
            p, r, f = f1(gold, found)
            gold_all += gold
            found_all += found
            pages_total += len(pages)
            wall_total += wall
            cpu_total += cpu
            rows.append(f"| {name} | {len(pages)} | {accuracy(text, doc.text):.4f} | {sum(gold.values())} "
                        f"| {p:.3f} | {r:.3f} | {f:.3f} | {len(pages) / wall:.3f} |")
            print(rows[-1], flush=True)
    p, r, f = f1(gold_all, found_all)
    load = os.getloadavg()[0]
    lines = ["## OCR of scanned reports", "",
             "Command: `.venv/bin/python benchmarks/ocr.py --write` (three corpus reports drawn as image-only "
             "PDF scans with skew, blur and dust; facts against the same pipeline on the report text)", "",
             "| report | pages | character accuracy | facts (text) | precision | recall | F1 | pages/s |",
             "|---|---|---|---|---|---|---|---|", *rows,
             f"| all | {pages_total:.0f} | | {sum(gold_all.values())} | {p:.3f} | {r:.3f} | **{f:.3f}** "
             f"| {pages_total / wall_total:.3f} |", "",
             f"RapidOCR (PP-OCRv4, onnxruntime): {pages_total / wall_total:.3f} pages/s wall, "
             f"{cpu_total / pages_total:.1f} CPU-s a page (render included); machine: {os.cpu_count()} cores, "
             f"load average {load:.1f} while measuring (shared), Python {platform.python_version()}."]
    if shutil.which("tesseract"):
        pages, text = first_pages
        read, seconds = tesseract(pages)
        lines.append(f"Debian tesseract 5 chi_sim on {REPORTS[0]}'s {len(pages)} pages: character accuracy "
                     f"{accuracy(text, read):.4f}, {len(pages) / seconds:.3f} pages/s.")
    body = "\n".join(lines)
    print(body)
    if args.write:
        update_section("ocr", body)


if __name__ == "__main__":
    main()
