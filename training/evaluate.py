"""Evaluation on real reports: per-character section accuracy and macro-F1 (as
the spec scores), as published and with every heading removed.

    python -m training.evaluate            # rules baseline over the whole corpus + seed

Facts: precision/recall over (metric, value) pairs on the hand-checked reports
of data/gold/facts.jsonl and the seed.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from model.document import Document
from model.pipeline import analyze
from training.corpus import GOLD, read_report, seed_gold, seed_text
from training.metrics import FactScore, SectionScore, fact_key, predicted_char_labels, remove_spans

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


def gold_facts() -> list[dict]:
    """Hand-checked facts (data/gold/facts.jsonl) and the seed's spec gold."""
    with open(GOLD / "facts.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        row["text"] = read_report(row["file"])
    seed = seed_gold()
    rows.append({"file": seed["file"], "template": seed["template"], "text": seed_text(),
                 "facts": [[f["metric"], f["value"], f["unit"]] for f in seed["facts"]],
                 "not_reported": seed["not_reported"]})
    return rows


def score_facts(rows: list[dict], tagger: Tagger = analyze) -> dict[str, FactScore]:
    """Precision/recall over (metric, value) pairs, prose facts and table facts apart."""
    scores = {"prose": FactScore(), "table": FactScore(), "not_reported": FactScore()}
    for row in rows:
        doc = tagger(Document(id=row["file"], source=row["file"], text=row["text"]))
        for kind, is_kind in (("prose", lambda m: "." not in m), ("table", lambda m: "." in m)):
            gold = [fact_key(m, v, u) for m, v, u in row["facts"] if is_kind(m)]
            predicted = [fact_key(f.metric, f.value, f.unit) for f in doc.facts if is_kind(f.metric)]
            scores[kind].add(gold, predicted)
        scores["not_reported"].add([(m, 0) for m in row["not_reported"]], [(m, 0) for m in doc.not_reported])
    return scores


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    fact_rows = gold_facts()
    print(f"\nfacts, rules, {len(fact_rows)} hand-checked reports")
    print("| facts | precision | recall | F1 | gold | predicted |")
    print("|---|---|---|---|---|---|")
    for name, s in score_facts(fact_rows).items():
        print(f"| {name} | {s.precision():.3f} | {s.recall():.3f} | {s.f1():.3f} | {s.tp + s.fn} | {s.tp + s.fp} |")
    rows = gold_reports()
    scores = score_sections(rows)
    print(f"\nsections, rules baseline, {len(rows)} reports")
    print("| condition | char accuracy | macro-F1 | characters |")
    print("|---|---|---|---|")
    for name, s in scores.items():
        print(f"| {name} | {s.accuracy():.4f} | {s.macro_f1():.4f} | {s.total} |")


if __name__ == "__main__":
    main()
