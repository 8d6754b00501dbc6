"""Plain text: encoding detected from the bytes (UTF-8, BOMs, GBK/GB18030)."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from model.document import Document
from model.readers import ReadError


def normalise_newlines(text: str) -> str:
    # The spec's only changes to a .txt: BOM dropped, CRLF -> LF.
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ReadError("binary file: it contains NUL bytes, so it is not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Government sites still publish GBK; GB18030 is its superset.
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("unknown text encoding: not UTF-8, GBK/GB18030 or any encoding detected")
    return str(best)


def read(data: bytes, name: str, source: str) -> Document:
    text = normalise_newlines(decode(data))
    control = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\t\r\f")
    if control > 0.01 * min(len(text), 20000):
        raise ReadError("binary file: too many control characters to be a text report")
    return Document(id=name, source=source, text=text)
