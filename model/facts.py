"""Narrative facts: a number becomes a canonical metric from its label phrase,
in the same clause ("主动公开政府信息95条") or in the item heading above a bare
number ("（三）从事政府信息公开工作人员数。" then "7"). Items left empty or
written as 无/暂无/未收到 go to `not_reported`, never 0.

Precision over coverage: a number is a fact only where the phrase is clear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from model.document import Document, Fact, Sentence
from model.normalise import fold
from model.numbers import parse_value
from model.tables import parse_appendix
from model.taxonomy import metrics


@dataclass(frozen=True)
class Rule:
    metric: str
    phrase: re.Pattern       # must occur in the clause before the number (or in the item heading)
    units: tuple[str, ...]   # measure words accepted after the number
    unless: re.Pattern | None = None
    context: re.Pattern | None = None  # must occur somewhere in the sentence


def _rule(metric, phrase, units, unless=None, context=None) -> Rule:
    return Rule(metric, re.compile(phrase), tuple(units.split()), re.compile(unless) if unless else None,
                re.compile(context) if context else None)


# Ordered: the first rule that fits a clause wins (specific before general).
_NOT_TOTALS = r"累计|历年|截至|截止|其中|上年|同比|比上年|增长|下降|减少|增加|%"
RULES: list[Rule] = [
    _rule("proactive_website", r"(?:政府|门户)?网站(?:公开|发布)|网站公开信息|通过.{0,8}网站.{0,6}公开", "条 件",
          _NOT_TOTALS + r"|回应|依申请"),
    _rule("proactive_other", r"其他方式公开|其他(?:渠道|途径)公开", "条 件", _NOT_TOTALS),
    _rule("gazette_issues", r"公报", "期", r"累计|历年"),
    _rule("press_conferences", r"新闻发布会|发布会", "场 次", r"累计|历年"),
    # "全年累计发布解读21条" is this year's total; "配套解读7次" counts events, not documents.
    _rule("interpretations", r"政策解读|解读(?:稿|材料|文件|信息)|解读", "篇 条 件 个", r"历年|截至|公文"),
    _rule("hot_responses", r"回应.{0,8}(?:关切|热点|舆情|关注)", "次 条 件 个", r"累计|历年"),
    _rule("requests_completed", r"办结", "件 个 条", r"结转|顺延|累计", context=r"申请"),
    _rule("requests_received", r"(?:收到|受理|接收|接到|新收).{0,12}申请|申请(?:总数|数量|数)", "件 个 条",
          r"结转|顺延|累计|复议|诉讼|同意|部分|不予|答复", context=r"信息公开|依申请|申请公开|公开申请"),
    _rule("requests_answered", r"答复", "件 个 条", r"结转|顺延|转下|下一?年度|累计|同意|部分|不予|无法|不掌握|复议|诉讼|咨询|诉求",
          context=r"申请"),
    _rule("request_fees", r"收取.{0,6}费|收费", "元 万元", r"累计|采购|行政事业性"),
    _rule("reviews", r"行政复议", "件 起 个 宗", r"累计|维持|纠正|其他结果|尚未"),
    _rule("lawsuits", r"行政诉讼", "件 起 个 宗", r"累计|维持|纠正|其他结果|尚未"),
    _rule("complaints", r"投诉|举报|申诉", "件 起 个 次", r"累计|信访|12345|便民|热线|诉求|咨询",
          context=r"信息公开"),
    _rule("reading_points", r"查阅(?:点|场所|室|中心)", "个 处"),
    _rule("offices", r"(?:专门|工作)?机构", "个"),
    _rule("staff_fulltime", r"专职", "人 名"),
    _rule("staff_parttime", r"兼职", "人 名"),
    _rule("staff", r"(?:信息公开|政务公开).{0,6}(?:工作)?人员|从事.{0,12}人员", "人 名", r"培训|参训|专职|兼职"),
    _rule("funding", r"专项经费|经费", "元 万元"),
    _rule("trainees", r"(?:培训|参训|受训).{0,10}人|接受培训", "人次 人 名"),
    _rule("trainings", r"培训", "次 期 场 班"),
    _rule("meetings", r"会议|专题会", "次 场"),
    _rule("proactive_total", r"主动公开|(?:共|全年)(?:审核)?(?:公布|发布)(?:各类)?(?:公开)?政府信息", "条 件", _NOT_TOTALS + r"|应主动公开|类信息"),
]
_BY_METRIC = {r.metric: r for r in RULES}
_CLAUSE_STOP = re.compile(r"[，。；;,:：！？!?]|其中")
_SPACE = re.compile(r"\s+")
_BARE_VALUE = re.compile(r"\s*([\d,.]+|[零〇一二两三四五六七八九十百千]+)\s*(万元|元|人次|个|人|次|条|件|场|期|篇|名)?"
                         r"\s*(?:[(（][^()（）]{0,30}[)）])?\s*[。.]?\s*")
_EMPTY_WORDS = re.compile(r"^(?:无|暂无|没有|空|/|—|-|－)$")
_NONE_PHRASES = [  # prose that says an item did not happen: not reported, not 0
    (re.compile(r"(?:未|没有|无)(?:收到|受理|接到|发生).{0,16}申请"), ("requests_received",)),
    (re.compile(r"(?:未|没有|无)(?:发生|收到|出现|产生|接到).{0,20}(?:行政复议|复议)"), ("reviews",)),
    (re.compile(r"(?:未|没有|无)(?:发生|收到|出现|产生|接到).{0,24}(?:行政诉讼|诉讼)"), ("lawsuits",)),
    (re.compile(r"无(?:政府信息公开)?收费|未(?:收取|产生).{0,10}费|无.{0,6}收费及减免"), ("request_fees",)),
]


_TABLE_COUNTERPART = {"requests_received": "t3.new.total", "reviews": "t4.review.total",
                      "lawsuits": "t4.litigation_direct.total"}


def metric_for_phrase(text: str, sentence: str | None = None) -> Rule | None:
    t = _SPACE.sub("", fold(text))  # a PDF line wrap may split a word
    for rule in RULES:
        if rule.phrase.search(t) and not (rule.unless and rule.unless.search(t)):
            # An item heading ("（三）投诉举报数量。") is its own context.
            if rule.context and sentence is not None and not rule.context.search(sentence):
                continue
            return rule
    return None


def _clause_before(norm: str, pos: int, floor: int) -> str:
    stops = [m.end() for m in _CLAUSE_STOP.finditer(norm, floor, pos)]
    return norm[stops[-1] if stops else floor:pos]


def prose_facts(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    norm = doc.folded
    for s in doc.sentences:
        if s.heading:
            continue
        for n in doc.numbers(s.start, s.end):
            if not n.unit or n.unit == "%":
                continue
            clause = _clause_before(norm, n.start, s.start)
            rule = metric_for_phrase(clause, norm[s.start:s.end])
            if rule and n.unit in rule.units:
                facts.append(Fact(rule.metric, n.value, n.unit, n.start, n.end, "text", 0.9, n.approximate))
    return facts


def _item_metric(doc: Document, s: Sentence) -> Rule | None:
    text = doc.folded[s.start:s.end]
    return metric_for_phrase(text) if s.subheading and re.search(r"(数|数量|费用|经费|人次)[。.]?$", text.strip()) else None


def item_facts(doc: Document) -> tuple[list[Fact], list[str]]:
    """Old-template items: a heading naming a figure, its value on the next line."""
    facts, empty = [], []
    sentences = doc.sentences
    for i, s in enumerate(sentences):
        rule = _item_metric(doc, s)
        if rule is None:
            continue
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if nxt is None or nxt.heading or nxt.subheading:
            empty.append(rule.metric)
            continue
        value_text = doc.sentence_text(nxt)
        if _EMPTY_WORDS.match(value_text.strip()):
            empty.append(rule.metric)
            continue
        # The value line holds the number alone (a unit and a note in brackets at most).
        m = _BARE_VALUE.fullmatch(doc.folded[nxt.start:nxt.end])
        value = parse_value(m.group(1)) if m else None
        if value is None:
            continue
        unit = m.group(2) or metrics()[rule.metric]["unit"]
        facts.append(Fact(rule.metric, value, unit, nxt.start + m.start(1), nxt.start + m.end(1), "text", 0.95))
    return facts, empty


def none_reported(doc: Document) -> list[str]:
    norm = doc.folded
    return [metric for pattern, ms in _NONE_PHRASES if pattern.search(norm) for metric in ms]


def mentions(doc: Document) -> tuple[list[Fact], list[str]]:
    """Every narrative figure the rules read (a metric may be stated twice), and
    the items left empty."""
    items, empty = item_facts(doc)
    taken = {(f.start, f.end) for f in items}
    return items + [f for f in prose_facts(doc) if (f.start, f.end) not in taken], empty


def unit_fits(metric: str, unit: str) -> bool:
    """A figure of `metric` may carry this measure word (none: the metric's own)."""
    return not unit or unit in _BY_METRIC[metric].units


def extract_facts(doc: Document) -> None:
    found, empty = mentions(doc)
    facts = first_per_metric(found)
    if doc.template == "old":
        stated = {f.metric: f.value for f in facts}
        appendix = [f for f in parse_appendix(doc, doc.folded, stated) if f.metric not in stated]
        facts += appendix
    doc.facts = sorted(facts + [f for f in doc.facts if f.origin == "table"], key=lambda f: f.start)
    reported = {f.metric for f in doc.facts}
    # A new-template report that says "未收到…复议" in prose and gives table 四 has reported it.
    reported |= {metric for metric, table in _TABLE_COUNTERPART.items() if table in reported}
    doc.not_reported = sorted(set(m for m in empty + none_reported(doc) if m not in reported),
                              key=list(metrics()).index)


def first_per_metric(facts: list[Fact]) -> list[Fact]:
    """One value per metric: the first statement wins; a later, different value
    for the same metric (a breakdown, a repetition) is not kept."""
    seen: dict[str, Fact] = {}
    for f in sorted(facts, key=lambda f: f.start):
        seen.setdefault(f.metric, f)
    return list(seen.values())
