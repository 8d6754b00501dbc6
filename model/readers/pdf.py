"""PDF: the text layer, page by page (a scan without one is an error, not an empty report).

Tables drawn with ruling lines are kept as structure: pdfplumber's table finder
cuts them into cells from the lines and the word positions, and each table is
written into the text row by row (cells separated by tabs, as the HTML and DOCX
readers do) in place of the one-cell-per-line, column-major run the plain text
layer gives; `doc.tables` holds its grid with every cell's span in that text.
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata

import pdfplumber

from model.document import Document
from model.readers import ReadError
from model.readers.builder import TextBuilder

# pdfminer warns on every page of fonts without a bounding box; not the user's problem.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
# Some PDF fonts map 一, 二, 民 … to Kangxi radicals (⼀ ⼆ ⺠), which look alike but
# match nothing; they are mapped back to the ideographs.
_RADICALS = re.compile("[\u2e80-\u2fdf]")


# The supplement block has no NFKC mapping; these are the ones Chinese fonts use.
_SUPPLEMENT = dict(zip("⺠⻓⻔⻋⻢⻅⻩⻄⻛⻜⻝⻙⻚⻆⻉⻁⺟⺁⻰⻥⻤⻨⻪⻬⻮", "民长门车马见黄西风飞食页页角贝虎母厂龟鱼鬼麦齿黾龙"))


def _unradical(text: str) -> str:
    return _RADICALS.sub(lambda m: _SUPPLEMENT.get(m.group()) or unicodedata.normalize("NFKC", m.group()), text)


# A line break inside a table cell is the cell's width, not a space: joined
# between two non-ASCII characters ("只计这一情\n形", one character per line).
_CELL_WRAP = re.compile(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])")


def _grid(rows: list[list[str | None]]) -> list[list[tuple[int, str] | None]]:
    """pdfplumber's rows (None where a merged cell covers the position) as the
    builder's grid: a covered position repeats the cell to its left, else above."""
    grid: list[list[tuple[int, str] | None]] = []
    next_id = 0
    for r, row in enumerate(rows):
        out: list[tuple[int, str] | None] = []
        for c, text in enumerate(row):
            if text is not None:
                out.append((next_id, _unradical(_CELL_WRAP.sub("", text))))
                next_id += 1
            elif c > 0 and out[c - 1] is not None:
                out.append(out[c - 1])
            elif r > 0 and c < len(grid[r - 1]):
                out.append(grid[r - 1][c])
            else:
                out.append(None)
        grid.append(out)
    return grid


def _page(page, out: TextBuilder) -> None:
    """Text bands between the page's ruled tables, and the tables themselves."""
    top = 0.0
    for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
        _, y0, _, y1 = table.bbox
        if y0 > top:
            _lines(page.within_bbox((0, top, page.width, y0)).extract_text() or "", out)
        out.table(_grid(table.extract()))
        top = y1
    if top < page.height:
        _lines(page.within_bbox((0, top, page.width, page.height)).extract_text() or "", out)


def _lines(text: str, out: TextBuilder) -> None:
    for line in _unradical(text).split("\n"):
        out.block(line)


def read(data: bytes, name: str, source: str) -> Document:
    out = TextBuilder()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            for page in pdf.pages:
                _page(page, out)
    except Exception as e:
        raise ReadError(f"not a readable PDF: {type(e).__name__}: {e}") from e
    doc = out.document(name, source)
    if not doc.text.strip():
        raise ReadError(f"PDF has no text layer ({pages} page(s), probably a scan): run OCR on it first")
    return doc
