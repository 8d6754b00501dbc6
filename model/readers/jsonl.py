"""JSONL: one report per line, {"id": ..., "text": ...}; a bad line is one error record."""
from __future__ import annotations

import json
from collections.abc import Iterator

from model.document import Document
from model.readers import ReadError, check_text
from model.readers.text import decode, normalise_newlines


def read(data: bytes, name: str, source: str) -> Iterator[Document]:
    lines = decode(data).splitlines()
    if not any(line.strip() for line in lines):
        raise ReadError("empty JSONL file: no records")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fallback = f"{name}:{n}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ReadError('expected an object with a "text" string')
            doc_id = str(record.get("id") or fallback)
            yield Document(id=doc_id, source=f"{source}:{n}",
                           text=check_text(normalise_newlines(record["text"])))
        except (ReadError, json.JSONDecodeError) as e:
            yield Document.failed(fallback, f"{source}:{n}", f"line {n}: {e}")
