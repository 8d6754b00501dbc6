"""Offline OCR of scanned pages: RapidOCR's PP-OCRv4 Chinese models, which
ship inside the rapidocr-onnxruntime wheel (nothing is downloaded), run on
ONNX Runtime. Lines are rebuilt from the word boxes: boxes whose centres lie
on one (deskewed) baseline form a line, left to right, and a wide gap between
two boxes becomes a tab, so a table's row stays one line of cells, a cell's
wrapped lines (the label's, a narrow merged cell's) joined to it, across a page
break too.
benchmarks/ocr.py measures it against Debian's tesseract (chi_sim)."""
from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from functools import lru_cache
from statistics import median

import numpy as np

from model.readers import ReadError, extend_budget

# Pages are rendered at this resolution: the detector works on ~150 dpi text.
RENDER_DPI = 150
MAX_RENDER_SIDE = 2500
# Seconds of reading budget each recognised page adds (2–6 s a page on 2 cores).
PAGE_SECONDS = 30
# A scanned annual report has 10–40 pages.
MAX_PAGES = 80
# A gap wider than this many line heights separates two cells.
CELL_GAP = 1.2
# A figure is a cell of its own past a gap of this many line heights (a word space is less).
FIGURE_GAP = 0.6
# A label line that ends within this many line heights of its row's first figure
# filled its column: the line below may be the label's wrapped rest.
WRAP_SLACK = 2.0
TEXT_SCORE = 0.3
# A slot between a row's figures is read alone only in a run of this many figures
# (a table row), and what is read there kept only at this score.
MIN_RUN = 4
SLOT_SCORE = 0.5
# A figure in a table cell as OCR misreads it: a speck of dust beside it read as a
# point, a zero read as the letter O.
_FIGURE = re.compile(r"[.·,]?[0-9Oo]*[0-9][0-9Oo]*[.·,]?|[Oo]")
_SPECK = re.compile(r"[.·,'`]+")


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise ReadError("无法识别扫描件：未安装 OCR 组件（pip install rapidocr-onnxruntime）") from None
    # Pages are upright: the line-orientation classifier would only cost time. A table's
    # lone "0" is recognised with a score of 0.3–0.5: the default cut (0.5) dropped it.
    return RapidOCR(use_cls=False, print_verbose=False, text_score=TEXT_SCORE)


def _recognised(image) -> tuple[list, Callable]:
    """RapidOCR's boxes on a page image, and a reader of any slot of it."""
    pixels = np.asarray(image.convert("RGB")) if hasattr(image, "convert") else image
    result, _ = _engine()(pixels, use_cls=False)
    return result or [], _slot_reader(pixels)


def _slot_reader(pixels) -> Callable[[float, float, float, float], str | None]:
    """Recognition alone (no detection) of the box (left, top, right, bottom): what
    is printed there, if the recogniser is sure enough."""
    def read(x0: float, y0: float, x1: float, y1: float) -> str | None:
        crop = pixels[max(round(y0), 0):max(round(y1), 0), max(round(x0), 0):max(round(x1), 0)]
        if crop.size == 0:
            return None
        found, _ = _engine()(np.ascontiguousarray(crop), use_det=False, use_cls=False)
        return found[0][0] if found and found[0][1] >= SLOT_SCORE else None

    return read


def rebuild_lines(boxes: list) -> str:
    """RapidOCR's [(quad, text, score)] on one page to lines of text, top to bottom."""
    return _text(_Rows().join(*_page_rows(boxes)))


def _page_rows(boxes: list, read_slot: Callable | None = None) -> tuple[list[list[tuple[float, float, str]]], float]:
    """A page's boxes as lines of cells (left, right, text), top to bottom, and the
    page's line height; `read_slot` looks for the figures the detector missed."""
    words = []
    angles = []
    for quad, text, score in boxes:
        if _SPECK.fullmatch(text) and score < 0.5:
            continue  # dust
        (x0, y0), (x1, y1), _, (_, y3) = quad[0], quad[1], quad[2], quad[3]
        if x1 - x0 > 3 * abs(y3 - y0):  # long boxes tell the page's skew
            angles.append(math.atan2(y1 - y0, x1 - x0))
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        words.append((min(xs), max(xs), (min(ys) + max(ys)) / 2, max(ys) - min(ys), text))
    if not words:
        return [], 0.0
    slope = math.tan(median(angles)) if angles else 0.0
    height = median(w[3] for w in words)
    # Baseline of each word with the skew taken out, then words grouped by it.
    placed = sorted(((w[2] - slope * w[0], w) for w in words), key=lambda p: p[0])
    lines: list[list[tuple]] = []
    level = None
    for base, word in placed:
        if level is None or base - level > 0.5 * height:
            lines.append([])
            level = base
        lines[-1].append(word)
    lines = [sorted(line, key=lambda w: w[0]) for line in lines]
    if read_slot is not None:
        lines = [_missed_figures(line, read_slot) for line in _missed_characters(lines, height, read_slot)]
    return [_cells(line, height) for line in lines], height


def _missed_characters(lines: list[list[tuple]], height: float, read_slot: Callable) -> list[list[tuple]]:
    """A narrow cell printed a character a line, with the characters the detector
    missed: where lone characters stand in one column at an even pitch (the lines)
    and two of them stand two pitches apart, the slot between is read alone (a lone
    "一", one thin stroke, is the detector's usual miss)."""
    lone = sorted(((w[0], i, w) for i, line in enumerate(lines) for w in line
                   if len(w[4]) == 1 and not _FIGURE.fullmatch(w[4])), key=lambda c: c[0])
    columns: list[list[tuple]] = []
    for left, i, word in lone:
        if columns and left - columns[-1][0][0] < height:
            columns[-1].append((left, i, word))
        else:
            columns.append([(left, i, word)])
    found: dict[int, list[tuple]] = {}  # line index -> new lines after it
    for column in columns:
        column.sort(key=lambda c: c[2][2])
        if len(column) < MIN_RUN:
            continue
        pitch = median(b[2][2] - a[2][2] for a, b in itertools.pairwise(column))
        for (_, i, a), (_, _, b) in itertools.pairwise(column):
            if abs(b[2] - a[2] - 2 * pitch) > 0.25 * pitch:
                continue
            left, middle = min(a[0], b[0]), (a[2] + b[2]) / 2
            text = read_slot(left - 0.5 * height, middle - 0.5 * pitch, left + 1.5 * height, middle + 0.5 * pitch)
            if text:
                found.setdefault(i, []).append([(left, left + max(a[1] - a[0], b[1] - b[0]), middle, height, text)])
    return [new for i, line in enumerate(lines) for new in [line, *found.get(i, [])]]


def _missed_figures(line: list[tuple], read_slot: Callable) -> list[tuple]:
    """A table row's figures with those the detector missed: where a row's figures
    stand at an even pitch (its columns) and two of them stand two or three pitches
    apart, the empty slots between are read alone. The detector drops a lone narrow
    glyph now and then (a "1" or "0" in a 14-column table); a slot left blank on the
    page reads as nothing."""
    figures = [w for w in line if _FIGURE.fullmatch(w[4])]
    if len(figures) < MIN_RUN:
        return line
    pitch = median(b[0] - a[0] for a, b in itertools.pairwise(figures))
    found = []
    for a, b in itertools.pairwise(figures):
        steps = round((b[0] - a[0]) / pitch)
        if steps not in (2, 3) or abs(b[0] - a[0] - steps * pitch) > 0.25 * pitch:
            continue
        for k in range(1, steps):
            left = a[0] + k * (b[0] - a[0]) / steps
            middle, height = (a[2] + b[2]) / 2, max(a[3], b[3])
            text = read_slot(left - 0.3 * pitch, middle - height, left + 0.7 * pitch, middle + height)
            if text and _FIGURE.fullmatch(text):
                found.append((left, left + a[1] - a[0], middle, height, text))
    return sorted(line + found, key=lambda w: w[0]) if found else line


def _text(rows: list[list[tuple[float, float, str]]]) -> str:
    out = []
    for cells in rows:
        texts = [text for _, _, text in cells]
        if len(texts) > 1:  # a table row
            texts = [_figure(t) for t in texts]
        out.append("\t".join(texts))
    return "\n".join(out)


def _cells(line: list[tuple], height: float) -> list[tuple[float, float, str]]:
    """A line's words as cells (left, right, text): a wide gap parts two cells, and so
    does any gap before or after a figure ("705" "3"; a label filling its column up
    to the first figure: "…逾期不补正，行" "9")."""
    cells = [[line[0]]]
    for prev, word in itertools.pairwise(line):
        gap = word[0] - prev[1]
        figures = [bool(_FIGURE.fullmatch(w[4])) for w in (prev, word)]
        if gap > CELL_GAP * height or all(figures) and gap > 0 or any(figures) and gap > FIGURE_GAP * height:
            cells.append([])
        cells[-1].append(word)
    return [(cell[0][0], cell[-1][1], "".join(w[4] for w in cell)) for cell in cells]


class _Rows:
    """Joins the lines of a table row whose cells wrapped (the figures on the row's
    first line, a cell's rest on the lines below, inside its column) into that row.
    A row stays open across a page break: a label wrapped at the foot of a page goes
    on at the top of the next.

    A line continues the open row where each of its cells is text that starts where
    one of the row's text cells starts (within a line height) and ends before the
    next cell of the row. The label column needs one more sign, as a paragraph line
    also starts at the margin: the label's line above filled its column (ended within
    WRAP_SLACK line heights of the row's first figure). A text cell right of the label
    (a merged cell, printed a character or two a line in a narrow column) needs none:
    no paragraph starts there."""

    def __init__(self) -> None:
        self.row: list[tuple[float, float, str]] | None = None
        self.ends: list[float] = []   # the right end of each cell's last line

    def join(self, rows: list[list[tuple[float, float, str]]], height: float) -> list[list[tuple]]:
        out: list[list[tuple]] = []
        for cells in rows:
            if self.row is not None and self._continue(cells, height):
                continue
            out.append(list(cells))
            self.row = None
            if len(cells) > 1 and not _FIGURE.fullmatch(cells[0][2]) \
                    and any(_FIGURE.fullmatch(c[2]) for c in cells[1:]):
                self.row, self.ends = out[-1], [c[1] for c in cells]
        return out

    def _continue(self, cells: list[tuple[float, float, str]], height: float) -> bool:
        row, targets = self.row, []
        for left, right, text in cells:
            column = next((j for j, c in enumerate(row[:-1]) if abs(left - c[0]) < height), None)
            if column is None or _FIGURE.fullmatch(text) or _FIGURE.fullmatch(row[column][2]) \
                    or right >= row[column + 1][0] or column in targets:
                return False
            if column == 0 and self.ends[0] <= row[1][0] - WRAP_SLACK * height:
                return False
            targets.append(column)
        for column, (_, right, text) in zip(targets, cells):
            left, _, before = row[column]
            row[column] = (left, row[column][1], before + text)
            self.ends[column] = right
        return True


def _figure(cell: str) -> str:
    if _FIGURE.fullmatch(cell):
        return cell.strip(".·,").replace("O", "0").replace("o", "0")
    return cell


def recognise_pages(render: Callable[[int], object], pages: list[int], name: str,
                    progress: Callable[[str], None] | None = None) -> dict[int, str]:
    """Page number -> text for the given pages of a scan; each page extends the
    reading budget by PAGE_SECONDS."""
    if len(pages) > MAX_PAGES:
        raise ReadError(f"扫描件页数过多：{len(pages)} 页需要识别（上限 {MAX_PAGES} 页）")
    rows: dict[int, list[list[tuple]]] = {}
    joiner = _Rows()
    for n, page in enumerate(pages, 1):
        if progress is not None:
            progress(f"{name}：文字识别第 {n}/{len(pages)} 页")
        extend_budget(PAGE_SECONDS)
        if page - 1 not in rows:  # a row goes on only on the next page
            joiner = _Rows()
        boxes, read_slot = _recognised(render(page))
        rows[page] = joiner.join(*_page_rows(boxes, read_slot))
    return {page: _text(lines) for page, lines in rows.items()}


def recognise_scanned_pdf(data: bytes, pages: list[int], name: str,
                          progress: Callable[[str], None] | None = None) -> dict[int, str]:
    """The given pages of a PDF, rendered by pdfium and recognised."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        def render(i: int):
            page = pdf[i]
            # A poster-sized page is drawn no larger than a 150 dpi A3 page.
            scale = min(RENDER_DPI / 72, MAX_RENDER_SIDE / max(page.get_size()))
            return page.render(scale=scale).to_pil()

        return recognise_pages(render, pages, name, progress)
    finally:
        pdf.close()
