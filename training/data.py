"""Labelled documents for the model, as 🤗 datasets.

One row per document (a report as published or damaged by an augmentation):
its sentences as (context, sentence) pairs from the product's own segmenter,
a section label per sentence (the gold label of most of its characters), and
silver fact spans per sentence from the rules extractor (model/facts.py).
Splits are by agency: one body's near-identical reports never straddle train
and test.
"""
from __future__ import annotations

import hashlib
from collections import Counter

from datasets import Dataset

from model.document import Document
from model.facts import extract_facts
from model.features import sentence_pairs
from model.sections import detect_meta, tag_by_headings
from model.segment import segment
from model.tables import extract_tables
from model.taxonomy import metrics
from training.augment import AUGMENTATIONS, augment
from training.metrics import char_labels

NARRATIVE = {m for m, spec in metrics().items() if spec["where"] == "text"}


def label_document(doc_id: str, agency: str, text: str, sections: list[dict], context_chars: int) -> dict:
    doc = Document(id=doc_id, source=doc_id, text=text)
    segment(doc)
    detect_meta(doc)
    tag_by_headings(doc)
    extract_tables(doc)
    extract_facts(doc)
    gold = char_labels(sections, len(text))
    labels = []
    for s in doc.sentences:
        votes = Counter(gold[i] for i in range(s.start, s.end) if not text[i].isspace() and gold[i])
        labels.append(votes.most_common(1)[0][0] if votes else "preamble")
    facts = [[] for _ in doc.sentences]
    for f in doc.facts:
        if f.metric not in NARRATIVE:
            continue
        for i, s in enumerate(doc.sentences):
            if s.start <= f.start < s.end:
                facts[i].append({"start": f.start - s.start, "end": f.end - s.start, "metric": f.metric})
    return {"id": doc_id, "agency": agency, "pairs": [list(p) for p in sentence_pairs(doc, context_chars)],
            "labels": labels, "facts": facts}


def build(reports: list[dict], augmentations: list[str], context_chars: int, seed: int = 0) -> Dataset:
    """`reports`: {file, agency, text, sections}; each is kept as published and
    once per augmentation."""
    rows = []
    for r in reports:
        rows.append(label_document(r["file"], r["agency"], r["text"], r["sections"], context_chars))
        for name in augmentations:
            text, sections = augment(r["text"], r["sections"], name, seed=seed + _stable(r["file"] + name))
            rows.append(label_document(f"{r['file']}#{name}", r["agency"], text, sections, context_chars))
    return Dataset.from_list([r for r in rows if r["pairs"]])


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
