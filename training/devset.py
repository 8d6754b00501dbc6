"""Facts scored on the development set (data/devset: real report excerpts from all 31
provinces, hand-read gold; a copy of shared/devset), beside the rules baseline.

    python -m training.devset                    # the shipped pipeline and the rules
    python -m training.devset --model rules -v   # one pipeline; list each excerpt's misses
    python -m training.devset --fold 3           # only the provinces of fold 3 (held out)

Facts are (metric, value) pairs per excerpt, values in the metric's unit (scaled by 万/亿 as the
shared scorer does). Recall is split by the gold fact's origin, table (t2/t3/t4/narrative),
format, shape and province fold; "wrong" is the share of predicted facts not in the gold.
Province folds (data/devset/folds.json): a rule or model tuned on a fold's excerpts is
reported on the other folds only.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from model.document import Document
from model.taxonomy import metrics
from training.metrics import gold_reads

DEVSET = Path(__file__).resolve().parent.parent / "data" / "devset"
# Excerpts gathered in session 6 from stored public pages, gold in the dev set's format, its own
# two province parts (data/web/folds.json: 0 read, 1 held out).
WEB = DEVSET.parent / "web"
SCALE = {"万": 1e4, "亿": 1e8}


def folds(root: Path = DEVSET) -> dict[str, int]:
    return json.loads((root / "folds.json").read_text(encoding="utf-8"))["folds"]


def excerpts(fold: int | None = None, root: Path = DEVSET, index: str = "index.jsonl") -> list[dict]:
    """Gold records with their text; `fold` keeps one province fold (of `root`'s folds).
    The set is what its index lists: a batch being gathered beside it joins when merged, and is
    scored alone, before it is read, through its own index (`index`: "batch12_index.jsonl")."""
    by_province = folds(root)
    rows = []
    for line in (root / index).read_text(encoding="utf-8").splitlines():
        gold = root / json.loads(line)["file"].replace(".txt", ".json")
        row = json.loads(gold.read_text(encoding="utf-8"))
        row["fold"] = by_province[row["province"]]
        if fold is None or row["fold"] == fold:
            row["text"] = (root / row["file"]).read_text(encoding="utf-8")
            rows.append(row)
    return rows


def key(metric: str, value: float, unit: str | None) -> tuple[str, float]:
    scale = next((s for k, s in SCALE.items() if (unit or "").startswith(k)), 1)
    return metric, round(float(value) * scale, 4)


def group(metric: str) -> str:
    head = metric.split(".")[0]
    return head if head in ("t2", "t3", "t4") else "narrative"


def shape(row: dict) -> str:
    """The shape class of an excerpt's table, from the gold's free-text shape."""
    s = row.get("shape") or ""
    if "pipe" in s or "|" in s:
        return "pipe rows" if "cell per line" not in s else "cell per line + pipe"
    if "cell per line" in s or "one cell" in s:
        return "cell per line"
    return "prose"


class Tally:
    def __init__(self):
        self.hit = defaultdict(lambda: [0, 0])    # group -> [found, gold]
        self.wrong = defaultdict(lambda: [0, 0])  # group -> [not in gold, predicted]
        self.tp = self.fp = self.fn = 0

    def add(self, row: dict, predicted: set[tuple[str, float]], from_tables: set = frozenset()) -> tuple[set, set]:
        """`from_tables`: the predicted facts read from a table (their precision is
        reported apart as "wrong origin:table")."""
        units = metrics()
        gold = {key(f["metric"], f["value"], units[f["metric"]]["unit"]): f for f in row["facts"]}
        fp, fn = predicted - gold.keys(), gold.keys() - predicted
        self.tp += len(gold.keys() & predicted)
        self.fp += len(fp)
        self.fn += len(fn)
        for k in predicted:
            for name in (group(k[0]), *(["origin:table"] if k in from_tables else [])):
                self.wrong[name][0] += k in fp
                self.wrong[name][1] += 1
        for k, f in gold.items():
            for name in (f"origin:{f['origin']}", f"group:{group(k[0])}", f"format:{row.get('format')}",
                         f"shape:{shape(row)}", f"fold:{row['fold']}",
                         *([f"table-format:{row.get('format')}"] if f["origin"] == "table" else []),
                         *([f"table-shape:{shape(row)}"] if f["origin"] == "table" else []),
                         *([f"table-group:{group(k[0])}"] if f["origin"] == "table" else [])):
                self.hit[name][0] += k in predicted
                self.hit[name][1] += 1
        return fp, fn

    def summary(self) -> dict:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        return {"fact_p": round(p, 4), "fact_r": round(r, 4), "fact_f1": round(2 * p * r / max(1e-9, p + r), 4),
                **{f"recall {k}": f"{a}/{b}" for k, (a, b) in sorted(self.hit.items())},
                **{f"wrong {k}": f"{a}/{b}" for k, (a, b) in sorted(self.wrong.items())}}


def predicted_keys(doc: Document, origin: str | None = None) -> set[tuple[str, float]]:
    """Facts of the metrics the gold reads; the 2019-format table 二 columns that have
    no 2021 equivalent (本年新公开数量, 上一年项目数量, 本年增/减 …) are not in the gold."""
    units = metrics()
    return {key(f.metric, f.value, f.unit) for f in doc.facts
            if f.metric in units and gold_reads(f.metric) and origin in (None, f.origin)}


def score(pipeline, rows: list[dict], verbose: bool = False) -> dict:
    tally = Tally()
    docs = pipeline.analyze_many(Document(id=r["file"], source=r["file"], text=r["text"]) for r in rows)
    for row, doc in zip(rows, docs):
        fp, fn = tally.add(row, predicted_keys(doc), predicted_keys(doc, "table"))
        if verbose and (fp or fn):
            print(row["file"], row["province"], "| missed:", sorted(fn), "| wrong:", sorted(fp))
    return tally.summary()


def main(argv: list[str] | None = None) -> None:
    from model.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="a model directory or 'rules' (repeatable; "
                        "default: the shipped model and the rules)")
    parser.add_argument("--fold", type=int, help="score one province fold only")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    rows = excerpts(args.fold)
    for model in args.model or [None, "rules"]:
        print(json.dumps({"model": model or "shipped", "excerpts": len(rows),
                          **score(Pipeline(model), rows, args.verbose)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
