"""A table region as rows of cells, whatever shape it arrived in.

Two sources give the same result, a list of `Row`s (the taxonomy's row id, the
label's span, the cells of figures in order):
- a table grid a reader kept (HTML, DOCX, PDF ruling lines: `doc.tables`), where
  every cell keeps its position, so a blank cell is a known column;
- the text, where a row runs from its label to the next label and its cells are
  cut by whatever separates them (`|`, tabs, line breaks, spaces). A row on one
  separated line keeps its positions (the n-th cell after the label is column n,
  an empty one is blank); anywhere else (one cell per line, dropped blanks, cells
  run together) only the order of the figures is known and `positional` is False.

Labels are matched on a view of the text that is folded (full-width forms) and
simplified (traditional characters through OpenCC, one character for one), so
every offset is an offset in the text the user sees.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from model.document import Cell, Table

FIGURE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
DASH = re.compile(r"[/／\-－—–]+")
_RAW = re.compile(r"[^\s|]+")
RULE_LINE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?)?[ \t]*$", re.MULTILINE)  # markdown |---|---|
# Figures run into words in flattened copies ("行政强制000第二十条"): digits apart.
_PIECE = re.compile(r"[+-]?\d+(?:[.,]\d+)*|\D+")
# A row's list number ("2.其他法律…") belongs to its label, not to the row above.
_YEAR_TAIL = re.compile(r"(?<=\d)(?:19|20)\d\d$")
_UNITS = set("年月日号件条个项人次元%％万亿起宗家份篇期场户名")
_ORDINAL = re.compile(r"\d\s*[.、]\s*$")
# A line of bare figures (cells apart by spaces, tabs or `|`): maybe a header's column numbering.
NUMBERING_LINE = re.compile(r"^[ \t|]*\d+(?:[ \t|]+\d+)+[ \t|]*$", re.MULTILINE)


@dataclass
class Row:
    key: str
    label: tuple[int, int]
    cells: list[Cell]          # figures, blanks ("") and dashes ("/", "-") in reading order
    positional: bool           # cell i is column i (a grid, or a one-line separated row)
    cut: bool = False          # the row runs into the end of the text (an excerpt cut mid-row)
    gap: bool = False          # text (headers of other rows) lies between the label and the figures
    stray: bool = False        # digits in the row's text that are not cells (run into prose)


def kind(text: str) -> str:
    """figure, blank, dash, or text (a label, a header, prose)."""
    t = text.strip()
    if not t:
        return "blank"
    if FIGURE.fullmatch(t):
        return "figure"
    if DASH.fullmatch(t):
        return "dash"
    return "text"


# A label run on by 、 or 和 ("相关规章、规范性文件") is prose naming the row, not the row.
_PROSE_AFTER = re.compile(r"\s*[、，,。；;和及与]")


def _match(patterns: list[re.Pattern], view: str, pos: int, end: int, prose_ok: bool) -> re.Match | None:
    found = []
    for p in patterns:
        at = pos
        while (m := p.search(view, at, end)) and not prose_ok and _PROSE_AFTER.match(view, m.end()):
            at = m.end()
        if m:
            found.append(m)
    return min(found, key=lambda m: m.start()) if found else None


def find_labels(view: str, start: int, end: int, specs: list[tuple[str, list[re.Pattern]]],
                ordered: bool = True) -> list[tuple[str, int, int]]:
    """Row labels in the taxonomy's order, each after the one before (`ordered`),
    or each row's first label in the region that is not prose naming it, in the
    order they stand (table 二, whose blocks some copies print out of order)."""
    found, pos = [], start
    for key, patterns in specs:
        m = _match(patterns, view, pos if ordered else start, end, prose_ok=ordered)
        if m:
            o = _ORDINAL.search(view, max(start, m.start() - 4), m.start())
            found.append((key, o.start() if o else m.start(), m.end()))
            pos = m.end()
    return found if ordered else sorted(found, key=lambda f: f[1])


def text_rows(text: str, view: str, labels: list[tuple[str, int, int]], end: int, widths: dict[str, int]) -> list[Row]:
    rows = []
    for i, (key, a, b) in enumerate(labels):
        stop = labels[i + 1][1] if i + 1 < len(labels) else end
        rows.append(_text_row(text, view, key, a, b, stop, widths[key]))
    return rows


def _text_row(text: str, view: str, key: str, a: int, b: int, stop: int, width: int) -> Row:
    line_end = view.find("\n", b)
    line_end = stop if line_end < 0 or line_end > stop else line_end
    rest = view[b:line_end]
    sep = "|" if "|" in rest else "\t" if "\t" in rest else None
    if sep:
        cells = _separated(text, rest, b, sep)
        if any(kind(c.text) == "figure" for c in cells):
            filled = [c for c in cells if kind(c.text) != "blank"]
            while len(cells) > width and kind(cells[-1].text) == "blank":
                cells.pop()  # `||` padding after the last column
            if len(filled) <= width:
                return Row(key, (a, b), cells, positional=True)
    row_line = _row_line(text, view, line_end, stop, width)
    if row_line:
        return Row(key, (a, b), row_line, positional=True)
    cells = []
    started = gap = False
    for word, at in _words(view, b, stop):
        k = kind(word)
        if k == "text":
            if started:
                stop = at
                break
            gap = gap or at > b  # the rest of the label cell, instructions inside it, or other headers
            continue
        started = True
        cells.append(Cell(text[at:at + len(word)], at, at + len(word)))
    stray = not cells and bool(re.search(r"\d", view[b:stop]))
    cut = not text[stop:].strip()
    if cut and len(cells) == width + 1 and re.fullmatch(r"\d", cells[-1].text):
        cells.pop()  # the text ends in the next row's list number ("…0\n\n2")
    return Row(key, (a, b), cells, positional=False, cut=cut, gap=gap, stray=stray)


def _row_line(text: str, view: str, start: int, stop: int, width: int) -> list[Cell] | None:
    """A separated line below a heading that repeats the row's label in its first
    cells and then holds its figures (markdown tables under `### 一、…` headings)."""
    pos = start + 1
    for line in view[start + 1:stop].split("\n"):
        sep = "|" if "|" in line else "\t" if "\t" in line else None
        kinds = [kind(p) for p in line.split(sep)] if sep else []
        if "text" in kinds and "figure" in kinds[kinds.index("text"):]:
            cells = _separated(text, line, pos, sep)
            if cells and sum(kind(c.text) != "blank" for c in cells) <= width:
                while len(cells) > width and kind(cells[-1].text) == "blank":
                    cells.pop()
                return cells
        pos += len(line) + 1
    return None


def _words(view: str, start: int, stop: int):
    """(word, offset) between separators; a word mixing digits and text is cut
    into its digit runs and the rest, unless it is a dash cell."""
    skip = [(m.start(), m.end()) for m in RULE_LINE.finditer(view, start, stop)]
    skip += [(m.start(), m.end()) for m in NUMBERING_LINE.finditer(view, start, stop) if _numbering(m.group())]
    for m in _RAW.finditer(view, start, stop):
        if any(a <= m.start() < b for a, b in skip):
            continue
        if kind(m.group()) in ("figure", "dash"):
            yield m.group(), m.start()
            continue
        for p in _PIECE.finditer(m.group()):
            if kind(p.group()) == "figure" and m.group()[p.end():p.end() + 1] in _UNITS:
                # "2025年", "3件": prose, not a cell; a year run onto the last cell
                # ("…继续办理20000022025年，") leaves the cell.
                cut, year = 0, _YEAR_TAIL.search(p.group())
                if year and m.group()[p.end()] == "年":
                    cut = year.start()
                    yield p.group()[:cut], m.start() + p.start()
                yield m.group()[p.start() + cut:], m.start() + p.start() + cut
                break
            yield p.group(), m.start() + p.start()


def _numbering(line: str) -> bool:
    """A header's column numbering ("1 2 3 4 5 6 7" under the column names, as some
    2021-format tables print it, or a wrapped "数据1" header's digits): 1, 2, … n."""
    words = _RAW.findall(line)
    return len(words) >= 3 and words == [str(i) for i in range(1, len(words) + 1)]


def _separated(text: str, rest: str, offset: int, sep: str) -> list[Cell]:
    """Cells of a one-line row after its label: the first piece is the rest of the
    label cell; label-like cells before the first figure (a block label merged into
    the row) are skipped; a text cell after the figures ends the row."""
    pieces, pos = [], offset
    for piece in rest.split(sep):
        pieces.append((piece, pos))
        pos += len(piece) + 1
    cells: list[Cell] = []
    for piece, at in pieces[1:]:
        k = kind(piece)
        if k == "text":
            if any(kind(c.text) != "blank" for c in cells):
                break
            cells = []
            continue
        lead = len(piece) - len(piece.lstrip())
        value = piece.strip()
        cells.append(Cell(text[at + lead:at + lead + len(value)], at + lead, at + lead + len(value)))
    return cells


def grid_rows(table: Table, view: str, specs: list[tuple[str, list[re.Pattern]]]) -> list[Row]:
    """Rows of a kept table grid whose label cell names a row of `specs`."""
    rows = []
    for grid_row in table.rows:
        seen, cells = set(), []
        for cell in grid_row:
            if (cell.start, cell.end) in seen and cell.end > cell.start:
                continue  # a merged cell repeated in every position it covers
            seen.add((cell.start, cell.end))
            cells.append(cell)
        labels = [i for i, c in enumerate(cells) if kind(c.text) == "text"]
        if not labels:
            continue
        last = labels[-1]
        key = None
        for i in reversed(labels):
            key = next((k for k, ps in specs if any(p.search(view, cells[i].start, cells[i].end) for p in ps)), None)
            if key:
                lab = cells[i]
                break
        if key is None:
            continue
        rows.append(Row(key, (lab.start, lab.end), cells[last + 1:], positional=True))
    return rows
