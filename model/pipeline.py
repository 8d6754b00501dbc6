"""The ordered components over one Document: the only entry point app.py and
cli.py use. Each component reads what earlier ones added and adds its own kind.

    load -> segment -> meta -> sections (rules, then the model) -> tables ->
    facts (rules, then the model) -> checks -> summary

How rules and model combine was measured (model/weights/README.md, cross-
validated by agency): where a report's headings are clean the heading rules are
kept, elsewhere the model labels the sentences. Facts: the rules'; the fact
head, read only at the number reader's spans, confirms the ones it agrees with.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from model.checks import run_checks
from model.document import Document
from model.facts import extract_facts
from model.sections import detect_meta, missing_sections, tag_by_headings
from model.segment import segment
from model.summary import Abstractive, summarise
from model.tables import extract_tables
from model.tagger import DEFAULT_MODEL

RULES_ONLY = "rules"
# A report whose heading rules found this many distinct sections has clean headings.
CLEAN_HEADINGS = 3


class Pipeline:
    def __init__(self, model: str | os.PathLike | None = None, policy: str = "combined", batch_docs: int = 32,
                 alone: bool = False, summarizer: str | None = None, onnx: str | None = None):
        """`model`: a directory saved by training (default: the shipped one), or
        "rules" for the rules alone. `policy`: combined | model | rules.
        `alone`: the model reads each sentence without its neighbours (evaluation).
        `summarizer`: a seq2seq checkpoint that may rewrite the grounded summary.
        `onnx`: an exported encoder (model/onnx_runtime.py) to run on ONNX Runtime."""
        from model.tagger import Tagger

        path = Path(model) if model not in (None, RULES_ONLY) else DEFAULT_MODEL
        use_model = model != RULES_ONLY and policy != RULES_ONLY and (path / "config.json").exists()
        self.tagger = Tagger(path, onnx=onnx) if use_model else None
        self.policy = policy if self.tagger else RULES_ONLY
        self.batch_docs = batch_docs
        self.alone = alone
        self.abstractive = Abstractive(summarizer) if summarizer else None

    @property
    def model_info(self) -> dict:
        if self.tagger is None:
            return {"name": "rules", "version": "1"}
        return {"name": self.tagger.name, "version": self.tagger.version}

    def analyze(self, doc: Document) -> Document:
        return next(self.analyze_many([doc]))

    def analyze_many(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Documents in, analysed documents out, in order; the model runs over
        batches of documents (its sentences batched across them)."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_docs:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs: list[Document]) -> list[Document]:
        live = [d for d in docs if d.error is None]
        for doc in live:
            segment(doc)
            detect_meta(doc)
            tag_by_headings(doc)
            extract_tables(doc)
            extract_facts(doc)
        if self.tagger is not None and live:
            for doc, out in zip(live, self.tagger.run(live, alone=self.alone, with_facts=True)):
                self._combine(doc, out)
        for doc in live:
            doc.model = self.model_info
            run_checks(doc)
            summarise(doc)
            if self.abstractive is not None:
                self.abstractive(doc)
        return docs

    def _combine(self, doc: Document, out: dict) -> None:
        headings = {s.label for s in doc.sentences if s.heading}
        if self.policy == "model" or len(headings) < CLEAN_HEADINGS:
            for s, label, p in zip(doc.sentences, out["labels"], out["probs"]):
                s.label, s.score = label, p
            doc.missing_sections = missing_sections(doc)
        # Facts: the rules' readings stand; where the fact head reads the same
        # number as the same metric, the fact is confirmed (its score the higher
        # of the two). The head's readings the rules do not make are left out:
        # on the dev set's province folds they added 0-1 right and 1-9 wrong
        # figures per fold at every threshold from 0.5 to 0.99 (model/weights/README.md).
        agreed = {(f.start, f.end, f.metric): f.score for f in self.tagger.facts(doc, out["facts"])}
        for f in doc.facts:
            f.score = max(f.score, agreed.get((f.start, f.end, f.metric), 0.0))


@lru_cache(maxsize=4)
def load(model: str | None = None, policy: str = "combined") -> Pipeline:
    """A pipeline loaded once per process (model, policy)."""
    return Pipeline(model, policy)


def analyze(doc: Document) -> Document:
    return load().analyze(doc)


def analyze_many(docs: Iterable[Document]) -> Iterator[Document]:
    return load().analyze_many(docs)
