"""Section labels for the corpus, derived from headings (weak supervision).

How: the heading rules (model.sections) find each report's top-level headings
and map them to labels; every character from a heading to the next one takes
its label, everything before the first is preamble. Every report's heading
list was then read by hand (`--list`) and the reports the rules get wrong are
corrected in data/gold/section_overrides.json. Output: data/gold/sections.jsonl,
one {"file", "sections": [{label, start, end, heading}]} per report, in the
format of the spec's seed_gold.json.

    python -m training.gold_sections [--list]
"""
from __future__ import annotations

import argparse
import json

from model.document import Document
from model.pipeline import RULES_ONLY, load
from training.corpus import GOLD, index, read_report


def sections_from_headings(text: str, headings: list[tuple[int, int, str]]) -> list[dict]:
    bounds = [(0, None, "preamble")] + [(a, (a, b), label) for a, b, label in headings]
    out = []
    for i, (start, heading, label) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if end > start:
            out.append({"label": label, "start": start, "end": end,
                        "heading": list(heading) if heading else None})
    return out


def headings_by_rules(file: str, text: str) -> list[tuple[int, int, str]]:
    doc = load(RULES_ONLY).analyze(Document(id=file, source=file, text=text))  # never the model's labels
    return [(s.start, s.end, s.label) for s in doc.sentences if s.heading]


def headings_by_hand(text: str, listed: list[list[str]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for heading, label in listed:
        start = text.index(heading, pos)
        out.append((start, start + len(heading), label))
        pos = start + len(heading)
    return out


def build() -> list[dict]:
    overrides = json.loads((GOLD / "section_overrides.json").read_text(encoding="utf-8"))
    rows = []
    for entry in index():
        text = read_report(entry["file"])
        if entry["file"] in overrides:
            headings = headings_by_hand(text, overrides[entry["file"]])
        else:
            headings = headings_by_rules(entry["file"], text)
        rows.append({"file": entry["file"], "agency": entry["agency"], "year": entry["year"],
                     "template": entry["template"], "sections": sections_from_headings(text, headings)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each report's headings for review")
    args = parser.parse_args()
    rows = build()
    if args.list:
        for row in rows:
            text = read_report(row["file"])
            print(row["file"], " | ".join(f"{text[s['heading'][0]:s['heading'][1]]}={s['label']}"
                                          for s in row["sections"] if s["heading"]))
        return
    with open(GOLD / "sections.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} reports to {GOLD / 'sections.jsonl'}")


if __name__ == "__main__":
    main()
