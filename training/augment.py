"""Damage that real copies of reports suffer, applied to a labelled text.

Every augmentation is a list of edits (start, end, replacement) on the text;
`apply` rebuilds the text and maps the labelled spans onto it (gold sections,
and fact spans read from the undamaged text), so labels stay exact whatever
the damage.
"""
from __future__ import annotations

import random
import re

Edit = tuple[int, int, str]

# Headings as other reports word them, by label (renamed headings).
RENAMES = {
    "overview": ["一、概述", "一、总体情况", "一、基本情况", "一、工作概况", "一、年度工作概述"],
    "proactive": ["二、主动公开政府信息情况", "二、政府信息主动公开情况", "二、主动公开工作开展情况"],
    "interpretation": ["三、回应解读情况", "三、政策解读与回应关切情况"],
    "on_request": ["三、依申请公开政府信息情况", "三、收到和处理政府信息公开申请情况", "三、政府信息依申请公开办理情况"],
    "fees": ["四、收费及减免情况", "四、政府信息公开的收费及减免情况"],
    "review_litigation": ["四、政府信息公开行政复议、行政诉讼情况", "五、因政府信息公开申请行政复议、提起行政诉讼的情况"],
    "institution": ["六、机构建设和保障经费情况", "六、工作机构和人员情况"],
    "problems": ["五、存在的主要问题及改进情况", "六、存在问题及下一步打算", "五、工作中的不足和改进措施"],
    "other": ["六、其他需要报告的事项", "七、需要说明的其他事项"],
}
# Characters OCR and PDF extraction confuse, among them some of the words the
# fact rules read (申请, 公开, 复议, 诉讼, 网站), so damaged copies teach the
# model figures whose label phrase is garbled.
LOOKALIKES = dict(zip("已己未末日曰人入土士于千天夫申开请复议讼网办布",
                      "己已末未曰日入人士土干干夫天甲幵清夏仪讽冈为市"))


def apply(text: str, edits: list[Edit], *span_lists: list[dict]) -> tuple[str, ...]:
    """The edited text and each list of spans (dicts with start, end and maybe
    a heading) moved onto it; a span the edits delete is dropped."""
    edits = sorted(edits)
    parts, pos = [], 0
    for a, b, rep in edits:
        parts.append(text[pos:a])
        parts.append(rep)
        pos = b
    parts.append(text[pos:])
    new_text = "".join(parts)

    def mapped(i: int) -> int:
        shift = 0
        for a, b, rep in edits:
            if i >= b:
                shift += len(rep) - (b - a)
            elif i > a:
                shift += min(i - a, len(rep)) - (i - a)
        return i + shift

    def move(spans: list[dict]) -> list[dict]:
        out = []
        for s in spans:
            start, end = mapped(s["start"]), mapped(s["end"])
            if end > start:
                moved = {**s, "start": start, "end": end}
                if "heading" in s:
                    moved["heading"] = [mapped(s["heading"][0]), mapped(s["heading"][1])] if s["heading"] else None
                out.append(moved)
        return out

    return (new_text, *map(move, span_lists))


def drop_headings(text: str, sections: list[dict], rng: random.Random) -> list[Edit]:
    return [(s["heading"][0], s["heading"][1], "") for s in sections if s.get("heading")]


def rename_headings(text: str, sections: list[dict], rng: random.Random) -> list[Edit]:
    return [(s["heading"][0], s["heading"][1], rng.choice(RENAMES[s["label"]]))
            for s in sections if s.get("heading") and s["label"] in RENAMES]


def run_headings_in(text: str, sections: list[dict], rng: random.Random) -> list[Edit]:
    """'一、概述\\n2016年…' -> '一、概述2016年…', as flattened web copies have it."""
    edits = []
    for s in sections:
        if s.get("heading"):
            end = s["heading"][1]
            m = re.match(r"\s+", text[end:])
            if m:
                edits.append((end, end + m.end(), ""))
    return edits


def flatten(text: str, sections: list[dict], rng: random.Random) -> list[Edit]:
    return [(m.start(), m.end(), " " if rng.random() < 0.5 else "") for m in re.finditer(r"\s*\n\s*", text)]


def hard_wraps(text: str, sections: list[dict], rng: random.Random) -> list[Edit]:
    """A PDF's line wraps every ~30 characters and page numbers now and then."""
    edits, page = [], 1
    width = rng.randint(26, 36)
    for i in range(width, len(text), width):
        if text[i - 1] != "\n" and text[i] != "\n":
            page_break = rng.random() < 0.04
            if page_break:
                page += 1
            edits.append((i, i, f"\n\n- {page} -\n\n" if page_break else "\n\n"))
    return edits


def ocr_noise(text: str, sections: list[dict], rng: random.Random) -> list[Edit]:
    return [(i, i + 1, LOOKALIKES[c]) for i, c in enumerate(text) if c in LOOKALIKES and rng.random() < 0.3]


AUGMENTATIONS = {
    "no_headings": [drop_headings],
    "renamed": [rename_headings, ocr_noise],
    "run_in": [run_headings_in, flatten],
    "pdf": [hard_wraps],
    "no_headings_flat": [drop_headings, flatten],
    "ocr": [ocr_noise],
}


def augment(text: str, sections: list[dict], name: str, seed: int,
            facts: list[dict] = ()) -> tuple[str, list[dict], list[dict]]:
    """The damaged text, its sections and `facts` ({start, end, metric}) moved onto it."""
    rng = random.Random(seed)
    facts = list(facts)
    for step in AUGMENTATIONS[name]:
        text, sections, facts = apply(text, step(text, sections, rng), sections, facts)
    return text, sections, facts
