"""PDF: the text layer, page by page (a scan without one is an error, not an empty report)."""
from __future__ import annotations

import io

import pdfplumber

from model.document import Document
from model.readers import ReadError


def read(data: bytes, name: str, source: str) -> Document:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as e:
        raise ReadError(f"not a readable PDF: {type(e).__name__}: {e}") from e
    text = "\n".join(p.rstrip("\n") for p in pages)
    if not text.strip():
        raise ReadError(f"PDF has no text layer ({len(pages)} page(s), probably a scan): run OCR on it first")
    return Document(id=name, source=source, text=text)
