"""Narrative facts: a number becomes a canonical metric from its label phrase,
in the same clause ("主动公开政府信息95条"), right after it ("1名兼职工作人员"), or
in the item heading above a bare number ("（三）从事政府信息公开工作人员数。"
then "7"). A statement that there was none ("未收到政府信息公开申请", "无收费",
an item answered 无/暂无) is a fact with value 0 whose span is the words that say
so; only an item left blank goes to `not_reported` (spec, "Numeric facts").

Precision over coverage: a number is a fact only where the phrase is clear, and
never when its clause speaks of another year, a running total or a part of the
whole (a website's share, one category of documents).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from model.document import Document, Fact, Sentence
from model.normalise import fold, simplified
from model.numbers import MEASURE, parse_value
from model.tables import parse_appendix
from model.taxonomy import metrics


@dataclass(frozen=True)
class Rule:
    metric: str
    phrase: re.Pattern       # must occur in the clause before the number (or in the item heading)
    units: tuple[str, ...]   # measure words accepted after the number
    unless: re.Pattern | None = None
    context: re.Pattern | None = None  # must occur somewhere in the sentence
    template: str | None = None        # only in reports of this template


def _rule(metric, phrase, units, unless=None, context=None, template=None) -> Rule:
    return Rule(metric, re.compile(phrase), tuple(units.split()), re.compile(unless) if unless else None,
                re.compile(context) if context else None, template)


# Ordered: the first rule that fits a clause wins (specific before general).
# ... and figures of subordinate units ("督促县直部门在信息公开页面发布信息3044条").
_NOT_TOTALS = r"累计|历年|截至|截止|其中|上年|同比|比上年|增长|下降|减少|增加|%|督促|指导|各部门|县直|市直|区直|各乡镇|各街道|下属"
# The end of a clause that introduces the whole of what was published ("主动公开政府
#信息", "共公开政府信息总数为"), not one category of it ("主动公开政策文件").
_ALL_INFORMATION = (r"(?:公开|发布|公布|上传)+了?(?:各类|各项)?(?:主动公开)?(?:政府|政务)?(?:工作)?(?:信息|条目)"
                    r"(?:总数|总量|数量|数)?(?:共计|合计|共|计|总计|为|达到|达)*$")
_WEBSITE = r"网站|官网|信息网|政府网|网上|门户"
_SOCIAL = r"其他方式|其他形式|其他渠道|其他途径|新媒体|公众号|微信|微博|公开栏(?!目)|公示栏"
# A column or platform of a site publishes a part of the whole.
_COLUMNS = r"专栏|栏目|平台"
_REQUEST = r"信息公开|依申请|申请公开|公开申请"
_OTHER_REQUESTS = r"12345|热线|信访|咨询|许可|诉求|建议|提案"
RULES: list[Rule] = [
    # "通过政务公开网站、微信公众号等主动公开信息652条": every channel together.
    _rule("proactive_total", rf"(?:(?:{_WEBSITE}).{{0,30}}(?:{_SOCIAL}|平台)|(?:{_SOCIAL}|平台).{{0,30}}(?:{_WEBSITE}))"
          rf".{{0,12}}{_ALL_INFORMATION}", "条 件", r"截至|其中|依申请"),
    _rule("proactive_website", rf"(?:{_WEBSITE}).{{0,24}}{_ALL_INFORMATION}|(?:{_WEBSITE})(?:公开|发布)?了?$",
          "条 件", _NOT_TOTALS.replace("累计|", "") + r"|回应|依申请|" + _SOCIAL + "|" + _COLUMNS),
    _rule("proactive_other", rf"(?:{_SOCIAL}).{{0,16}}(?:公开|发布)了?(?:信息|文章)?(?:数|数量|总数)?(?:共计|共|为)*$", "条 件 篇",
          _NOT_TOTALS + r"|" + _WEBSITE + "|" + _COLUMNS, context=r"公开"),
    _rule("gazette_issues", r"公报", "期", r"累计|历年"),
    _rule("press_conferences", r"新闻发布会|发布会", "场 次", r"累计|历年"),
    # "全年累计发布解读21条" is this year's total; "配套解读7次" counts events, not
    # documents; "政策解读信息4条" in a list of categories published is one category.
    _rule("interpretations", r"解读", "篇 条 件 个", r"历年|截至|公文|转发|及解读|会议"),
    _rule("hot_responses", r"回应.{0,8}(?:关切|热点|舆情|关注)", "次 条 件 个", r"累计|历年"),
    _rule("requests_completed", r"办结", "件 个 条", r"结转|顺延|累计", context=r"申请"),
    _rule("requests_received", r"(?:收到|受理|接收|接到|新收|提交|提出|处理|办理)(?:答复)?.{0,12}(?:申请|依申请公开)"
          r"|申请(?:总数|数量|数)|(?:收到|受理|提交)(?:政府)?信息公开$|依申请公开(?:政府)?(?:信息)?(?:共计|共)?$|政府信息公开申请$",
          "件 个 份 例", r"结转|顺延|累计|复议|诉讼|同意|部分|不予|办结|" + _OTHER_REQUESTS,
          context=_REQUEST),
    # "共收到有关政府信息公开的申请21条": 条 counts requests only right after 收到…申请.
    _rule("requests_received", r"(?:收到|受理|接收|接到).{0,12}申请$", "条",
          r"结转|顺延|累计|复议|诉讼|同意|部分|不予|办结|" + _OTHER_REQUESTS, context=_REQUEST),
    _rule("requests_answered", r"答复", "件 个 条", r"结转|顺延|转下|下一?年度|累计|同意|部分|不予|无法|不掌握|复议|诉讼|咨询|诉求",
          context=r"申请"),
    _rule("request_fees", r"收取.{0,6}费|收费", "元 万元", r"累计|采购|行政事业性"),
    _rule("reviews", r"行政复议", "件 起 个 宗", r"累计|维持|纠正|其他结果|尚未|正在"),
    _rule("lawsuits", r"行政诉讼|起诉案件", "件 起 个 宗", r"累计|维持|纠正|其他结果|尚未|正在"),
    _rule("complaints", r"投诉|举报|申诉", "件 起 个 次", r"累计|信访|12345|便民|热线|诉求|咨询",
          context=r"信息公开"),
    _rule("reading_points", r"查阅(?:点|场所|室|中心)", "个 处"),
    _rule("offices", r"(?:专门|工作)?机构", "个"),
    _rule("staff_fulltime", r"专职(?:人员|工作人员)?$", "人 名", r"专兼职|专、兼职"),
    _rule("staff_parttime", r"兼职(?:人员|工作人员)?$", "人 名", r"专兼职|专、兼职"),
    _rule("staff", r"(?:信息公开|政务公开).{0,6}(?:工作)?人员|从事.{0,12}人员", "人 名", r"培训|参训|专职|兼职"),
    _rule("funding", r"专项经费|经费", "元 万元"),
    _rule("trainees", r"培训|参训|受训", "人次 人 名", r"培训班|班数|次数"),
    _rule("trainings", r"培训", "次 期 场 班"),
    _rule("meetings", r"会议|专题会", "次 场", r"解读"),
    # "2015年我局累计主动公开政府信息71条" totals the year; "截至…累计" does not (_TO_DATE).
    _rule("proactive_total", r"主动公开.{0,12}(?:政府)?信息.{0,4}$|" + _ALL_INFORMATION, "条 件",
          _NOT_TOTALS.replace("累计|", "") + r"|应主动公开|类信息|" + _WEBSITE + "|" + _SOCIAL + "|" + _COLUMNS),
    # Table figures stated in prose (new template): the year's new requests, the
    # carried-over ones and the outcomes named without ambiguity.
    _rule("t3.carried_over.total", r"(?:上一?年度?|(?:19|20)\d{2}年)结转|结转上一?年度?", "件", template="new"),
    _rule("t3.carried_forward.total", r"结转(?:至)?下一?年度?|结转(?:到)?(?:19|20)\d{2}年", "件", r"上年", template="new"),
    _rule("t3.new.total", r"本年(?:度)?新收|全年新收|新收(?:到)?$", "件", template="new"),
    _rule("t3.disclosed.total", r"予以公开$", "件", template="new"),
    _rule("t3.partial.total", r"部分公开$", "件", template="new"),
    _rule("t3.unavailable.not_held.total", r"不掌握(?:相关)?(?:政府)?信息$", "件", r"等", template="new"),
    _rule("t3.refused.process_info.total", r"过程性+信息$", "件", r"等", template="new"),
    _rule("t3.not_processed.repeated.total", r"重复申请$", "件", r"等", template="new"),
    _rule("t2.regulations.repealed", r"废止.{0,10}规章$", "件", template="new"),
    # Documents repealed in a clean-up of past years' ("经清理，已宣布废止…") are not the year's table figure.
    _rule("t2.normative_docs.repealed", r"废止.{0,10}(?:规范性)?文件$", "件", r"清理", context=r"^(?!.*清理)",
          template="new"),
    _rule("t2.regulations.in_force", r"现行有效.{0,10}规章$", "件", template="new"),
    _rule("t2.normative_docs.in_force", r"现行有效.{0,24}规范性文件$", "件", template="new"),
    _rule("t2.regulations.made", r"(?:新制定|新制作|制发|新出台|制定).{0,10}规章$", "件", r"公开", template="new"),
    _rule("t2.normative_docs.made", r"(?:新制定|新制作|制发|新出台|制定).{0,16}规范性文件$", "件", r"公开", template="new"),
    _rule("t4.review.upheld", r"维持$", "件 起", template="new"),
    _rule("t4.review.corrected", r"纠正$", "件 起", template="new"),
    _rule("t4.review.pending", r"尚未审结$|正在复议$|未审结$", "件 起", template="new"),
]
_BY_METRIC = {r.metric: r for r in RULES}
# Words right after a number that name its metric ("1名兼职工作人员", "收到8份政府信息公开申请").
_AFTER: list[tuple[str, re.Pattern, tuple[str, ...], re.Pattern | None]] = [
    (metric, re.compile(after), tuple(units.split()), re.compile(context) if context else None)
    for metric, after, units, context in [
        ("staff_fulltime", r"^(?:的)?(?:干部|同志|人员|工作人员)?[(（]?专职", "人 名", None),
        ("staff_parttime", r"^(?:的)?(?:干部|同志|人员|工作人员)?[(（]?兼职|^[,，]均为兼职", "人 名", None),
        ("staff", r"^(?:专兼职|专、兼职)?(?:工作人员|同志|干部)(?:负责)?", "人 名", r"信息公开|政务公开|负责"),
        ("requests_received", r"^(?:的)?(?:政府信息公开|依申请公开|信息公开)(?:的)?申请", "件 份 个 条", None),
        ("proactive_total", r"^(?:的)?主动公开(?:的)?(?:政府)?信息", "条 件", None),
        ("trainings", r"^举办.{0,12}培训", "次 期", None),
        ("trainees", r"^参加.{0,8}培训", "人次 人 名", None),
        ("funding", r"^(?:的)?(?:工作|专项)经费", "元 万元", None),
        # Review outcomes named after the count, in the new template ("其中1起尚未审结").
        ("t4.review.pending", r"^(?:尚未审结|未审结|正在审理|正在复议)", "件 起", r"复议"),
        ("t4.review.upheld", r"^(?:结果)?(?:被)?维持", "件 起", r"复议"),
        ("t4.review.corrected", r"^(?:结果)?(?:被)?纠正", "件 起", r"复议"),
    ]]
_CLAUSE_STOP = re.compile(r"[，。；;,:：！？!?]|其中")
_SPACE = re.compile(r"\s+")
# Words that make a figure something other than the year's own total: a running
# total to date, an approximation, a comparison.
# A figure that follows another "N条，" is one item of a list of categories.
_LIST_ITEM = re.compile(r"\d+\s*[条件篇个][,，、;；]\s*$")
# "截止12月31日共发布…" closes the year; "截至2016年底累计公开…" runs over years.
_TO_DATE = re.compile(r"截[至止](?!(?:(?:19|20)\d{2}年)?(?:12月31日|年底|年末|底|末))|截[至止].{0,16}累计|历年|以来|至今|迄今|"
                      r"已达|累计达|总计达")
# A figure already read in this clause ("行政复议1件、行政诉讼0件"): the label of
# the next one starts after it.
_READ_BEFORE = re.compile(rf"\d(?:\s*[万亿])?\s*{MEASURE}\s*[、和及与(（]?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_BARE_VALUE = re.compile(r"\s*([\d,.]+|[零〇一二两三四五六七八九十百千]+)\s*(万元|元|人次|个|人|次|条|件|场|期|篇|名)?"
                         r"\s*(?:[(（][^()（）]{0,30}[)）])?\s*[。.]?\s*")
_EMPTY_ITEM = re.compile(r"^(?:空|/|-|－)?$")
_NONE_ITEM = re.compile(r"^(?:无|暂无|没有|零|无此项|本年度无|无此类情况)[。.]?$")

# Statements that there was none: a negation, then (in the same clause) the
# things denied. The span runs from the negation to the last thing named.
_NEGATION = re.compile(r"(?:暂不存在|不存在|未有|尚未|暂无|没有|未|无)(?!经|审结|结案|办结|予|能|按|及时|需|涉及)")
_DENIED: list[tuple[str, re.Pattern, re.Pattern | None]] = [
    # "申请" of information disclosure, not the 申请 of a review ("申请行政复议"), of a
    # hotline, a licence or a consultation, nor information released on request.
    ("requests_received", re.compile(r"申请(?!行政复议|复议|行政诉讼|诉讼|而|引起|引发|提起|人)|依申请(?!公开(?:的)?信息的?情况)"),
     re.compile(_OTHER_REQUESTS + r"|网上|官网|复议申请")),
    ("reviews", re.compile(r"复议"), None),
    ("lawsuits", re.compile(r"诉讼|起诉"), re.compile(r"诉讼费")),
    ("complaints", re.compile(r"投诉|举报"), None),
    ("request_fees", re.compile(r"收费|收取.{0,8}费|费用"), re.compile(r"行政事业性|诉讼费|工本|采购")),
    ("t3.carried_forward.total", re.compile(r"下一?年度?结转|结转(?:至|到)?下一?年"), None),  # new template only
]
# "依申请办理事项为零", "收费和减免为零": a label, then 为零.
_IS_ZERO = re.compile(r"为(?:零|0)(?![\d.])")


def metric_for_phrase(text: str, sentence: str | None = None, template: str | None = None,
                      unit: str | None = None) -> Rule | None:
    """The first rule whose phrase fits the clause (and the number's measure word, when given)."""
    t = simplified(_SPACE.sub("", fold(text)))  # a PDF line wrap may split a word
    for rule in RULES:
        if (rule.template and rule.template != template) or (unit is not None and unit not in rule.units):
            continue
        if rule.phrase.search(t) and not (rule.unless and rule.unless.search(t)):
            # An item heading ("（三）投诉举报数量。") is its own context.
            if rule.context and sentence is not None and not rule.context.search(simplified(sentence)):
                continue
            return rule
    return None


def _clause_before(norm: str, pos: int, floor: int) -> str:
    stops = [m.end() for m in _CLAUSE_STOP.finditer(norm, floor, pos)]
    stops += [m.end() for m in _READ_BEFORE.finditer(norm, floor, pos)]
    return norm[max(stops) if stops else floor:pos]


def other_year(text: str, year: int | None) -> bool:
    """The last year `text` names is not the report's year ("2010年我镇通过…")."""
    years = _YEAR.findall(text)
    # The year after is the year of writing ("结转至2022年", dates of the report itself).
    return bool(year and years and int(years[-1]) not in (year, year + 1))


def prose_facts(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    norm = simplified(doc.folded)
    for s in doc.sentences:
        sentence = norm[s.start:s.end]
        if s.heading or "|" in sentence:  # a table row is the table reader's
            continue
        for n in doc.numbers(s.start, s.end):
            if not n.unit or n.unit == "%":
                continue
            clause = _clause_before(norm, n.start, s.start)
            rule = metric_for_phrase(clause, sentence, doc.template, n.unit)
            after = norm[n.end:n.end + 20].lstrip()
            after = after[len(n.unit):] if after.startswith(n.unit) else after
            metric = rule.metric if rule else _metric_after(after, n.unit, sentence, doc.template)
            if metric == "requests_received" and after.startswith(("其中新收", ",其中新收", "，其中新收")):
                continue  # "共受理申请15件，其中新收到14件": the 15 counts last year's too
            if metric == "interpretations" and _LIST_ITEM.search(norm[max(s.start, n.start - len(clause) - 12):
                                                                       n.start - len(clause)]):
                continue  # "…年报1条，政策解读1条，…": one category in a list of what was published
            if metric is None or _TO_DATE.search(clause) or (
                    metric != "t3.carried_over.total" and other_year(norm[s.start:n.start], doc.year)):
                continue
            facts.append(Fact(metric, n.value, n.unit, n.start, n.end, "text", 0.9, n.approximate))
            facts += _implied(doc, metric, n, sentence, after)
    return facts


def _metric_after(after: str, unit: str, sentence: str, template: str) -> str | None:
    after = _SPACE.sub("", after)
    for metric, pattern, units, context in _AFTER:
        if metric.startswith("t4.") and template != "new":
            continue
        if unit in units and pattern.search(after) and (context is None or context.search(sentence)):
            if metric == "requests_received" and re.search(_OTHER_REQUESTS, sentence):
                continue
            return metric
    return None


def _implied(doc: Document, metric: str, n, sentence: str, after: str) -> list[Fact]:
    """Table figures a narrative one also states in the new template: the year's
    requests where the prose keeps last year's apart ("共收到申请32件…上年结转3件"),
    the reviews where their outcomes follow ("行政复议4起，其中1起尚未审结"); and
    in any report the staff's kind ("工作人员2人，均为兼职人员")."""
    kind = re.match(r"[,，]?均为(专职|兼职)", after)
    if metric == "staff" and kind:
        return [Fact("staff_fulltime" if kind.group(1) == "专职" else "staff_parttime", n.value, n.unit, n.start,
                     n.end, "text", 0.9)]
    if doc.template != "new":
        return []
    twin = None
    # "受理申请3119件…（含上年度结转34件）": that figure counts last year's too.
    if metric == "requests_received" and re.search(r"(?:上一?年度?|(?:19|20)\d{2}年)结转|结转上一?年", sentence) \
            and not re.search(r"含(?:上一?年度?|(?:19|20)\d{2}年)结转", sentence):
        twin = "t3.new.total"
    elif metric == "t3.new.total":
        twin = "requests_received"
    elif metric == "reviews" and re.search(r"维持|纠正|审结|审理", sentence):
        twin = "t4.review.total"
    return [Fact(twin, n.value, n.unit, n.start, n.end, "text", 0.9)] if twin else []


def none_facts(doc: Document) -> list[Fact]:
    """Value-0 facts from statements that there was none, in this year's scope."""
    facts: list[Fact] = []
    norm = simplified(doc.folded)
    for s in doc.sentences:
        if s.heading:
            continue
        pos = s.start
        for clause in re.split(r"(?<=[。；;，,!！?？])", norm[s.start:s.end]):
            start, pos = pos, pos + len(clause)
            if other_year(norm[s.start:start + len(clause)], doc.year):
                continue
            for neg in _NEGATION.finditer(clause):
                facts += _denied(clause, neg.start(), start, norm[s.start:s.end])
                break
            zero = _IS_ZERO.search(clause)
            if zero:
                facts += _denied(clause[:zero.end()], 0, start, norm[s.start:s.end], zero_word=True)
    return [f for f in facts if doc.template == "new" or not f.metric.startswith("t3.")]


def _denied(clause: str, at: int, offset: int, sentence: str, zero_word: bool = False) -> list[Fact]:
    scope = clause[at:]
    out = []
    for metric, what, unless in _DENIED:
        m = what.search(scope)
        if not m or (unless and unless.search(scope)):
            continue
        if metric in ("requests_received", "request_fees", "complaints") and not zero_word and \
                not re.search(r"信息公开|依申请|申请|公开|减免", sentence):
            continue
        end = offset + at + (len(scope) if zero_word else m.end())
        out.append(Fact(metric, 0.0, metrics()[metric]["unit"], offset + at, end, "text", 0.9))
    return out


def _item_metric(doc: Document, s: Sentence) -> Rule | None:
    text = doc.sentence_text(s)
    return metric_for_phrase(text) if s.subheading and re.search(r"(数|数量|费用|经费|人次)[。.]?$", fold(text).strip()) else None


def item_facts(doc: Document) -> tuple[list[Fact], list[str]]:
    """Old-template items: a heading naming a figure, its value on the next line;
    an item answered 无/暂无 is 0, one left blank is not reported."""
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
        value_text = fold(doc.sentence_text(nxt)).strip()
        if _EMPTY_ITEM.match(value_text):
            empty.append(rule.metric)
            continue
        if _NONE_ITEM.match(value_text):
            facts.append(Fact(rule.metric, 0.0, metrics()[rule.metric]["unit"], nxt.start, nxt.end, "text", 0.95))
            continue
        # The value line holds the number alone (a unit and a note in brackets at most).
        m = _BARE_VALUE.fullmatch(fold(doc.sentence_text(nxt)))
        value = parse_value(m.group(1)) if m else None
        if value is None:
            continue
        unit = m.group(2) or metrics()[rule.metric]["unit"]
        facts.append(Fact(rule.metric, value, unit, nxt.start + m.start(1), nxt.start + m.end(1), "text", 0.95))
    return facts, empty


def mentions(doc: Document) -> tuple[list[Fact], list[str]]:
    """Every narrative figure the rules read (a metric may be stated twice), and
    the items left blank."""
    items, empty = item_facts(doc)
    taken = {(f.start, f.end) for f in items}
    found = items + [f for f in prose_facts(doc) if (f.start, f.end) not in taken]
    return found + none_facts(doc), empty


def unit_fits(metric: str, unit: str) -> bool:
    """A figure of `metric` may carry this measure word (none: the metric's own)."""
    return not unit or any(unit in r.units for r in RULES if r.metric == metric) or metric not in _BY_METRIC


def extract_facts(doc: Document) -> None:
    found, empty = mentions(doc)
    facts = first_per_metric(found)
    if doc.template == "old":
        stated = {f.metric: f.value for f in facts}
        appendix = [f for f in parse_appendix(doc, doc.folded, stated) if f.metric not in stated]
        facts += appendix
    tables = [f for f in doc.facts if f.origin == "table"]
    # A (metric, value) a table gives is the table's fact; the prose repeating it adds nothing.
    in_tables = {(f.metric, f.value) for f in tables}
    facts = [f for f in facts if (f.metric, f.value) not in in_tables]
    doc.facts = sorted(facts + tables, key=lambda f: f.start)
    reported = {f.metric for f in doc.facts}
    # Blank items, and table cells written "/" or "-" (the table reader's), are not reported.
    doc.not_reported = sorted(set(m for m in empty + doc.not_reported if m not in reported),
                              key=list(metrics()).index)


def first_per_metric(facts: list[Fact]) -> list[Fact]:
    """One value per metric: the first statement wins; a later, different value
    for the same metric (a breakdown, a repetition) is not kept."""
    seen: dict[str, Fact] = {}
    for f in sorted(facts, key=lambda f: f.start):
        seen.setdefault(f.metric, f)
    return list(seen.values())
