"""The ordered components over one Document: the only entry point the page, the
CLI, Ray, training and evaluation use. Like spaCy's `Language.pipeline`, a
pipeline is a list of (name, component); each component is a `Document ->
Document` callable that reads what earlier ones added and adds its own kind.
A component with a `pipe(docs)` method is given whole batches (the model
batches sentences across documents).

    segment -> meta -> headings -> tables -> facts -> model -> checks -> indicators -> summary -> rewrite

How rules and model combine was measured (model/weights/README.md, cross-
validated by agency): where a report's headings are clean the heading rules are
kept, elsewhere the model labels the sentences (and the encoder runs only
there), keeping the label of each heading the rules do name. Facts: the rules'; the fact head, read only at the number reader's
spans, confirms the ones it agrees with.

    Pipeline()                      # the shipped model
    Pipeline("rules")               # no model: torch is never imported
    Pipeline(DIR, disable=["summary"])
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from model.checks import run_checks
from model.document import Document
from model.facts import extract_facts
from model.indicators import add_indicators
from model.sections import detect_meta, missing_sections, tag_by_headings
from model.segment import segment
from model.summary import Abstractive, summarise
from model.tables import extract_tables

RULES_ONLY = "rules"
DEFAULT_MODEL = Path(__file__).parent / "weights"
# The fewest top-level headings a report with clean headings has (clean_headings).
CLEAN_HEADINGS = 2

Component = Callable[[Document], Document]


class ModelError(ValueError):
    """A model directory that is missing or cannot be loaded (never a silent fallback)."""


def _step(fn: Callable[[Document], None]) -> Component:
    """A rules function that annotates a Document in place, as a component."""
    def run(doc: Document) -> Document:
        fn(doc)
        return doc
    run.__name__ = getattr(fn, "__name__", type(fn).__name__)
    return run


class ModelReader:
    """The network's reading combined with the rules' (policy in the module doc):
    sections where headings are not clean, and a confirmation of the rules' facts."""

    def __init__(self, path: Path, policy: str = "combined", alone: bool = False, backend: str | None = None):
        from model.tagger import Tagger  # onnxruntime (or torch, model/backends.py) loads only here

        try:
            self.tagger = Tagger(path, backend=backend)
        except Exception as exc:  # a broken directory: say which and why, in the user's language
            raise ModelError(f"模型无法加载（{path}）：{type(exc).__name__}: {exc}") from exc
        self.policy = policy
        self.alone = alone

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        # The network reads the documents whose sections it labels. Where the
        # headings are clean the rules' labels stand and its reading would only
        # raise the confidence score of facts the rules read (all above the
        # summary's threshold already), so the encoder is not run there: on a
        # folder of reports most are clean, and this is most of the model's cost.
        chosen = [d for d in docs if self.policy == "model" or not clean_headings(d)]
        # A heading whose words the rules know keeps their label, and the network
        # labels the sentences around it.
        fixed = [{} if self.policy == "model" else anchors(d) for d in chosen]
        for doc, reading in zip(chosen, self.tagger.run(chosen, alone=self.alone, with_facts=True, fixed=fixed)):
            for s, label, p in zip(doc.sentences, reading.labels, reading.probs):
                s.label, s.score = label, p
            doc.missing_sections = missing_sections(doc)
            # Facts: the rules' readings stand; where the fact head reads the same
            # number as the same metric, the fact is confirmed (its score the higher
            # of the two). The head's own readings are left out: on the dev set's
            # province folds they added 0-1 right and 1-9 wrong figures per fold at
            # every threshold from 0.5 to 0.99 (model/weights/README.md).
            agreed = {(f.start, f.end, f.metric): f.score for f in self.tagger.facts(reading.numbers)}
            for f in doc.facts:
                f.score = max(f.score, agreed.get((f.start, f.end, f.metric), 0.0))
        return docs


def anchors(doc: Document) -> dict[int, str]:
    """Sentence index -> label of the headings the heading rules name."""
    return {i: s.label for i, s in enumerate(doc.sentences) if s.named}


def clean_headings(doc: Document) -> bool:
    """The heading rules found at least CLEAN_HEADINGS headings, name each one,
    and the numbered ones run 一、二、三… from the first without a gap.

    A heading they cannot name takes its label from its position only
    (sections.py: _unknown_heading_label), and a gap in the numbering is a heading
    they did not find (broken by a PDF's wraps, garbled, renamed past a title):
    there the network reads better than the rules. Measured against the former
    test (three distinct sections) by agency CV on the corpus, published and
    damaged (model/weights/README.md)."""
    headings = [s for s in doc.sentences if s.heading]
    numbers = [s.ordinal for s in headings if s.ordinal is not None]
    return (len(headings) >= CLEAN_HEADINGS and all(s.named for s in headings)
            and numbers == list(range(1, len(numbers) + 1)))


def _model_dir(model: str | os.PathLike | None) -> Path:
    path = DEFAULT_MODEL if model is None else Path(model)
    if not path.is_dir():
        raise ModelError(f"模型目录不存在：{path}")
    if not (path / "config.json").is_file():
        raise ModelError(f"不是训练好的模型目录（缺少 config.json）：{path}")
    return path


# The registry: every component by name, in pipeline order, each a factory
# over the pipeline's settings (None: not part of this pipeline).
REGISTRY: dict[str, Callable[["Pipeline"], Component | None]] = {
    "segment": lambda p: _step(segment),
    "meta": lambda p: _step(detect_meta),
    "headings": lambda p: _step(tag_by_headings),
    "tables": lambda p: _step(extract_tables),
    "facts": lambda p: _step(extract_facts),
    "model": lambda p: ModelReader(p.model_dir, p.policy, p.alone, p.backend) if p.model_dir else None,
    "checks": lambda p: _step(run_checks),
    "indicators": lambda p: _step(add_indicators),
    "summary": lambda p: _step(summarise),
    "rewrite": lambda p: _step(Abstractive(p.summarizer)) if p.summarizer else None,
}


class Pipeline:
    def __init__(self, model: str | os.PathLike | None = None, policy: str = "combined", batch_docs: int = 32,
                 alone: bool = False, summarizer: str | None = None, backend: str | None = None,
                 disable: Iterable[str] = ()):
        """`model`: a directory saved by training (default: the shipped one), or
        "rules" for the rules alone. `policy`: combined | model (the model's
        sections everywhere). `alone`: the model reads each sentence without its
        neighbours (evaluation). `summarizer`: a seq2seq checkpoint that may
        rewrite the grounded summary. `backend`: "onnx" or "torch" to run the
        network on (default: ONNX Runtime where the model directory holds a
        current export, model/backends.py). `disable`: component names to leave out."""
        disable = set(disable)
        unknown = disable - REGISTRY.keys()
        if unknown:
            raise ValueError(f"unknown components {sorted(unknown)}; known: {list(REGISTRY)}")
        rules = model == RULES_ONLY or "model" in disable
        self.model_dir = None if rules else _model_dir(model)
        self.policy, self.alone, self.backend, self.summarizer = policy, alone, backend, summarizer
        self.batch_docs = batch_docs
        self.pipeline: list[tuple[str, Component]] = [
            (name, component) for name, factory in REGISTRY.items()
            if name not in disable and (component := factory(self)) is not None]
        reader = self.get_pipe("model") if "model" in self.pipe_names else None
        self.model_info = ({"name": reader.tagger.name, "version": reader.tagger.version} if reader
                           else {"name": RULES_ONLY, "version": "1"})

    @property
    def pipe_names(self) -> list[str]:
        return [name for name, _ in self.pipeline]

    def get_pipe(self, name: str) -> Component:
        return dict(self.pipeline)[name]

    def analyze(self, doc: Document) -> Document:
        return next(self.analyze_many([doc]))

    def analyze_many(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Documents in, analysed documents out, in order, `batch_docs` at a time.
        A document a reader could not read (`error` set) passes through untouched."""
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
            doc.model = dict(self.model_info)
        for _, component in self.pipeline:
            if not live:
                break
            live = component.pipe(live) if hasattr(component, "pipe") else [component(d) for d in live]
        return docs


@lru_cache(maxsize=4)
def load(model: str | None = None, policy: str = "combined") -> Pipeline:
    """A pipeline loaded once per process (model, policy)."""
    return Pipeline(model, policy)


def analyze(doc: Document) -> Document:
    return load().analyze(doc)


def analyze_many(docs: Iterable[Document]) -> Iterator[Document]:
    return load().analyze_many(docs)
