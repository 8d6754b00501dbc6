"""Lines of a copied report: which line breaks a PDF or an editor put inside a
sentence (hard wraps), and which start something new (a heading, an item, a
table row, a paragraph). The segmenter cuts sentences by it, the number reader
reads a number a wrap cut in two, and the agency reader reads a wrapped title.
Matching runs on the folded text (model.normalise.fold)."""
from __future__ import annotations

import re

ORDINALS = "一二三四五六七八九十"
TOP = re.compile(rf"(?:第([{ORDINALS}]{{1,3}})部分|([{ORDINALS}]{{1,3}})\s*[、.])")
SUB = re.compile(rf"[(]\s*[{ORDINALS}]{{0,3}}\s*[)]")
TERMINATORS = "。!?;！？；"
CLOSERS = "”’\"')）」』】"
PAGE_NUMBER = re.compile(r"^\s*(?:[-_]+\s*\d{1,4}\s*[-_]*|\d{1,4}\s*[-_]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|"
                         r"\d{1,4}\s*/\s*\d{1,4})\s*$")
WRAP_MIN = 15  # a line this long that ends mid-sentence was wrapped by the PDF/editor
# A shorter one is a sentence's start when a clause ends inside it ("2023年,我委收到政府信"):
# titles, labels and signatures have no comma.
CLAUSE_MARK = re.compile(r"[,，、]")


def wraps(prev: str, nxt: str) -> bool:
    """Does a line continue the previous one (a hard wrap, not a new paragraph)? Both stripped."""
    if (len(prev) < WRAP_MIN and not CLAUSE_MARK.search(prev)) or prev[-1] in TERMINATORS + ":" + CLOSERS:
        return False
    if prev.startswith(("|", "#")) or nxt.startswith(("|", "#")):
        return False
    if TOP.match(nxt) or SUB.match(nxt) or "\t" in prev or "\t" in nxt:
        return False
    return True


def unwrapped(text: str) -> str:
    """The text with its hard wraps joined, blank lines and page numbers dropped (offsets do not carry over)."""
    out: list[str] = []
    previous = None
    for line in (line.strip() for line in text.split("\n")):
        if not line or PAGE_NUMBER.match(line):
            continue
        if previous is not None and wraps(previous, line):
            out[-1] += line
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


_BETWEEN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d])")


def compact(text: str) -> str:
    """The text with every space and line break between two Chinese characters or digits taken out: a
    PDF's wraps of any length joined, short lines too ("政府信息公开工\n\n作年度报告", "201\n\n5年，眉山市"),
    at the cost of running separate lines together (offsets do not carry over)."""
    return _BETWEEN_WORDS.sub("", text)
