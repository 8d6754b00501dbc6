"""Sentences and headings with offsets, on every shape reports arrive in.

Shapes handled: PDF text with hard line wraps and page numbers; web pages
flattened into one paragraph where a heading runs into the next sentence
("一、 概述2016年，…"); OCR markdown with '#' and '|'; items with a bare number
on the next line (the seed). All matching runs on the folded text (same
offsets), so every span points into the document's own text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from model.document import Document, Sentence
from model.lines import CLOSERS, ORDINALS, PAGE_NUMBER, SUB, TERMINATORS, TOP, wraps
from model.normalise import is_cjk
from model.sections import TABLE_ROWS, heading_label

# A numeral with no mark after it ("一总体情况2020年，…"): a heading only where what
# follows names a section, at a line start or after a sentence's end.
_BARE_TOP = re.compile(rf"(?:^|(?<=[\n。；;]))[ \t]*()([{ORDINALS}])(?=[^\s、.，,。：:0-9{ORDINALS}是])", re.M)
# Words a section title ends with. A strong ending closes the title (a heading
# run into its text is cut there); a weak one only where nothing better exists.
_STRONG_END = re.compile(r"情况|概述|事项|措施|打算|不足|附表|统计表|举措|计划|思路|附件下载")
_WEAK_END = re.compile(r"问题|工作|建设|管理|领导|重点|成效")
# A table's caption ("表二：主动公开政府信息情况") names a section but sits inside one.
_CAPTION = re.compile(rf"表\s*[{ORDINALS}\d]")
TITLE_MAX = 32
# An item heading a copied page marks with a bullet instead of （一） ("- 主动公开情况。" on a line of its own).
_BULLET_ITEM = re.compile(r"[-•·●■◆]\s*[^\n，,。]{2,16}(?:情况|方面)[。.:：]?[^\S\n]*(?:\n|$)")


@dataclass
class Heading:
    start: int
    end: int
    ordinal: int | None


def chinese_ordinal(s: str) -> int:
    """一..九十九 as int (only what section numbering uses)."""
    values = {c: i for i, c in enumerate(ORDINALS, 1)}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + values[s[1]]
    if "十" in s:
        tens, _, units = s.partition("十")
        return values[tens] * 10 + (values[units] if units else 0)
    return values.get(s, 0)


def _title_end(norm: str, pos: int, limit: int) -> int | None:
    """End of a heading title starting at pos, or None when none can be found.

    Stops at a line end, sentence end, colon, comma or a gap; in a flattened
    page at a digit or an opening bracket, or after the first strong title
    ending ("一、总体情况今年我局…" -> "一、总体情况")."""
    end = min(len(norm), pos + limit)
    i = pos
    while i < len(norm) and norm[i] == " ":
        i += 1
    start = i
    while i < end:
        c = norm[i]
        if c == "\n" or c in TERMINATORS or c in ":,":
            break
        if i - start >= 2 and (c == " " or c.isdigit() or c in "(|" or norm.startswith("第二十条", i)):
            break
        i += 1
    stopped = i < end
    strong = _STRONG_END.search(norm, start, i)
    if strong:
        cut = strong.end()
        # "情况统计表", "事项与附表": endings in a row belong to one title.
        while (more := _STRONG_END.search(norm, cut, min(i, cut + 4))) is not None:
            cut = more.end()
        return cut
    if not stopped or i - start > 20:
        weak = [m.end() for m in _WEAK_END.finditer(norm, start, i)]
        return weak[-1] if weak and weak[-1] - start >= 2 else None
    while i > start and norm[i - 1] == " ":
        i -= 1
    return i if i - start >= 2 else None


def _with_marks(norm: str, pos: int) -> int:
    """A markdown heading keeps its '#' marks: the start moved back over them."""
    while pos > 0 and norm[pos - 1] in " #":
        pos -= 1
    return pos


def _at_line_start(norm: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and norm[j] in " \t#":
        j -= 1
    return j < 0 or norm[j] == "\n"


def find_headings(doc: Document, norm: str) -> list[Heading]:
    """Top-level headings: numbered (一、…十、, 第X部分) in sequence, markdown '#',
    and reader-styled lines or short lines whose words name a section."""
    candidates: list[tuple[int, int, int | None, bool, bool]] = []
    matches = [(m, False) for m in TOP.finditer(norm)] + [(m, True) for m in _BARE_TOP.finditer(norm)]
    for m, bare in matches:
        if m.start() > 0 and norm[m.start() - 1] in ORDINALS + "第":
            continue
        ordinal = chinese_ordinal(m.group(1) or m.group(2))
        line_start = _at_line_start(norm, m.start())
        end = _title_end(norm, m.end(), TITLE_MAX)
        if end is None:
            continue
        title = norm[m.end():end].strip()
        if TABLE_ROWS.match(title):
            continue
        label = heading_label(title)
        if bare and label is None:
            continue
        # A title naming no section is kept where it stands alone on its line,
        # or, run into the text, where it is short and numbered next in line
        # ("二、突出重点" in a free-form old report).
        unnamed_ok = (line_start and _line_is_title(norm, m.start(), end)) or len(title) <= 16
        if label is None and not unnamed_ok:
            continue
        before = norm[m.start() - 1] if m.start() > 0 else "\n"
        if not line_start and before in ":,、;" and not (label and before in ":," and _text_follows(norm, end)):
            continue  # an inline list: "包括：一、概述；二、…", not "如下：一、总体情况2022年，…"
        start = _with_marks(norm, m.start()) if line_start else m.start()
        candidates.append((start, end, ordinal, label is not None, line_start))
    for start, end in _standalone_titles(doc, norm):
        candidates.append((start, end, None, True, True))
    # By position only: a line both paths find ("一)主动公开…" after a PDF wrap) is
    # kept numbered (it came first; the sort is stable), never compared by ordinal.
    candidates.sort(key=lambda c: (c[0], c[1]))

    headings: list[Heading] = []
    last = 0
    for start, end, ordinal, named, line_start in candidates:
        if headings and start < headings[-1].end:
            continue
        if not named and ordinal != last + 1:
            continue
        if ordinal is not None:
            # Numbering only goes up; a list restarting at 一、 inside a section
            # (or table 三's rows 一、…四、) is not a heading.
            # A long jump inside running text is a list item; on its own line a
            # named heading may follow missing sections ("一、" then "五、").
            if ordinal <= last or (ordinal > last + 3 and last > 0 and not (line_start and named)):
                continue
            last = ordinal
        headings.append(Heading(start, end, ordinal))
    return headings


def _text_follows(norm: str, end: int) -> bool:
    """A title is followed by its section's text, not by the next list item."""
    rest = norm[end:end + 4].lstrip(" ")
    return bool(rest) and rest[0] not in TERMINATORS + ",、:" and not TOP.match(rest)


def _line_is_title(norm: str, start: int, end: int) -> bool:
    line_end = norm.find("\n", end)
    rest = norm[end: len(norm) if line_end < 0 else line_end].strip()
    return not rest and end - start <= TITLE_MAX


def _standalone_titles(doc: Document, norm: str) -> list[tuple[int, int]]:
    """Unnumbered headings: markdown '#' lines, reader hints, and short lines
    that are nothing but a section name ("存在的主要问题及改进情况")."""
    out = []
    hinted = set(doc.heading_hints)
    pos = 0
    for line in norm.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if not body or TOP.match(body) or SUB.match(body) or _CAPTION.match(body.lstrip("# ")):
            continue
        lead = start + len(line) - len(line.lstrip())
        if body.startswith("#"):
            # Numbered '#' lines go through the numbered path; an unnumbered one
            # is a section heading only at the top levels and when it names one.
            title = body.lstrip("#").strip()
            level = len(body) - len(body.lstrip("#"))
            if (level <= 2 and title and not TOP.match(title) and not SUB.match(title)
                    and title[-1] not in TERMINATORS and heading_label(title)):
                out.append((lead, lead + len(body)))
            continue
        is_hint = any(h[0] <= lead and lead + len(body) <= h[1] for h in hinted)
        short_title = len(body) <= 20 and body[-1] not in TERMINATORS + ":," and _STRONG_END.search(body[-3:])
        if (is_hint or short_title) and heading_label(body):
            out.append((lead, lead + len(body)))
    return out


def _breaks(doc: Document, norm: str, headings: list[Heading]) -> set[int]:
    """Positions where a new segment starts."""
    cuts: set[int] = set()
    for h in headings:
        cuts.update((h.start, h.end))

    # Line breaks, except hard wraps inside a sentence.
    lines = []
    pos = 0
    for line in norm.split("\n"):
        lines.append((pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    previous = None
    for start, end, body in lines:
        if not body or PAGE_NUMBER.match(body):
            continue
        if previous is None or not wraps(previous[2], body):
            cuts.add(start)
        previous = (start, end, body)

    for i, c in enumerate(norm):
        if c in TERMINATORS:
            j = i + 1
            while j < len(norm) and norm[j] in CLOSERS:
                j += 1
            cuts.add(j)
        elif c == " " and 0 < i < len(norm) - 1:
            left, right = norm[i - 1], norm[i + 1]
            if (is_cjk(left) or left in CLOSERS + "。") and (is_cjk(right) or right in "(“"):
                cuts.add(i + 1)

    for m in SUB.finditer(norm):
        if m.start() > 0 and norm[m.start() - 1] in "第条款项":
            continue
        after = norm[m.end(): m.end() + 1]
        if after in ("项", "款", ""):
            continue
        cuts.add(_with_marks(norm, m.start()) if _at_line_start(norm, m.start()) else m.start())
        end = _title_end(norm, m.end(), 24)
        if end is not None and end - m.start() <= 24:
            # The item heading is its own segment, its full stop with it.
            cuts.add(end + 1 if end < len(norm) and norm[end] in TERMINATORS else end)
    return cuts


def segment(doc: Document) -> None:
    norm = doc.folded
    headings = find_headings(doc, norm)
    ordinals = {(h.start, h.end): h.ordinal for h in headings}
    inside = [(h.start, h.end) for h in headings]
    cuts = sorted(c for c in _breaks(doc, norm, headings) | {0, len(norm)}
                  if not any(a < c < b for a, b in inside))
    sentences = []
    for a, b in zip(cuts, cuts[1:]):
        start, end = a, b
        while start < end and norm[start].isspace():
            start += 1
        while end > start and norm[end - 1].isspace():
            end -= 1
        if start < end:
            span = (a, b) if (a, b) in ordinals else (start, end)
            heading = span in ordinals
            sub = not heading and end - start <= 26 and bool(SUB.match(norm, start) or _BULLET_ITEM.match(norm, start))
            sentences.append(Sentence(start=start, end=end, heading=heading, subheading=sub,
                                      ordinal=ordinals.get(span)))
    doc.sentences = sentences
