"""A Chinese summary whose every number comes from a fact.

The prose is generated from templates; a number enters only through `Writer.n`,
which takes facts (or a sum of facts, all listed) and records the spans behind
it in `doc.summary_sources`. The problems the report admits are chosen by a
scored extractive method (centrality over the section's sentences) and
shortened at a clause boundary.
"""
from __future__ import annotations

import re
from collections import Counter

from model.document import Document, Fact, number_text
from model.identities import parts_over_whole
from model.indicators import RATE, inputs
from model.numbers import find_numbers
from model.normalise import fold
from model.taxonomy import indicators, label_zh, metric_names, metrics

PROBLEM_WORDS = re.compile(r"问题|不足|有待|仍需|不够|欠缺|薄弱|不高|不强|差距|滞后")
# Sentences about the remedy, not the problem ("针对上述问题，我县坚持…").
REMEDY = re.compile(r"^(?:针对|下一步|今后|下一年|我们将|将|坚持|继续|进一步|为此|因此)")
MAX_PROBLEM_CHARS = 60
# A figure enters the summary only from a fact the pipeline is confident of: the
# rules' readings (0.9, items 0.95), table cells (0.85-0.95), and model readings
# the rules confirm. Model-only readings are below it (model/weights/README.md).
CONFIDENT = 0.85
# Prose that restates a table figure: (prose metric, table metrics, what they count).
RESTATED = [("requests_received", ("t3.new.total",), "收到的政府信息公开申请数"),
            ("reviews", ("t4.review.total",), "行政复议数"),
            ("lawsuits", ("t4.litigation_direct.total", "t4.litigation_after_review.total"), "行政诉讼数")]


class Writer:
    def __init__(self, doc: Document):
        self.doc = doc
        self.by_metric: dict[str, Fact] = {}
        self.disagree: list[str] = []
        self.over_whole: list[tuple[str, tuple[str, ...]]] = []
        stated: dict[str, set[float]] = {}
        origins: dict[str, set[str]] = {}
        for f in doc.facts:
            if f.score >= CONFIDENT:
                self.by_metric.setdefault(f.metric, f)
                stated.setdefault(f.metric, set()).add(f.value)
                origins.setdefault(f.metric, set()).add(f.origin)
        # Where the text and a table give one count two values, the summary uses
        # neither and says they disagree.
        doubtful = {m for m, values in stated.items() if len(values) > 1}
        self.disagree += [metric_names()[m] for m in sorted(doubtful, key=list(metrics()).index)
                          if {"text", "table"} <= origins[m]]
        for prose, tables, what in RESTATED:
            have = [t for t in tables if t in self.by_metric]
            if prose in self.by_metric and have:
                table_value = sum(self.by_metric[t].value for t in have)
                carried = self.by_metric.get("t3.carried_over.total")
                # "受理申请749件" often counts last year's carried-over ones too.
                agree = self.by_metric[prose].value in (table_value, table_value + (carried.value if carried else 0))
                if not agree:
                    doubtful |= {prose, *have}
                    self.disagree.append(what)
        # A part above its whole ("通过门户网站公开3636条" beside a year's total of 1913): one of the
        # two is not what it says (a running total, all bodies'), so neither is stated.
        values = {m: f.value for m, f in self.by_metric.items() if m not in doubtful}
        for eq, part in parts_over_whole(values):
            doubtful |= {part, *eq.total}
            self.over_whole.append((part, eq.total))
        for m in doubtful:
            self.by_metric.pop(m, None)
        self.parts: list[str] = []
        self.sources: list[dict] = []

    def value(self, metric: str) -> float:
        """A fact's value for a decision (not for the text: that goes through `n`); 0 when absent."""
        fact = self.by_metric.get(metric)
        return fact.value if fact else 0.0

    def has(self, *metrics_: str) -> bool:
        return all(m in self.by_metric for m in metrics_)

    def n(self, *metrics_: str) -> str:
        """The value of one fact, or the sum of several; its spans are recorded."""
        facts = [self.by_metric[m] for m in metrics_]
        value = sum(f.value for f in facts)
        text = number_text(value)
        self.sources.append({"text": text, "value": value, "metrics": list(metrics_),
                             "spans": [[f.start, f.end] for f in facts]})
        return text

    def say(self, sentence: str) -> None:
        self.parts.append(sentence)


def _unit(metric: str, writer: Writer) -> str:
    return writer.by_metric[metric].unit or metrics()[metric]["unit"]


def proactive(w: Writer) -> None:
    if not w.has("proactive_total") and not w.has("proactive_website"):
        return
    main = "proactive_total" if w.has("proactive_total") else "proactive_website"
    approx = "余" if w.by_metric[main].approximate else ""
    # A website's count is not the year's total: the sentence names the channel.
    channel = "" if main == "proactive_total" else "通过政府网站"
    text = f"{channel}主动公开政府信息{w.n(main)}{approx}{_unit(main, w)}"
    if main == "proactive_total" and w.has("proactive_website"):
        text += f"（政府网站{w.n('proactive_website')}{_unit('proactive_website', w)}）"
    extras = [(m, zh) for m, zh in (("press_conferences", "新闻发布会"), ("interpretations", "政策解读"),
                                    ("gazette_issues", "政府公报")) if w.has(m)]
    text += "".join(f"，{zh}{w.n(m)}{_unit(m, w)}" for m, zh in extras)
    w.say(text + "。")


def requests(w: Writer) -> None:
    if w.has("t3.new.total"):
        text = f"本年新收政府信息公开申请{w.n('t3.new.total')}件"
        if not w.value("t3.new.total") and not w.value("t3.carried_over.total"):
            w.say(text + "。")
            return
        if w.value("t3.carried_over.total"):
            text += f"、上年结转{w.n('t3.carried_over.total')}件"
        outcomes = []
        if w.has("t3.disclosed.total"):
            outcomes.append(f"予以公开{w.n('t3.disclosed.total')}件")
        if w.has("t3.partial.total"):
            outcomes.append(f"部分公开{w.n('t3.partial.total')}件")
        refused = [m for m in metrics() if m.startswith("t3.refused.") and m.endswith(".total") and w.has(m)]
        if refused:
            outcomes.append(f"不予公开{w.n(*refused)}件")
        if outcomes:
            text += "，其中" + "、".join(outcomes)
        if w.value("t3.carried_forward.total"):
            text += f"，结转下年度{w.n('t3.carried_forward.total')}件"
        w.say(text + "。")
    elif w.has("requests_received") and not w.value("requests_received"):
        w.say("全年未收到政府信息公开申请。")
    elif w.has("requests_received"):
        text = f"收到政府信息公开申请{w.n('requests_received')}{_unit('requests_received', w)}"
        if w.has("requests_answered"):
            text += f"，答复{w.n('requests_answered')}{_unit('requests_answered', w)}"
        w.say(text + "。")


def reviews(w: Writer) -> None:
    parts = []
    if w.has("t4.review.total"):
        part = f"行政复议{w.n('t4.review.total')}件"
        if w.value("t4.review.corrected"):
            part += f"（被纠正{w.n('t4.review.corrected')}件）"
        parts.append(part)
        suits = [m for m in ("t4.litigation_direct.total", "t4.litigation_after_review.total") if w.has(m)]
        if suits:
            part = f"行政诉讼{w.n(*suits)}件"
            fixed = [m for m in ("t4.litigation_direct.corrected", "t4.litigation_after_review.corrected") if w.has(m)]
            if sum(w.value(m) for m in fixed):
                part += f"（被纠正{w.n(*fixed)}件）"
            parts.append(part)
    else:
        none = [zh for m, zh in (("reviews", "行政复议"), ("lawsuits", "行政诉讼")) if w.has(m) and not w.value(m)]
        parts += [f"{zh}{w.n(m)}{_unit(m, w)}" for m, zh in (("reviews", "行政复议"), ("lawsuits", "行政诉讼"))
                  if w.has(m) and w.value(m)]
        if none:
            w.say("未发生因政府信息公开引起的" + "、".join(none) + "。")
    if parts:
        w.say("因政府信息公开引起" + "、".join(parts) + "。")
    if w.has("request_fees") and not w.value("request_fees"):
        w.say("未收取信息处理费。")
    elif w.has("request_fees"):
        w.say(f"收取信息处理费{w.n('request_fees')}{_unit('request_fees', w)}。")
    for what in w.disagree:
        w.say(f"正文与表格所列{what}不一致，摘要未采用，请核对原文。")
    names = metric_names()
    for part, whole in w.over_whole:
        w.say(f"报告所列{names[part]}大于{'、'.join(names[t] for t in whole)}，摘要未采用，请核对原文。")


# Rates worth a sentence: the disclosure rate wherever it is defined, the others only when not 0.
ALWAYS_SHOWN = ("disclosure_rate",)


def rates(w: Writer) -> None:
    """The headline rates the report's figures define; each traced to the facts it divides."""
    said = []
    for d in indicators():
        entry = w.doc.indicators.get(d["id"]) or {}
        if not d.get("headline") or d["unit"] != RATE or entry.get("value") is None:
            continue
        if not entry["value"] and d["id"] not in ALWAYS_SHOWN:
            continue
        percent = round(entry["value"] * 100, 1)
        text = f"{number_text(percent)}%"
        facts = [w.by_metric[m] for m in inputs(d) if m in w.by_metric]
        w.sources.append({"text": text, "value": percent, "indicator": d["id"], "metrics": [f.metric for f in facts],
                          "spans": [[f.start, f.end] for f in facts]})
        said.append(f"{d['zh'].split('（')[0]}{text}")
    if said:
        w.say("按报告数字计算：" + "，".join(said) + "。")


def problems(w: Writer) -> None:
    sentence = pick_problem(w.doc)
    if sentence:
        w.say(f"报告自述的问题：{sentence}")


def pick_problem(doc: Document) -> str | None:
    """The most central sentence of the problems section that names a problem,
    shortened at a clause boundary. Sentences with figures are left out: their
    numbers could not be traced to facts."""
    norm = doc.folded
    sentences = [s for s in doc.sentences if s.label == "problems" and not s.heading]
    texts = [norm[s.start:s.end].strip() for s in sentences]
    candidates = [_whole_clauses(t, s.end >= len(norm.rstrip())) for s, t in zip(sentences, texts)]
    candidates = [t for t in candidates if PROBLEM_WORDS.search(t) and not REMEDY.match(t)
                  and not find_numbers(t) and not re.search(r"\d", t)]
    if not candidates:
        return None
    grams = [Counter(t[i:i + 2] for i in range(len(t) - 1)) for t in texts]

    def centrality(t: str) -> float:
        own = Counter(t[i:i + 2] for i in range(len(t) - 1))
        return sum(sum((own & g).values()) / (1 + sum(g.values())) for g in grams) / (1 + len(t) / 80)

    cleaned = {t: _clean(t) for t in candidates}
    candidates = [t for t in candidates if len(cleaned[t]) >= 8]
    if not candidates:
        return None
    best = max(candidates, key=lambda t: (centrality(t) + len(PROBLEM_WORDS.findall(t)), -len(t)))
    return shorten(cleaned[best])


def _whole_clauses(sentence: str, last: bool) -> str:
    """A last sentence the text's end cuts ("…但也存在一些不足,主") without its cut clause."""
    if not last or sentence.endswith(("。", "！", "？", "!", "?", ".")):
        return sentence
    return sentence[:max((m.start() for m in re.finditer(r"[，,；;]", sentence)), default=0)]


def _clean(sentence: str) -> str:
    """Without line wraps, item markers, a leading sub-heading or connective."""
    s = re.sub(r"\s+", "", sentence)
    s = re.sub(r"^(?:[(（][一二三四五六七八九十\d]+[)）])?(?:(?:存在的?(?:主要)?问题|主要问题)(?:主要)?(?:是|有)?)?[:：]?"
               r"|^[一二三四五六七八九十]+是|^\S{1,6}?存在的?(?:主要)?问题(?:主要)?(?:是|有)[:：]?", "", s)
    s = re.sub(r"^(?:但也|但是|但|同时|当然|然而|目前)[,，]?", "", s)
    return s.strip(" ：:,，")


def shorten(sentence: str, limit: int = MAX_PROBLEM_CHARS) -> str:
    if len(sentence) <= limit:
        return sentence if sentence.endswith(("。", "！", "？")) else sentence.rstrip("，,；;") + "。"
    cut = max((m.start() for m in re.finditer(r"[，,；;]", sentence[:limit])), default=-1)
    return (sentence[:cut] if cut > 10 else sentence[:limit]) + "。"


def gaps(w: Writer) -> None:
    names = metric_names()
    if w.doc.not_reported:
        listed = "、".join(names[m] for m in w.doc.not_reported[:6])
        more = "等" if len(w.doc.not_reported) > 6 else ""
        w.say(f"未填报（该项留空）：{listed}{more}。")
    if w.doc.missing_sections:
        w.say("缺少的必备部分：" + "、".join(label_zh()[m] for m in w.doc.missing_sections) + "。")
    failed = [c for c in w.doc.checks if c.ok is False and c.rule not in ("required_sections", "report_recognised")]
    unreadable = [c for c in w.doc.checks if c.rule == "table_row_unreadable"]
    if failed:
        w.say("数字核对发现不一致之处（见核对结果）。")
    if unreadable:
        w.say("部分表格数字无法可靠读出，未取数。")


def summarise(doc: Document) -> None:
    w = Writer(doc)
    not_report = next((c for c in doc.checks if c.rule == "report_recognised" and c.ok is False), None)
    if not_report:
        w.say(not_report.message)  # said first: what follows reads a text that may be news or a notice
    else:
        who = doc.agency or "该机关"
        year = f"{doc.year}年" if doc.year else ""
        template = {"new": "（新格式）", "old": "（旧格式）"}.get(doc.template, "")
        w.say(f"{who}{year}政府信息公开工作年度报告{template}。")
    for part in (proactive, requests, rates, reviews, problems, gaps):
        part(w)
    doc.summary = "".join(w.parts)
    doc.summary_sources = w.sources
    doc.summary_method = "grounded"


_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def ungrounded_numbers(text: str, doc: Document) -> list[str]:
    """Numbers in `text` that are neither a fact's value, a sum the summary
    lists with its facts, nor the report's year."""
    allowed = {f.value for f in doc.facts} | {s["value"] for s in doc.summary_sources}
    if doc.year:
        allowed.add(float(doc.year))
    found = [(m.group(), float(m.group())) for m in _DIGITS.finditer(fold(text))]
    found += [(text[n.start:n.end], n.value) for n in find_numbers(text) if not re.search(r"\d", text[n.start:n.end])]
    return [s for s, v in found if v not in allowed]


class Abstractive:
    """A user's seq2seq checkpoint (a Chinese BART/T5) rewrites the grounded
    summary; its output is kept only if every number in it is grounded."""

    def __init__(self, path: str):
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(path).eval()

    def __call__(self, doc: Document) -> None:
        keep_if_grounded(doc, self.generate(doc))

    def generate(self, doc: Document) -> str:
        import torch

        source = doc.summary + "\n" + doc.text[:1500]
        inputs = self.tokenizer(source, return_tensors="pt", truncation=True, max_length=512)
        inputs.pop("token_type_ids", None)
        with torch.inference_mode():
            ids = self.model.generate(**inputs, max_new_tokens=200, num_beams=1, do_sample=False)
        return self.tokenizer.decode(ids[0], skip_special_tokens=True).replace(" ", "").strip()


def keep_if_grounded(doc: Document, text: str) -> None:
    """A rewritten summary replaces the grounded one only when every number in it is grounded."""
    wrong = ungrounded_numbers(text, doc)
    if text and not wrong:
        doc.summary, doc.summary_method = text, "abstractive"
    else:
        doc.summary_method = "grounded (abstractive output rejected: " + (
            "empty" if not text else "numbers not in the facts: " + ", ".join(wrong[:5])) + ")"
