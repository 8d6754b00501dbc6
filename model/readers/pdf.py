"""PDF: the text layer, page by page; a page without one (a scan) is read by OCR."""
from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Callable

import pdfplumber

from model.document import Document
from model.readers import ReadError

# pdfminer warns on every page of fonts without a bounding box; not the user's problem.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
# Some PDF fonts map 一, 二, 民 … to Kangxi radicals (⼀ ⼆ ⺠), which look alike but
# match nothing; they are mapped back to the ideographs.
_RADICALS = re.compile("[\u2e80-\u2fdf]")
# A page with fewer characters than this in its text layer is a scanned page
# (a scanner may add a page number or a stamp's text).
SCANNED_PAGE_CHARS = 20


# The supplement block has no NFKC mapping; these are the ones Chinese fonts use.
_SUPPLEMENT = dict(zip("⺠⻓⻔⻋⻢⻅⻩⻄⻛⻜⻝⻙⻚⻆⻉⻁⺟⺁⻰⻥⻤⻨⻪⻬⻮", "民长门车马见黄西风飞食页页角贝虎母厂龟鱼鬼麦齿黾龙"))


def _unradical(text: str) -> str:
    return _RADICALS.sub(lambda m: _SUPPLEMENT.get(m.group()) or unicodedata.normalize("NFKC", m.group()), text)


def _check_opens(data: bytes) -> None:
    """pdfium says plainly why a PDF cannot be opened (pdfminer's message is often empty)."""
    import pypdfium2

    try:
        pypdfium2.PdfDocument(data).close()
    except pypdfium2.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReadError("无法读取：PDF 已加密，需要密码才能打开") from None
        raise ReadError(f"无法读取：PDF 文件已损坏（{e}）") from None


def read(data: bytes, name: str, source: str, progress: Callable[[str], None] | None = None) -> Document:
    _check_opens(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as e:
        raise ReadError(f"无法读取：PDF 文件已损坏（{type(e).__name__}: {e}）") from e
    scanned = [i for i, page in enumerate(pages) if len("".join(page.split())) < SCANNED_PAGE_CHARS]
    if scanned:
        from model.readers.ocr import recognise_scanned_pdf

        for i, text in recognise_scanned_pdf(data, scanned, name, progress).items():
            pages[i] = text
    text = _unradical("\n".join(p.rstrip("\n") for p in pages))
    if scanned and not text.strip():
        raise ReadError(f"PDF 没有文字层（{len(pages)} 页，扫描件），文字识别也没有认出文字")
    kind = "text" if not scanned else "ocr" if len(scanned) == len(pages) else "text+ocr"
    return Document(id=name, source=source, text=text, source_kind=kind)
