"""Prose facts, summary figures and agency/year scored on the development set
(data/devset, hand-read gold from all 31 provinces) by province fold, beside the
rules alone.

    python -m training.facts_eval                  # the shipped pipeline and the rules, every fold
    python -m training.facts_eval --fold 2 -v      # one fold read for rules; list misses and wrong figures
    python -m training.facts_eval --damage pdf     # each excerpt as a PDF's text (line wraps, page numbers)
    python -m training.facts_eval --set web        # the web set (data/web), by its three parts
    python -m training.facts_eval --set web --index batch12_index.jsonl   # one batch, before it is read

- prose facts: precision over the facts the pipeline read from the text (origin
  "text", not marked approximate: the dev gold leaves approximations out), a fact right when the excerpt's gold holds its (metric, value);
  recall over the gold facts of origin "prose".
- summary figures: a figure is wrong when the gold gives its metric another value
  (a sum is wrong when the gold gives every metric it adds and their sum differs).
- agency and year: over the excerpts whose gold names them (an agency marked
  某/推断/未核实/据 was inferred, not read); the agency is right when, without
  brackets, one name contains the other (a 区's 街道 named with or without the
  区's 人民政府, a short name and its full one, are one body).
Fold 3 is held out from rule writing: score it in aggregate, never -v (data/devset/folds.json);
so are the web set's parts 1 and 2 (data/web/folds.json).
"""
from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict

from model.document import Document, Fact
from model.meta import INNER_GOVERNMENT, unabbreviated
from model.taxonomy import metrics
from training.augment import AUGMENTATIONS, augment
from training.devset import DEVSET, WEB, excerpts, folds, key

_INFERRED = re.compile(r"某|推断|未核实|据")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]|\s")


def agency_right(predicted: str | None, gold: str) -> bool:
    # The product names a 区's 街道 without the 区's 人民政府 and a usual short name in full (model/meta.py);
    # a gold name written the other way is the same body.
    p = unabbreviated(_BRACKETS.sub("", predicted or ""))
    g = unabbreviated(INNER_GOVERNMENT.sub("", _BRACKETS.sub("", gold)))
    return len(p) >= 4 and (p in g or g in p)


def summary_wrong(doc: Document, gold: dict[str, float]) -> tuple[int, int, list[str]]:
    """(wrong, total, descriptions) over the summary's figures."""
    wrong, said = 0, []
    for source in doc.summary_sources:
        ms = source["metrics"]
        if all(m in gold for m in ms) and abs(sum(gold[m] for m in ms) - source["value"]) > 1e-6:
            wrong += 1
            said.append(f"{'+'.join(ms)}={source['value']:g} (gold {sum(gold[m] for m in ms):g})")
    return wrong, len(doc.summary_sources), said


def gold_keys(row: dict, origin: str | None = None) -> set[tuple[str, float]]:
    """The (metric, value) pairs an excerpt's gold holds (of one origin, if given)."""
    units = metrics()
    return {key(f["metric"], f["value"], units[f["metric"]]["unit"]) for f in row["facts"]
            if origin is None or f["origin"] == origin}


def read_from_text(doc: Document) -> list[Fact]:
    """The facts a pipeline read from the text that the gold could hold: the dev set's gold does
    not record approximate figures ("20余万条"), which the pipeline reports marked approximate
    (spec), so they are neither right nor wrong here."""
    units = metrics()
    return [f for f in doc.facts if f.origin == "text" and f.metric in units and not f.approximate]


def score(pipeline, rows: list[dict], verbose: bool = False) -> dict:
    units = metrics()
    t = defaultdict(int)
    docs = pipeline.analyze_many(Document(id=r["file"], source=r["file"], text=r["text"]) for r in rows)
    for row, doc in zip(rows, docs):
        gold = gold_keys(row)
        prose = gold_keys(row, "prose")
        read = {key(f.metric, f.value, f.unit) for f in read_from_text(doc)}
        every = {key(f.metric, f.value, f.unit) for f in doc.facts if f.metric in units}
        t["read"] += len(read)
        t["read_right"] += len(read & gold)
        t["prose"] += len(prose)
        t["prose_found"] += len(prose & every)
        gold_values = {m: v for m, v in gold}
        # Summary figures are in the fact's own unit; compare in the metric's unit.
        scaled = {f.metric: key(f.metric, f.value, f.unit)[1] for f in doc.facts if f.metric in units}
        for source in doc.summary_sources:
            if len(source["metrics"]) == 1 and source["metrics"][0] in scaled:
                source = {**source, "value": scaled[source["metrics"][0]]}
            wrong, _, said = summary_wrong(Document(id="", source="", text="", summary_sources=[source]), gold_values)
            t["summary_figures"] += 1
            t["summary_wrong"] += wrong
            if verbose and said:
                print(row["file"], "summary wrong:", *said)
        if row.get("agency") and not _INFERRED.search(row["agency"]):
            t["agency_named"] += 1
            t["agency_right"] += agency_right(doc.agency, row["agency"])
            if verbose and not agency_right(doc.agency, row["agency"]):
                print(row["file"], "agency:", doc.agency, "| gold:", row["agency"])
        if row.get("year"):
            t["year_named"] += 1
            t["year_right"] += doc.year == row["year"]
            if verbose and doc.year != row["year"]:
                print(row["file"], "year:", doc.year, "| gold:", row["year"])
        if verbose:
            for k in sorted(prose - every):
                print(row["file"], "missed:", k)
            for k in sorted(read - gold):
                print(row["file"], "wrong:", k)
    p = t["read_right"] / max(1, t["read"])
    r = t["prose_found"] / max(1, t["prose"])
    return {"prose_p": round(p, 4), "prose_r": round(r, 4), "prose_f1": round(2 * p * r / max(1e-9, p + r), 4),
            "prose_read": f"{t['read_right']}/{t['read']}", "prose_found": f"{t['prose_found']}/{t['prose']}",
            "summary_wrong": f"{t['summary_wrong']}/{t['summary_figures']}",
            "agency": f"{t['agency_right']}/{t['agency_named']}", "year": f"{t['year_right']}/{t['year_named']}"}


def damaged(rows: list[dict], name: str, seed: int = 7) -> list[dict]:
    """Each excerpt with one of training.augment's damages, around the headings the rules find
    (the gold is per excerpt, not per span, so it holds as it is)."""
    from training.gold_sections import headings_by_rules, sections_from_headings

    out = []
    for row in rows:
        sections = sections_from_headings(row["text"], headings_by_rules(row["file"], row["text"]))
        out.append({**row, "text": augment(row["text"], sections, name, seed)[0]})
    return out


def main(argv: list[str] | None = None) -> None:
    from model.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="a model directory or 'rules' (repeatable; "
                        "default: the shipped model and the rules)")
    parser.add_argument("--fold", type=int, action="append", help="score these province folds (default: each)")
    parser.add_argument("--damage", choices=sorted(AUGMENTATIONS), help="score the excerpts damaged this way")
    parser.add_argument("--set", choices=["dev", "web"], default="dev", help="the dev set (data/devset) or the "
                        "web set (data/web); --fold picks from that set's folds")
    parser.add_argument("--index", default="index.jsonl", help="the excerpts this index file of the set lists "
                        "(a batch's own index scores it alone)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    root = WEB if args.set == "web" else DEVSET
    for model in args.model or [None, "rules"]:
        pipeline = Pipeline(model)
        for fold in args.fold or sorted(set(folds(root).values())):
            rows = excerpts(fold, root, args.index)
            if not rows:
                continue  # a batch from some parts only
            rows = damaged(rows, args.damage) if args.damage else rows
            print(json.dumps({"model": model or "shipped", "set": args.set, "fold": fold, "damage": args.damage,
                              "excerpts": len(rows), **score(pipeline, rows, args.verbose)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
