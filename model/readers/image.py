"""A page photographed or scanned to an image (.png .jpg .tif): read by OCR,
every frame of a multi-page TIFF a page."""
from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image

from model.document import Document
from model.readers import ReadError
from model.readers.ocr import recognise_pages

# A 600 dpi A3 scan is ~7000 × 10000; larger is a decompression bomb.
Image.MAX_IMAGE_PIXELS = 80_000_000
# Pages are recognised at about 150 dpi: larger scans are scaled down to this width.
PAGE_WIDTH = 1800


def _page(image: Image.Image) -> Image.Image:
    if image.width * image.height > Image.MAX_IMAGE_PIXELS:
        raise ReadError(f"图片过大：超过 {Image.MAX_IMAGE_PIXELS:,} 像素")
    if image.width > PAGE_WIDTH:
        image = image.resize((PAGE_WIDTH, round(image.height * PAGE_WIDTH / image.width)))
    return image.convert("RGB")


def read(data: bytes, name: str, source: str, progress: Callable[[str], None] | None = None) -> Document:
    try:
        image = Image.open(io.BytesIO(data))
        frames = getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ReadError(f"图片过大：超过 {Image.MAX_IMAGE_PIXELS:,} 像素") from None
    except (OSError, SyntaxError, ValueError) as e:
        raise ReadError(f"无法读取图片：文件已损坏（{e}）") from None

    def render(i: int) -> Image.Image:  # one frame in memory at a time
        try:
            image.seek(i)
            return _page(image)
        except (OSError, SyntaxError, ValueError) as e:
            raise ReadError(f"无法读取图片：第 {i + 1} 页已损坏（{e}）") from None

    texts = recognise_pages(render, list(range(frames)), name, progress)
    text = "\n".join(texts[i] for i in range(frames))
    if not text.strip():
        raise ReadError(f"无法读取：这是一张 {image.format or ''} 图片，其中没有识别出文字，不是报告文字")
    return Document(id=name, source=source, text=text, source_kind="ocr")
