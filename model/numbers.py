"""Number spans and their values; the spans that are never facts.

Arabic digits (separators, decimals, full-width via the folded text, %),
multipliers 万/亿, Chinese numerals before a measure word, approximate forms
(余/多/近/约). cn2an converts only the detected span: its sentence-level
transform() corrupts prose ("两三个" -> "23个").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import cn2an

from model.lines import wraps
from model.normalise import fold, simplified

MEASURE = r"(?:人次|万元|亿元|元|条|件|个|人|名|次|场|期|篇|项|家|份|批|类|起|条次|户|所|处|套|块|例|宗)"
_ARABIC = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d])")
_CHINESE = re.compile(rf"(?<![第统唯其某逐进之万千百])([零〇一二两三四五六七八九十百千]+)(?=(?:余|多)?{MEASURE})")
# "两三个", "七八次": a vague range, not a number.
_RANGE = re.compile(r"[一二两三四五六七八九]{2}")
_MULTIPLIER = re.compile(r"\s*(万|亿)(?!元)")
# A number a line wrap cut in two ("…主动公开政府信息1\n\n75条"): the rest, with its measure word,
# opens the next line (a table's cells, one per line, have none).
_WRAP_IN_NUMBER = re.compile(rf"(?<=\d)[^\S\n]*\n\s*(?=\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:余|多)?{MEASURE})")

# Spans that look numeric but are never facts. Matched on the folded text.
_NEVER = re.compile("|".join([
    r"(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}",                 # 2024-01-19
    r"\d{2,4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?",           # 2024年1月1日, 2019年度
    r"\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号])?|\d+\s*日",                       # 12月31日, damaged 2015112日
    r"\d{1,2}:\d{2}(?::\d{2})?",                                         # 14:16
    r"0\d{2,3}\s*[-—]\s*\d{7,8}|\d{9,}",                                 # 0591-23162606, 043264178005
    r"(?:电话|传真|联系电话|热线|手机)[:\s]*[\d\s-]{5,}",
    r"(?:邮编|邮政编码)[:\s]*\d{6}",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",                                      # e-mail
    r"(?:https?://|www\.)[^\s，。;；)）]*|[\w-]+(?:\.[\w-]+)*\.(?:cn|com|net|org|gov)(?:/[^\s，。)）]*)?",
    r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号",                          # 〔2019〕60号
    r"(?:令|字)?第\s*[\d零〇一二三四五六七八九十百]+\s*(?:号|条|项|款|章|节|部分|批|届|季度|期|位|名|次)",
    r"届[^\s，。；、]{0,6}?[\d一二三四五六七八九十]+\s*次(?:全体)?会议",        # 十八届人大二次会议: a session
    r"\d+\s*号(?:楼|院)?|\d+\s*(?:层|楼|室|栋|幢|路|街|道)",                    # addresses
    r"^\s*[-_]+\s*\d+\s*[-_]+\s*$",                                        # page numbers
    r"(?:^|(?<=[\s。;:,(（]))\d{1,2}\s*[.、](?!\d)",                          # list markers 1. 2、
    r"[(（]\s*\d{1,2}\s*[)）]",                                              # (1)
    r"[\d一二三四五六七八九十]+\s*个(?=部分|方面|栏目|专栏|环节|板块)",             # 六个部分
]), re.M)


@dataclass
class Number:
    start: int
    end: int
    value: float
    unit: str            # the measure word after it ("" when none)
    approximate: bool


def never_spans(norm: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NEVER.finditer(norm)]


def overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) shares a character with one of `spans`."""
    return any(s < b and a < e for s, e in spans)


def _unwrapped(norm: str) -> tuple[str, list[int]]:
    """`norm` without the line wraps inside numbers, and where each of its characters was."""
    kept, pieces, pos = [], [], 0
    for m in _WRAP_IN_NUMBER.finditer(norm):
        line = norm[norm.rfind("\n", 0, m.start()) + 1:m.start()].strip()
        after = norm.find("\n", m.end())
        rest = norm[m.end():after if after >= 0 else len(norm)].strip()
        if wraps(line, rest) and "|" not in line:  # a table row's cells are never joined
            pieces.append(norm[pos:m.start()])
            kept += range(pos, m.start())
            pos = m.end()
    pieces.append(norm[pos:])
    kept += range(pos, len(norm))
    return "".join(pieces), kept


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Numbers in text[start:end] with offsets into text."""
    # Simplified: "1517條" in a mirror copy in traditional characters; unwrapped: a PDF's wrap.
    norm, kept = _unwrapped(simplified(fold(text[start:end])))
    found = [replace(n, start=start + kept[n.start], end=start + kept[n.end - 1] + 1) for n in _numbers(norm)]
    return sorted(found, key=lambda n: n.start)


def _numbers(norm: str) -> list[Number]:
    blocked = never_spans(norm)
    found: list[Number] = []
    for m in _ARABIC.finditer(norm):
        a, b = m.start(), m.end()
        if overlaps(blocked, a, b):
            continue
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        found.append(_finish(norm, a, b, value))
    for m in _CHINESE.finditer(norm):
        a, b = m.start(1), m.end(1)
        if overlaps(blocked, a, b) or _RANGE.search(m.group(1)):
            continue
        try:
            value = float(cn2an.cn2an(m.group(1).replace("两", "二").replace("〇", "零"), "smart"))
        except (ValueError, KeyError):
            continue
        found.append(_finish(norm, a, b, value))
    return found


def _finish(norm: str, a: int, b: int, value: float) -> Number:
    approximate = norm[max(0, a - 2):a].endswith(("近", "约", "逾", "超过"))
    mult = _MULTIPLIER.match(norm, b)
    if mult:
        value *= 10000 if mult.group(1) == "万" else 1e8
        b = mult.end()
    rest = norm[b:b + 4].lstrip()
    if rest[:1] in ("余", "多"):
        approximate = True
        rest = rest[1:]
    unit = ""
    if rest.startswith("%"):
        unit = "%"
    else:
        m = re.match(MEASURE, rest)
        unit = m.group() if m else ""
        # "公开15000条以上", "20条左右": a bound, like 余 and 多 (the words after the measure word, which
        # starts within the 4 characters `rest` was cut from).
        approximate = approximate or bool(m) and norm.startswith(("以上", "左右"), norm.find(unit, b) + len(unit))
    return Number(a, b, value, unit, approximate)


def parse_value(token: str) -> float | None:
    """A table cell or bare item value: digits, or Chinese numerals, or nothing."""
    t = fold(token).strip().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    if re.fullmatch(r"[零〇一二两三四五六七八九十百千]+", t):
        try:
            return float(cn2an.cn2an(t.replace("两", "二").replace("〇", "零"), "smart"))
        except (ValueError, KeyError):
            return None
    return None
