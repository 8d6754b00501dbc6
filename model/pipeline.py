"""The ordered components over one Document: the only entry point app.py and
cli.py use. Each component reads what earlier ones added and adds its own kind."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from model.checks import run_checks
from model.document import Document
from model.facts import extract_facts
from model.sections import detect_meta, tag_by_headings
from model.segment import segment
from model.tables import extract_tables

COMPONENTS = (segment, detect_meta, tag_by_headings, extract_tables, extract_facts, run_checks)


def analyze(doc: Document) -> Document:
    if doc.error is not None:
        return doc
    for component in COMPONENTS:
        component(doc)
    return doc


def analyze_many(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield analyze(doc)
