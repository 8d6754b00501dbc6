"""Real-looking scans of report texts: each line drawn with a CJK font on an A4
page at 150 dpi, then slightly rotated, blurred and speckled, and saved as a PDF
of images with no text layer. Used by benchmarks/ocr.py and to refresh the
scanned test fixtures (tests/fixtures/make_fixtures.py)."""
from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = 110
SIZE = 25            # about 12 pt at 150 dpi
LEADING = 1.9
LABEL_WIDTH = 560
COLUMN_WIDTH = 120


def _wrap(line: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    out, current = [], ""
    for ch in line:
        if font.getlength(current + ch) > width:
            out.append(current)
            current = ""
        current += ch
    return out + [current]


def render(text: str, seed: int = 0) -> list[Image.Image]:
    """The text's lines on as many pages as they need; a line with tabs is a table
    row, drawn as columns under a rule."""
    rng = random.Random(seed)
    font = ImageFont.truetype(FONT, SIZE)
    width = PAGE[0] - 2 * MARGIN
    lines = [w for line in text.split("\n") if line.strip()
             for w in ([line] if "\t" in line else _wrap(line, font, width))]
    per_page = int((PAGE[1] - 2 * MARGIN) / (SIZE * LEADING))
    pages = []
    for first in range(0, len(lines), per_page):
        page = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(page)
        for i, line in enumerate(lines[first:first + per_page]):
            y = MARGIN + i * SIZE * LEADING
            # A table row: the label, then its figures in ruled columns.
            for c, cell in enumerate(line.split("\t")):
                x = MARGIN if c == 0 else MARGIN + LABEL_WIDTH + (c - 1) * COLUMN_WIDTH
                draw.text((x, y), cell, font=font, fill=rng.randint(0, 40))
            if "\t" in line:
                draw.line((MARGIN - 10, y - 8, PAGE[0] - MARGIN, y - 8), fill=90, width=2)
        pages.append(_age(page, rng))
    return pages


def _age(page: Image.Image, rng: random.Random) -> Image.Image:
    """What a scanner does to a printed page: a small skew, blur and dust."""
    page = page.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=255, expand=False)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    pixels = page.load()
    for _ in range(PAGE[0] * PAGE[1] // 400):
        pixels[rng.randrange(PAGE[0]), rng.randrange(PAGE[1])] = rng.randint(90, 200)
    return page


def to_pdf(pages: list[Image.Image]) -> bytes:
    """An image-only PDF, as a scanner writes it."""
    buf = io.BytesIO()
    pages[0].convert("RGB").save(buf, "PDF", resolution=150, save_all=True,
                                 append_images=[p.convert("RGB") for p in pages[1:]])
    return buf.getvalue()
