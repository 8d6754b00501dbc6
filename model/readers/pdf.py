"""PDF: the text layer, page by page (a scan without one is an error, not an empty report)."""
from __future__ import annotations

import io
import logging
import re
import unicodedata

import pdfplumber

from model.document import Document
from model.readers import ReadError

# pdfminer warns on every page of fonts without a bounding box; not the user's problem.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
# Some PDF fonts map 一, 二, 民 … to Kangxi radicals (⼀ ⼆ ⺠), which look alike but
# match nothing; they are mapped back to the ideographs.
_RADICALS = re.compile("[\u2e80-\u2fdf]")


# The supplement block has no NFKC mapping; these are the ones Chinese fonts use.
_SUPPLEMENT = dict(zip("⺠⻓⻔⻋⻢⻅⻩⻄⻛⻜⻝⻙⻚⻆⻉⻁⺟⺁⻰⻥⻤⻨⻪⻬⻮", "民长门车马见黄西风飞食页页角贝虎母厂龟鱼鬼麦齿黾龙"))


def _unradical(text: str) -> str:
    return _RADICALS.sub(lambda m: _SUPPLEMENT.get(m.group()) or unicodedata.normalize("NFKC", m.group()), text)


def read(data: bytes, name: str, source: str) -> Document:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as e:
        raise ReadError(f"not a readable PDF: {type(e).__name__}: {e}") from e
    text = _unradical("\n".join(p.rstrip("\n") for p in pages))
    if not text.strip():
        raise ReadError(f"PDF has no text layer ({len(pages)} page(s), probably a scan): run OCR on it first")
    return Document(id=name, source=source, text=text)
