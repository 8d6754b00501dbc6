"""Builds a Document's text from structured formats (HTML, DOCX) while keeping
the offsets of tables and heading-styled blocks."""
from __future__ import annotations

import re

from model.document import Cell, Document, Table

_SPACES = re.compile(r"[ \t\u3000\xa0]+")


class TextBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.tables: list[Table] = []
        self.hints: list[tuple[int, int]] = []

    def _write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def _at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def block(self, text: str, heading: bool = False) -> None:
        """A paragraph on its own line; whitespace collapsed as a browser would."""
        text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
        if not text:
            return
        if not self._at_line_start():
            self._write("\n")
        start = self.length
        self._write(text + "\n")
        if heading:
            self.hints.append((start, start + len(text)))

    def table(self, grid: list[list[tuple[int, str] | None]]) -> None:
        """A table as one line per row, cells separated by tabs.

        `grid[r][c]` is (cell_id, text): a cell spanning several grid positions
        has one id there, is written once and shares its offsets in every position.
        """
        if not self._at_line_start():
            self._write("\n")
        start = self.length
        placed: dict[int, Cell] = {}
        rows: list[list[Cell]] = []
        for grid_row in grid:
            row: list[Cell] = []
            wrote = False
            for entry in grid_row:
                if entry is None:
                    row.append(Cell("", self.length, self.length))
                    continue
                cell_id, text = entry
                if cell_id not in placed:
                    if wrote:
                        self._write("\t")
                    text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
                    placed[cell_id] = Cell(text, self.length, self.length + len(text))
                    self._write(text)
                    wrote = True
                row.append(placed[cell_id])
            rows.append(row)
            if wrote:
                self._write("\n")
        if rows:
            self.tables.append(Table(rows=rows, start=start, end=self.length))

    def document(self, name: str, source: str) -> Document:
        return Document(id=name, source=source, text="".join(self.parts),
                        tables=self.tables, heading_hints=self.hints)


def resolve_spans(rows: list[list[tuple[str, int, int]]]) -> list[list[tuple[int, str] | None]]:
    """(text, rowspan, colspan) per row, as in HTML, to a rectangular grid."""
    grid: dict[tuple[int, int], tuple[int, str]] = {}
    width = 0
    cell_id = 0
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            for dr in range(max(rowspan, 1)):
                for dc in range(max(colspan, 1)):
                    grid[(r + dr, c + dc)] = (cell_id, text)
            cell_id += 1
            c += max(colspan, 1)
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    return [[grid.get((r, c)) for c in range(width)] for r in range(height)]


def plain_grid(rows: list[list[str]]) -> list[list[tuple[int, str] | None]]:
    """Rows of cell texts, no spans, to a rectangular grid (short rows padded)."""
    width = max((len(r) for r in rows), default=0)
    return [[(r * width + c, text) for c, text in enumerate(row)] + [None] * (width - len(row))
            for r, row in enumerate(rows)]


def write_lines(out: TextBuilder, lines, row_cells) -> None:
    """Lines of a converter's or OCR's text: a run of lines `row_cells` splits into
    cells becomes one table, any other line a paragraph."""
    rows: list[list[str]] = []
    for line in lines:
        cells = row_cells(line)
        if cells is not None:
            rows.append(cells)
            continue
        if rows:
            out.table(plain_grid(rows))
            rows = []
        out.block(line)
    if rows:
        out.table(plain_grid(rows))
