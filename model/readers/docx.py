"""DOCX: paragraphs and tables in document order; heading styles kept as hints."""
from __future__ import annotations

import io
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from model.document import Document
from model.readers import ReadError
from model.readers.builder import TextBuilder


def _is_heading(p: Paragraph) -> bool:
    style = (p.style.name if p.style is not None else "") or ""
    if style.lower().startswith(("heading", "title")) or style.startswith("标题"):
        return True
    runs = [r for r in p.runs if r.text.strip()]
    if runs and all(r.bold for r in runs) and len(p.text.strip()) <= 40:
        return True
    return p.alignment == WD_ALIGN_PARAGRAPH.CENTER and len(p.text.strip()) <= 40


def _grid(table: DocxTable) -> list[list[tuple[int, str]]]:
    # python-docx repeats a merged cell in every grid position it covers; its
    # underlying element identifies it, so it is written once. The dict holds each
    # element: an id() of a proxy that was let go may be reused by the next cell.
    ids: dict = {}
    return [[(ids.setdefault(cell._tc, len(ids)), cell.text) for cell in row.cells] for row in table.rows]


def read(data: bytes, name: str, source: str) -> Document:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("not a DOCX file: it is not a zip archive")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "word/document.xml" not in z.namelist():
            raise ReadError("not a DOCX file: a zip archive without word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:
        raise ReadError(f"broken DOCX file: {type(e).__name__}: {e}") from e
    out = TextBuilder()
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            out.block(item.text, heading=_is_heading(item))
        else:
            out.table(_grid(item))
    return out.document(name, source)
