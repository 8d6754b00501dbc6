"""Offline OCR of scanned pages: RapidOCR's PP-OCRv4 Chinese models, which
ship inside the rapidocr-onnxruntime wheel (nothing is downloaded), run on
ONNX Runtime. Lines are rebuilt from the word boxes: boxes whose centres lie
on one (deskewed) baseline form a line, left to right, and a wide gap between
two boxes becomes a tab, so a table's row stays one line of cells.
benchmarks/ocr.py measures it against Debian's tesseract (chi_sim)."""
from __future__ import annotations

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
TEXT_SCORE = 0.3
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


def recognise(image) -> str:
    """The text of one page image (PIL image or array), line by line."""
    pixels = np.asarray(image.convert("RGB")) if hasattr(image, "convert") else image
    result, _ = _engine()(pixels, use_cls=False)
    return rebuild_lines(result or [])


def rebuild_lines(boxes: list) -> str:
    """RapidOCR's [(quad, text, score)] to lines of text, top to bottom."""
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
        return ""
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
    out = []
    for line in lines:
        line.sort(key=lambda w: w[0])
        cells = [[line[0][4]]]
        for prev, word in zip(line, line[1:]):
            gap = word[0] - prev[1]
            # Two figures the detector boxed apart are two cells however close ("705" "3").
            if gap > CELL_GAP * height or gap > 0 and _FIGURE.fullmatch(prev[4]) and _FIGURE.fullmatch(word[4]):
                cells.append([])
            cells[-1].append(word[4])
        texts = ["".join(cell) for cell in cells]
        if len(texts) > 1:  # a table row
            texts = [_figure(t) for t in texts]
        out.append("\t".join(texts))
    return "\n".join(out)


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
    out = {}
    for n, page in enumerate(pages, 1):
        if progress is not None:
            progress(f"{name}：文字识别第 {n}/{len(pages)} 页")
        extend_budget(PAGE_SECONDS)
        out[page] = recognise(render(page))
    return out


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
