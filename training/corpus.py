"""The raw material in data/raw: the 212 corpus reports, their index, and the seed."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
REPORTS = RAW / "corpus" / "reports"
SEED = RAW / "seed_yilaxi_2014.txt"
SEED_GOLD = RAW / "seed_gold.json"
GOLD = ROOT / "data" / "gold"


def index() -> list[dict]:
    with open(RAW / "corpus" / "index.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_report(file: str) -> str:
    from model.readers.text import normalise_newlines

    return normalise_newlines((REPORTS / file).read_text(encoding="utf-8"))


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def gold_reports() -> list[dict]:
    """Every report with its section labels: the corpus (data/gold/sections.jsonl)
    and the seed (the spec's hand labels)."""
    with open(GOLD / "sections.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        row["text"] = read_report(row["file"])
    seed = seed_gold()
    rows.append({"file": seed["file"], "agency": seed["agency"], "year": seed["year"],
                 "template": seed["template"], "text": seed_text(), "sections": seed["sections"]})
    return rows
