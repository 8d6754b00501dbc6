"""Evaluation on real reports, always beside the rules baseline.

    python -m training.evaluate                  # rules: sections on corpus + seed, facts on the hand-checked set
    python -m training.evaluate --cv 3           # + the model, cross-validated by agency (trains k models)

Sections: per-character accuracy and macro-F1 (as the spec scores) as
published; with every heading removed; with the headings renamed and OCR-garbled
and with a PDF's line wraps (training/augment.py, where some headings survive
and the rules and the model must share the report); and sentences alone, without
their neighbours (the model's context switched off). Facts: precision/recall/F1
over (metric, value) pairs on data/gold/facts.jsonl and the seed, prose and
table facts apart, as published and OCR-damaged (where label phrases break). With --cv, every model figure is on agencies the model did
not train on (the MLM pretraining, which sees no labels, reads all text).
"""
from __future__ import annotations

import argparse
import json
from argparse import Namespace
from pathlib import Path

from model.document import Document
from model.facts import first_per_metric
from model.pipeline import Pipeline
from model.taxonomy import labels as section_labels
from training.augment import augment
from training.corpus import GOLD, ROOT, gold_reports, read_report, seed_gold, seed_text
from training.metrics import FactScore, SectionScore, fact_key, gold_reads, predicted_char_labels
from training.config import TrainConfig

DAMAGED = ("no_headings", "renamed", "pdf")  # training/augment.py's names
WHOLE = ("published", *DAMAGED)  # the conditions read as whole documents
CONDITIONS = (*WHOLE, "alone")
FACT_CONDITIONS = ("published", "ocr")
CARD_START, CARD_END = "<!-- eval:start -->", "<!-- eval:end -->"


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


def _doc(row: dict, text: str | None = None) -> Document:
    return Document(id=row["file"], source=row["file"], text=row["text"] if text is None else text)


def score_sections(rows: list[dict], pipelines: dict[str, Pipeline]) -> dict[str, SectionScore]:
    """`pipelines`: condition -> the pipeline that reads it."""
    scores = {name: SectionScore() for name in pipelines}
    for row in rows:
        for name, pipeline in pipelines.items():
            text, gold = (augment(row["text"], row["sections"], name, seed=0)[:2] if name in DAMAGED
                          else (row["text"], row["sections"]))
            scores[name].add(text, gold, predicted_char_labels(pipeline.analyze(_doc(row, text))))
    return scores


def score_facts(rows: list[dict], pipeline: Pipeline) -> dict[str, FactScore]:
    """Prose facts, table facts and not_reported, on the reports as published and
    OCR-damaged (label phrases garbled, figures intact); with a model, its fact
    head's prose facts alone too."""
    scores: dict[str, FactScore] = {}
    for damage in FACT_CONDITIONS:
        for row in rows:
            text = row["text"] if damage == "published" else augment(row["text"], [], damage, seed=0)[0]
            doc = pipeline.analyze(_doc(row, text))
            prose = [fact_key(m, v, u) for m, v, u in row["facts"] if "." not in m]
            for kind, is_kind in (("prose", lambda m: "." not in m), ("table", lambda m: "." in m)):
                gold = [fact_key(m, v, u) for m, v, u in row["facts"] if is_kind(m)]
                _score(scores, kind, damage).add(gold, [fact_key(f.metric, f.value, f.unit) for f in doc.facts
                                                        if is_kind(f.metric) and gold_reads(f.metric)])
            _score(scores, "not_reported", damage).add([(m, 0) for m in row["not_reported"]],
                                                       [(m, 0) for m in doc.not_reported])
            if "model" in pipeline.pipe_names:
                tagger = pipeline.get_pipe("model").tagger
                alone = first_per_metric(tagger.facts(tagger.run([doc], with_facts=True)[0].numbers))
                _score(scores, "prose, fact head alone", damage).add(
                    prose, [fact_key(f.metric, f.value, f.unit) for f in alone])
    return scores


def _score(scores: dict[str, FactScore], kind: str, damage: str) -> FactScore:
    return scores.setdefault(kind if damage == "published" else f"{kind} ({damage})", FactScore())


def section_table(results: dict[str, dict[str, SectionScore]]) -> str:
    lines = ["| system | condition | char accuracy | macro-F1 | characters |", "|---|---|---|---|---|"]
    for system, scores in results.items():
        for name, s in scores.items():
            lines.append(f"| {system} | {name} | {s.accuracy():.4f} | {s.macro_f1():.4f} | {s.total} |")
    return "\n".join(lines)


def label_table(results: dict[str, dict[str, SectionScore]]) -> str:
    """Per-character F1 of every section label, one column per system and condition."""
    columns = [(system, name, s) for system, scores in results.items() for name, s in scores.items()]
    labels = sorted({label for _, _, s in columns for label in s.label_f1()}, key=section_labels().index)
    lines = ["| label | " + " | ".join(f"{system} {name}" for system, name, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for label in labels:
        lines.append(f"| {label} | " + " | ".join(f"{s.label_f1().get(label, 0.0):.3f}" for _, _, s in columns) + " |")
    return "\n".join(lines)


def fact_table(results: dict[str, dict[str, FactScore]]) -> str:
    lines = ["| system | facts | precision | recall | F1 | gold | predicted |", "|---|---|---|---|---|---|---|"]
    for system, scores in results.items():
        for name, s in scores.items():
            lines.append(f"| {system} | {name} | {s.precision():.3f} | {s.recall():.3f} | {s.f1():.3f} "
                         f"| {s.tp + s.fn} | {s.tp + s.fp} |")
    return "\n".join(lines)


def rules_baseline() -> str:
    rules = Pipeline("rules")
    facts = score_facts(gold_facts(), rules)
    sections = score_sections(gold_reports(), dict.fromkeys(WHOLE, rules))
    return (f"Rules baseline (headings + rules, no model):\n\n{section_table({'rules': sections})}\n\n"
            f"{fact_table({'rules': facts})}\n")


def cross_validate(k: int, args: Namespace, log=print) -> str:
    """k models, each trained without one group of agencies and scored on it."""
    from dataclasses import replace

    from training.data import agency_folds, build, rules_labelled
    from training.devset import excerpts
    from training.export import export
    from training.finetune import finetune
    from training.train import make_encoder

    reports = gold_reports()
    facts = {r["file"]: r for r in gold_facts()}
    cfg = TrainConfig(out=str(args.cv_dir), encoder=args.cv_encoder, mlm_epochs=args.cv_mlm_epochs,
                      epochs=args.cv_epochs, augment=args.cv_augment)
    # Dev set excerpts train every fold (their labels are the rules'; none is scored here).
    extra = rules_labelled([r for r in excerpts() if r["fold"] in cfg.devset_folds])
    tokenizer, encoder = make_encoder(reports + extra, cfg, log)  # MLM: text only, no labels
    encoder_state = {k_: v.clone() for k_, v in encoder.state_dict().items()}
    totals: dict[str, dict] = {}
    fold_lines = []
    for i, agencies in enumerate(agency_folds(reports, k)):
        held = [r for r in reports if r["agency"] in agencies]
        train_rows = [r for r in reports if r["agency"] not in agencies]
        out = Path(args.cv_dir) / f"fold{i + 1}"
        if args.cv_rescore and (out / "config.json").exists():
            log(f"fold {i + 1}/{k}: rescoring the model saved in {out}")
        else:
            encoder.load_state_dict(encoder_state)
            data = build(train_rows + extra, cfg.augment, seed=cfg.seed)
            log(f"fold {i + 1}/{k}: {len(held)} held-out reports of {len(agencies)} agencies; "
                f"{len(data)} training documents")
            model = finetune(encoder, tokenizer, data, cfg, log=log)
            model.save_pretrained(out)
            tokenizer.save_pretrained(out)
            replace(cfg, out=str(out)).save(out)
            export(out)
        rules, network, combined = Pipeline("rules"), Pipeline(out, "model"), Pipeline(out)
        systems = {
            "rules": dict.fromkeys(WHOLE, rules),
            "model": {**dict.fromkeys(WHOLE, network), "alone": Pipeline(out, "model", alone=True)},
            "combined": dict.fromkeys(WHOLE, combined),
        }
        fold_scores = {name: score_sections(held, pipes) for name, pipes in systems.items()}
        fact_rows = [facts[r["file"]] for r in held if r["file"] in facts]
        if fact_rows:
            fold_scores["facts"] = {
                "rules": score_facts(fact_rows, rules),
                "combined": score_facts(fact_rows, combined),
            }
        for system, scores in fold_scores.items():
            if system == "facts":
                continue
            cells = " | ".join(f"{scores[c].accuracy():.3f}" if c in scores else "–" for c in CONDITIONS)
            fold_lines.append(f"| {i + 1} | {len(held)} | {system} | {cells} |")
            log(fold_lines[-1])  # a long run's figures as each fold ends
        _accumulate(totals, fold_scores)
    header = ("| fold | reports | system | " + " | ".join(CONDITIONS) + " |\n|---|---|---|"
              + "---|" * len(CONDITIONS) + "\n")
    facts_total = totals.pop("facts", {})
    return (f"Per fold, per-character section accuracy on held-out agencies:\n\n{header}" + "\n".join(fold_lines)
            + f"\n\nAll folds together:\n\n{section_table(totals)}\n\n"
            + f"Per-label F1, all folds together:\n\n{label_table(totals)}\n\n"
            + (f"Facts on the hand-checked reports, each scored by the fold that held it out:\n\n"
               f"{fact_table(facts_total)}\n" if facts_total else ""))


def _accumulate(totals: dict, fold_scores: dict) -> None:
    for system, scores in fold_scores.items():
        if system == "facts":
            for name, by_kind in scores.items():
                for kind, s in by_kind.items():
                    t = totals.setdefault("facts", {}).setdefault(name, {}).setdefault(kind, FactScore())
                    t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
            continue
        for cond, s in scores.items():
            totals.setdefault(system, {}).setdefault(cond, SectionScore()).pairs.update(s.pairs)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cv", type=int, default=0, help="k-fold cross-validation by agency (trains k models)")
    # Defaults: the shipped model's own recipe (training/config.py).
    recipe = TrainConfig()
    p.add_argument("--cv-epochs", type=int, default=recipe.epochs)
    p.add_argument("--cv-mlm-epochs", type=int, default=recipe.mlm_epochs)
    p.add_argument("--cv-augment", nargs="*", default=recipe.augment)
    p.add_argument("--cv-dir", default=str(ROOT / "runs" / "cv"))
    p.add_argument("--cv-encoder", help="an MLM encoder saved by `training.train --save-encoder` (skips pretraining)")
    p.add_argument("--cv-rescore", action="store_true",
                   help="score the fold models already saved in --cv-dir instead of training them again")
    p.add_argument("--out", help="also write the tables to this markdown file")
    p.add_argument("--card", help="a model card whose <!-- eval:start --> … <!-- eval:end --> part is replaced")
    args = p.parse_args()
    report = rules_baseline()
    if args.cv:
        report += "\n" + cross_validate(args.cv, args)
    print(report)
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    if args.card:
        card = Path(args.card).read_text(encoding="utf-8")
        head, rest = card.split(CARD_START, 1)
        _, tail = rest.split(CARD_END, 1)
        command = "python -m training.evaluate " + " ".join(f"--cv {args.cv}".split() if args.cv else [])
        Path(args.card).write_text(f"{head}{CARD_START}\nCommand: `{command.strip()}`\n\n{report}{CARD_END}{tail}",
                                   encoding="utf-8")


if __name__ == "__main__":
    main()
