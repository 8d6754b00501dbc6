"""Evaluation on real reports: per-character section accuracy and macro-F1 (as
the spec scores), as published and with every heading removed.

    python -m training.evaluate            # rules baseline over the whole corpus + seed
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from model.document import Document
from model.pipeline import analyze
from training.corpus import GOLD, read_report, seed_gold, seed_text
from training.metrics import SectionScore, predicted_char_labels, remove_spans

Tagger = Callable[[Document], Document]


def gold_reports() -> list[dict]:
    with open(GOLD / "sections.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        row["text"] = read_report(row["file"])
    seed = seed_gold()
    rows.append({"file": seed["file"], "agency": seed["agency"], "year": seed["year"],
                 "template": seed["template"], "text": seed_text(), "sections": seed["sections"]})
    return rows


def score_sections(rows: list[dict], tagger: Tagger = analyze) -> dict[str, SectionScore]:
    scores = {"published": SectionScore(), "no_headings": SectionScore()}
    for row in rows:
        conditions = {"published": (row["text"], row["sections"]),
                      "no_headings": remove_spans(row["text"], row["sections"])}
        for name, (text, gold) in conditions.items():
            doc = tagger(Document(id=row["file"], source=row["file"], text=text))
            scores[name].add(text, gold, predicted_char_labels(doc))
    return scores


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    rows = gold_reports()
    scores = score_sections(rows)
    print(f"rules baseline, {len(rows)} reports")
    print("| condition | char accuracy | macro-F1 | characters |")
    print("|---|---|---|---|")
    for name, s in scores.items():
        print(f"| {name} | {s.accuracy():.4f} | {s.macro_f1():.4f} | {s.total} |")


if __name__ == "__main__":
    main()
