"""A length-preserving normalised view of a text.

Matching works on `fold(text)`, in which full-width forms, odd spaces and
compatibility characters become their plain forms one character for one, so
any offset found in the folded text is the same offset in the original.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

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


# Traditional -> simplified, one character for one (machine-converted mirror copies
# of reports): only the characters of the words the fact and meta rules match, so
# offsets stay the same. Applied to matching, never to the text the user sees.
_TRADITIONAL = str.maketrans(
    "開報請務資訊網條據關於處辦結轉議訴複審這個數產發會總從專職員費減獲門戶經無沒與為們統計區縣鄉鎮場項類說應對號時規範書記錄況態動實現體權點當環節設達並來歸屬國執層級單際圍聯讀視頻覽獻廳衛協營調額稅廣電線熱諮詢訪許罰強擬廢級構幹隊參訓舉場間內確責網見區務門戶們導領屆屆點標準備註補辭採輛萬億塊兩",
    "开报请务资讯网条据关于处办结转议诉复审这个数产发会总从专职员费减获门户经无没与为们统计区县乡镇场项类说应对号时规范书记录况态动实现体权点当环节设达并来归属国执层级单际围联读视频览献厅卫协营调额税广电线热咨询访许罚强拟废级构干队参训举场间内确责网见区务门户们导领届届点标准备注补辞采辆万亿块两")


def simplified(text: str) -> str:
    """`text` with the traditional characters the rules need made simplified (same length)."""
    return text.translate(_TRADITIONAL)


_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=16384)
def _simple_char(c: str) -> str:
    s = _converter().convert(c)
    return s if len(s) == 1 else c


# Mirror sites annotate characters with their pinyin ("網(wǎng)站", "復(fù)議"), which cuts words apart.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-z]*\)")


def unannotated(folded: str) -> str:
    """The folded text without its pinyin annotations (offsets do not carry over: for reading
    names, not spans)."""
    return _PINYIN.sub("", folded) if "(" in folded else folded


def label_view(folded: str) -> str:
    """The folded text (Document.folded) simplified, one character for one (offsets carry over),
    pinyin annotations blanked."""
    view = "".join(_simple_char(c) if _CJK.match(c) else c for c in folded)
    return _PINYIN.sub(lambda m: " " * len(m.group()), view) if "(" in view else view
