"""Real-looking scans of report texts: each line drawn with a CJK font on an A4
page at 150 dpi, then slightly rotated, blurred and speckled, and saved as a PDF
of images with no text layer. Used by benchmarks/ocr.py and to refresh the
scanned test fixtures (tests/fixtures/make_fixtures.py)."""
from __future__ import annotations

import io
import random
import re

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = 110
SIZE = 25            # about 12 pt at 150 dpi
LEADING = 1.9
LABEL_SHARE = 0.42
CELL_PAD = 30


def _wrap(line: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    out, current = [], ""
    for ch in line:
        if current and font.getlength(current + ch) > width:
            out.append(current)
            current = ""
        current += ch
    return out + [current]


def printed(text: str) -> list[list[str]]:
    """The report as it would be printed: a line of text, or a table row (cells) for a
    tab-separated or markdown row; markdown rules and heading marks are not printed."""
    rows = []
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if not line or re.fullmatch(r"\|?[\s|:-]+\|?", line):
            continue
        if line.startswith("|") and line.endswith("|"):
            rows.append([cell.strip() for cell in line[1:-1].split("|")])
        else:
            rows.append([" ".join(cell.split()) for cell in _CELL_TAB.split(line)] if "\t" in line else [line])
    return rows


# A tab inside brackets is not a cell edge: collected copies flatten a label's
# sub-headers into it ("行政复议（结果维持\t结果纠正\t…\t总计）\t0\t0…", r026), and
# no printed table draws one column per bracketed word; the label is one cell.
_CELL_TAB = re.compile(r"\t(?![^（(]*[）)])")


def _layout(row: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[list[tuple[int, str]]]:
    """Visual lines of one printed row: (x, text) pieces. A table row's label takes the
    first LABEL_SHARE of the width and its figures share the rest; a cell too wide for
    its column wraps inside it, the figures staying on the row's first line."""
    if len(row) == 1:
        return [[(0, piece)] for piece in _wrap(row[0], font, width)]
    label = width * LABEL_SHARE
    column = (width - label) / (len(row) - 1)
    cells = [(0, _wrap(row[0], font, label - CELL_PAD))]
    cells += [(round(label + i * column), _wrap(cell, font, column - CELL_PAD)) for i, cell in enumerate(row[1:])]
    height = max(len(lines) for _, lines in cells)
    return [[(x, lines[k]) for x, lines in cells if k < len(lines)] for k in range(height)]


def render(text: str, seed: int = 0) -> list[Image.Image]:
    """The report printed on as many pages as it needs; table rows under a rule."""
    rng = random.Random(seed)
    font = ImageFont.truetype(FONT, SIZE)
    width = PAGE[0] - 2 * MARGIN
    lines = [(len(row) > 1 and k == 0, pieces) for row in printed(text)
             for k, pieces in enumerate(_layout(row, font, width))]
    per_page = int((PAGE[1] - 2 * MARGIN) / (SIZE * LEADING))
    pages = []
    for first in range(0, len(lines), per_page):
        page = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(page)
        for i, (ruled, pieces) in enumerate(lines[first:first + per_page]):
            y = MARGIN + i * SIZE * LEADING
            if ruled:
                draw.line((MARGIN - 10, y - 8, PAGE[0] - MARGIN, y - 8), fill=90, width=2)
            for x, piece in pieces:
                draw.text((MARGIN + x, y), piece, font=font, fill=rng.randint(0, 40))
        pages.append(_age(page, rng))
    return pages


def _age(page: Image.Image, rng: random.Random) -> Image.Image:
    """What a scanner does to a printed page: a small skew, blur and dust."""
    pixels = page.load()
    for _ in range(PAGE[0] * PAGE[1] // 400):  # dust, softened by the blur like the print
        pixels[rng.randrange(PAGE[0]), rng.randrange(PAGE[1])] = rng.randint(60, 200)
    page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=255, expand=False)
    return page.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))


def to_pdf(pages: list[Image.Image]) -> bytes:
    """An image-only PDF, as a scanner writes it."""
    buf = io.BytesIO()
    pages[0].convert("RGB").save(buf, "PDF", resolution=150, save_all=True,
                                 append_images=[p.convert("RGB") for p in pages[1:]])
    return buf.getvalue()
