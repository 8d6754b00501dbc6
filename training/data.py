"""Labelled documents for the model, as 🤗 datasets.

One row per document (a report as published or damaged by an augmentation):
its sentences from the product's own segmenter (offsets and folded text, what
model/features.py turns into windows), a section label per sentence (the gold
label of most of its characters), and silver fact spans (document offsets)
from the rules extractor (model/facts.py).
Splits are by agency: one body's near-identical reports never straddle train
and test.
"""
from __future__ import annotations

import re

import hashlib
from collections import Counter

from datasets import Dataset

from model.document import Document
from model.facts import mentions
from model.features import sentences_of
from model.pipeline import RULES_ONLY, Pipeline, clean_headings
from model.taxonomy import metrics
from training.augment import AUGMENTATIONS, augment
from training.metrics import char_labels

NARRATIVE = {m for m, spec in metrics().items() if spec["where"] == "text"}
# The rules' reading up to the tables: sentences, headings, template, table facts.
READING = Pipeline(RULES_ONLY, disable=["facts", "checks", "summary"])


def analysed(doc_id: str, text: str) -> Document:
    return READING.analyze(Document(id=doc_id, source=doc_id, text=text))


_NUMERAL = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千]")


def silver_facts(doc: Document) -> list[dict]:
    """Every narrative figure the rules read in an (undamaged) analysed text: the
    number spans the fact head tags, not the words of a statement of none (a value-0
    fact whose span is "未收到…申请")."""
    found, _ = mentions(doc)
    return [{"start": f.start, "end": f.end, "metric": f.metric} for f in found
            if f.metric in NARRATIVE and _NUMERAL.search(doc.text[f.start:f.end])
            and not doc.text[f.start:f.end].startswith(("未", "没", "无", "暂", "尚", "不"))]


def label_document(doc: Document, agency: str, sections: list[dict], facts: list[dict]) -> dict:
    """The sentences of an analysed text, each with its gold section label, and
    the fact spans."""
    text = doc.text
    gold = char_labels(sections, len(text))
    labels = []
    for s in doc.sentences:
        votes = Counter(gold[i] for i in range(s.start, s.end) if not text[i].isspace() and gold[i])
        labels.append(votes.most_common(1)[0][0] if votes else "preamble")
    sentences = sentences_of(doc)
    return {"id": doc.id, "agency": agency, "spans": [[a, b] for a, b, _ in sentences],
            "texts": [t for _, _, t in sentences], "labels": labels, "facts": facts}


def build(reports: list[dict], augmentations: list[str], seed: int = 0) -> Dataset:
    """`reports`: {file, agency, text, sections}; each is kept as published and
    once per augmentation. Fact labels are read from the published text and
    moved onto the damaged copies, so a garbled label phrase keeps its figure."""
    rows = []
    for r in reports:
        published = analysed(r["file"], r["text"])
        facts = silver_facts(published)
        rows.append(label_document(published, r["agency"], r["sections"], facts))
        for name in augmentations:
            text, sections, moved = augment(r["text"], r["sections"], name, seed=seed + _stable(r["file"] + name),
                                            facts=facts)
            damaged = analysed(f"{r['file']}#{name}", text)
            rows.append(label_document(damaged, r["agency"], sections, moved))
    return Dataset.from_list([r for r in rows if r["texts"]])


def agency_folds(reports: list[dict], k: int) -> list[set[str]]:
    """k groups of agencies of similar size in reports, deterministic."""
    sizes = Counter(r["agency"] for r in reports)
    folds: list[set[str]] = [set() for _ in range(k)]
    load = [0] * k
    for agency, n in sorted(sizes.items(), key=lambda x: (-x[1], x[0])):
        i = load.index(min(load))
        folds[i].add(agency)
        load[i] += n
    return folds


def _stable(s: str) -> int:
    return int(hashlib.md5(s.encode()).hexdigest()[:8], 16)


ALL_AUGMENTATIONS = list(AUGMENTATIONS)


def rules_labelled(rows: list[dict]) -> list[dict]:
    """Texts whose headings are clean (model/pipeline.py: clean_headings), with
    the rules' labels as their gold: reports from other provinces than the
    corpus's, in their own phrasing. `rows`: {file, agency, text}; the rest are
    left out."""
    out = []
    for r in rows:
        doc = analysed(r["file"], r["text"])
        if clean_headings(doc):
            out.append({**r, "sections": [{"start": s.start, "end": s.end, "label": s.label}
                                          for s in doc.sentences]})
    return out
