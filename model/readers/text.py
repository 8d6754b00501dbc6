"""Plain text: the encoding decided on evidence. A BOM first, then a charset the
file declares (HTML <meta>), then UTF-8, then the legacy Chinese encodings and
BOM-less UTF-16 scored by how much of the decoded text is the common report
vocabulary: GB18030 decodes Big5 or UTF-16 bytes without error, into nonsense."""
from __future__ import annotations

import codecs
from functools import lru_cache
from importlib import resources

from model.document import Document
from model.readers import ReadError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Big5-HKSCS is a superset of Big5 (Hong Kong and Taiwan sites use both).
_LEGACY = ("gb18030", "big5hkscs", "utf-16-le", "utf-16-be")
# The share of a text's Chinese characters among the 1,000 commonest in the corpus
# reports (99.8% of theirs; a traditional-character report ~0.6, a wrong decoding < 0.15).
PLAUSIBLE = 0.35
_SAMPLE = 20_000


def normalise_newlines(text: str) -> str:
    # The spec's only changes to a .txt: BOM dropped, CRLF -> LF.
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(resources.files("model.readers").joinpath("common_hanzi.txt").read_text(encoding="utf-8").strip())


def plausibility(text: str) -> float:
    """Share of the common report vocabulary among the sample's letters; 0 for
    control characters and private-use code points, which no report has."""
    sample = text[:_SAMPLE]
    common = _common()
    letters = good = 0
    for c in sample:
        if c.isspace() or c.isascii() and c.isprintable():
            continue
        letters += 1
        if c in common or "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff5e":
            good += 1
    if letters == 0:  # only ASCII
        return 1.0 if all(c.isprintable() or c.isspace() for c in sample) else 0.0
    return good / letters


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if declared:
        text = _strict(data, _canonical(declared))
        if text is not None and plausibility(text) >= PLAUSIBLE:
            return text
    text = _strict(data, "utf-8")
    if text is not None and "\x00" not in text[:4096]:
        return text
    scored = [(plausibility(t), encoding, t) for encoding in _LEGACY
              if len(data) % 2 == 0 or not encoding.startswith("utf-16")
              if (t := _strict(data, encoding)) is not None]
    best = max(scored, default=None, key=lambda s: s[0])
    if best is None or best[0] < PLAUSIBLE:
        if b"\x00" in data[:4096]:
            raise ReadError("无法读取：这是二进制文件（含 NUL 字节），不是文字报告")
        raise ReadError("无法识别文字编码：不是 UTF-8、UTF-16、GBK/GB18030 或 Big5 编码的中文")
    return best[2]


def _canonical(name: str) -> str:
    name = name.strip().lower()
    # Pages declare gb2312/gbk and use characters only their superset has.
    if name in ("gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80"):
        return "gb18030"
    if name in ("big5", "x-x-big5", "cp950"):
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def read(data: bytes, name: str, source: str) -> Document:
    text = normalise_newlines(decode(data))
    control = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\t\r\f")
    if control > 0.01 * min(len(text), 20000):
        raise ReadError("无法读取：控制字符过多，这是二进制文件，不是文字报告")
    return Document(id=name, source=source, text=text)
