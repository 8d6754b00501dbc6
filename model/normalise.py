"""A length-preserving normalised view of a text.

Matching works on `fold(text)`, in which full-width forms, odd spaces and
compatibility characters become their plain forms one character for one, so
any offset found in the folded text is the same offset in the original.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Typographic dashes to ASCII; 〇 is a digit zero in reports ("二〇一九年").
_EXTRA = {"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
          "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2212": "-", "\ufe63": "-"}


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    if c in _EXTRA:
        return _EXTRA[c]
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def fold(text: str) -> str:
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in text)


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c == "\u3007"
