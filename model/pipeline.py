"""The ordered components over one Document: the only entry point app.py and
cli.py use. Each component reads what earlier ones added and adds its own kind."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from model.document import Document
from model.sections import detect_meta, tag_by_headings
from model.segment import segment

COMPONENTS = (segment, detect_meta, tag_by_headings)


def analyze(doc: Document) -> Document:
    if doc.error is not None:
        return doc
    for component in COMPONENTS:
        component(doc)
    return doc


def analyze_many(docs: Iterable[Document]) -> Iterator[Document]:
    for doc in docs:
        yield analyze(doc)
