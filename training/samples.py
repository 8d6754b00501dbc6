"""Writes data/samples/summaries.md: the summary of every corpus report and the
seed, for a person to read through (python -m training.samples)."""
from __future__ import annotations

from model.document import Document
from model.pipeline import analyze_many
from training.corpus import ROOT, gold_reports


def main() -> None:
    docs = [Document(id=r["file"], source=r["file"], text=r["text"]) for r in gold_reports()]
    lines = ["# Summaries of every corpus report and the seed", "",
             "Written by `python -m training.samples` with the shipped pipeline. Every number is a fact "
             "of the report (see `summary_sources` in the JSON output).", ""]
    for doc in analyze_many(docs):
        lines += [f"## {doc.id} — {doc.agency or '?'} {doc.year or ''}", "", doc.summary, ""]
    out = ROOT / "data" / "samples" / "summaries.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {len(docs)} summaries to {out}")


if __name__ == "__main__":
    main()
