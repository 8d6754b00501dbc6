"""Narrative facts: a number becomes a canonical metric from its label phrase,
in the same clause ("主动公开政府信息95条"), right after it ("1名兼职工作人员"), or
in the item heading above a bare number ("（三）从事政府信息公开工作人员数。"
then "7"). A statement that there was none ("未收到政府信息公开申请", "无收费",
an item answered 无/暂无) is a fact with value 0 whose span is the words that say
so; only an item left blank goes to `not_reported` (spec, "Numeric facts").

Precision over coverage: a number is a fact only where the phrase is clear, and
never when its clause speaks of another year, a running total or a part of the
whole (a website's share, one category of documents).

The words (label phrases, measure words, what a statement of none denies) are
the taxonomy's "prose" section; this module holds how they are read.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from model.document import Document, Fact, Sentence
from model.normalise import fold, label_view
from model.numbers import MEASURE, Number, parse_value
from model.tables import parse_appendix
from model.taxonomy import metrics, prose


@dataclass(frozen=True)
class Rule:
    metric: str
    phrase: re.Pattern       # must occur in the clause before the number (or in the item heading)
    units: tuple[str, ...]   # measure words accepted after the number
    unless: re.Pattern | None = None
    context: re.Pattern | None = None  # must occur somewhere in the sentence
    template: str | None = None        # only in reports of this template
    before: re.Pattern | None = None   # a label after the number: what the clause before must say
    sections: tuple[str, ...] = ()     # sections whose every sentence is the context's topic


def _compiled(pattern: str | None) -> re.Pattern | None:
    return re.compile(pattern) if pattern else None


# The words are the taxonomy's ("prose"); ordered: the first label that fits a clause wins.
RULES: list[Rule] = [Rule(r["metric"], re.compile(r["before"]), tuple(r["units"]), _compiled(r.get("unless")),
                          _compiled(r.get("context")), r.get("template"), sections=tuple(r.get("sections", ())))
                     for r in prose()["labels"]]
_BY_METRIC = {r.metric: r for r in RULES}
# Words right after a number that name its metric ("1名兼职工作人员", "收到8份政府信息公开申请").
_AFTER: list[Rule] = [Rule(r["metric"], re.compile(r["after"]), tuple(r["units"]), _compiled(r.get("unless")),
                           _compiled(r.get("context")), r.get("template"), _compiled(r.get("before")))
                      for r in prose()["after"]]
_WORDS = prose()["words"]
_PROACTIVE = ("proactive_total", "proactive_website", "proactive_other")
_OTHER_REQUESTS = re.compile(_WORDS["other_requests"])
_CLAUSE_STOP = re.compile(r"[，。；;,:：！？!?]|其中")
_SPACE = re.compile(r"\s+")
# "共受理行政复议申请3件，其中涉及政府信息公开的1件": a body's every review, then its disclosure ones.
_DISCLOSURE_CASES = r"(?:涉及|关于|有关|属于|因)?(?:政府)?信息公开(?:方面|工作)?(?:引起|引发)?(?:的|类的?)?(?:案件|申请)?"
# "…累计主动公开275条，…其中，本年度新增…32条": the year's own figure beside a running total.
_NEW_THIS_YEAR = re.compile(r"(?:本年度?|今年|全年|当年)新增")
# A whole whose part is the report's figure follows it ("…其中涉及政府信息公开的1件", "共公开政府信息
# 312条，其中主动公开309条，依申请公开3条", "累计主动公开政府信息3819条，本年度新增295条"): the part
# is read, the whole is not.
_PART_FOLLOWS = {"reviews": re.compile(rf"^[,，]?其中{_DISCLOSURE_CASES}\d"),
                 "proactive_total": re.compile(r"^[,，]?(?:其中[,，]?主动公开(?:政府)?(?:信息)?|"
                                               rf"(?:其中)?{_NEW_THIS_YEAR.pattern}(?:的)?)\d")}
_PART_FOLLOWS["lawsuits"] = _PART_FOLLOWS["reviews"]
_PART_LABEL = re.compile(rf"^{_DISCLOSURE_CASES}$")
# Words that make a figure something other than the year's own total: a running
# total to date, an approximation, a comparison.
# A figure that follows another "N条，" is one item of a list of categories, unless its clause
# says what was done ("新发布规范性文件4件，制作相关解读文字和图片8个").
_LIST_ITEM = re.compile(r"\d+\s*[条件篇个](?:[,，]\s*占\S{0,8}%)?[,，、;；]\s*$")
_DONE = re.compile(r"^(?:以[^，。；,;]{1,8}?(?:形式|方式))?(?:共|全年|共计)?(?:制作|发布|推出|编制|开展|刊发|撰写|录制|策划|配发|配文|解读(?=了?(?:政策|文件|相关)))")
# "截止12月31日共发布…" closes the year; "截至2016年底累计公开…" runs over years.
_YEAR_END = re.compile(r"截[至止](?:(?:19|20)\d{2}年)?(?:12月31日|12月底|年底|年末)")
# Words that say the figure is the year's ("本年度", "全年", "今年", "2011年度").
_THIS_YEAR = re.compile(r"本年|全年|今年|当年|年度")
# "2025年以来" in a report on 2025 is its year (another year's is another year's, other_year).
_TO_DATE = re.compile(r"截[至止](?!(?:(?:19|20)\d{2}年)?(?:12月31日|年底|年末|底|末))|截[至止].{0,16}累计|历年|(?<!\d年)以来|至今|迄今|"
                      r"已达|累计达|总计达|到目前|目前为止|近(?:\d+|[两三四五六七八九十])年")
# A sentence about the one before it ("为此，专门配备了2名工作人员").
_FOR_THIS = re.compile(r"\s*(?:为此|对此)")
# A clause up to its verb of attending ("委主要负责同志参加…").
_ATTENDED = re.compile(r"^.*(?:参加|出席)")
# A figure a label may not reach back over (a hotline's 12345 or a date is no figure).
_FIGURE = re.compile(r"(?<!\d)\d{1,4}(?![\d年月日号%.])")
# "通过网站、微信等渠道", "…电子屏等多种形式": a list of channels ending so names every channel.
_EVERY_CHANNEL = re.compile(r"等(?:多种)?(?:渠道|载体|方式|形式|平台)")
# "共制定公文45件", "发布文件15份": a count of documents, whose parts say how they were published.
_DOCUMENTS_COUNTED = re.compile(r"(?:公文|文件)\s*\d+\s*[件份]$")
_PROPOSALS = re.compile(r"(?:建议|提案)\S{0,6}\d+\s*件[，,、；;]\s*$")
# "门户网站(以下简称“区门户网站”)公开9条": an abbreviation's note stands between a label and its verb.
_ALIAS_NOTE = re.compile(r"[(（]以下简称[^()（）]{0,20}[)）]")
_WHOLE_AREA = re.compile(r"全[县市区旗州盟镇乡][^，。,;；]{0,6}?各部门")
# "截至目前，通过…网站主动公开政府信息32条": to date frames every clause after it, except for
# what a body has standing ("截至目前，专门配备了2名专职工作人员").
_STOCK = {"staff", "staff_fulltime", "staff_parttime", "offices", "reading_points"}
_TO_DATE_FRAME = re.compile(r"截[至止](?:目前|今(?!年)|现在)[^。]*$")
# "截至2013年12月27日，我局…累计主动公开政府信息440条", "2020年底，本单位累计…": a date the sentence names,
# then 累计 in the figure's clause, runs over years; "全年累计" totals the year.
_DATED = re.compile(r"截[至止]|(?<![\u4e00-\u9fff])至(?:19|20)\d{2}年|到?(?:19|20)\d{2}年(?:底|末)")
_RUNNING = re.compile(r"(?<!全年|本年|今年|年度|当年)累计")
# A figure already read in this clause ("行政复议1件、行政诉讼0件"): the label of
# the next one starts after it.
_READ_BEFORE = re.compile(rf"\d(?:\s*[万亿])?\s*{MEASURE}\s*[、和及与(（]?")
_WEBSITE, _OTHER_CHANNELS = re.compile(_WORDS["website"]), re.compile(f"{_WORDS['social']}|{_WORDS['venues']}")
# "政务微信…公开政府信息23条，村务公开栏公开信息18条", "…“三务公开”平台公开信息154条，…微信公众平台…1375条":
# two other channels' figures in a paragraph (a named platform is one), neither the other channels' count
# (channels are never added up); a clause naming the website too is a whole.
_OTHER_CHANNEL_FIGURE = re.compile(rf"(?:{_WORDS['social']}|[”\"]平台)[^，。；,;]{{0,48}}?\d+\s*[条篇件]")

_CHANNEL = re.compile(f"{_WORDS['website']}|{_WORDS['social']}|{_WORDS['columns']}")
# A whole that runs over years: the part after its 其中 may be the year's own total.
_RUNNING_WHOLE = re.compile(r"累计|截[至止]|历年")
# "本区自2004年5月起开展…，目前已配备…": a year things started from does not frame the figure.
# Not a year compared with ("比2022年(31起)下降29%，答复22起", "较2022年下降19.44%").
_YEAR_FRAME = re.compile(r"(?<![\d自从较比])((?:19|20)\d{2})(?=\s*年(?!度?未?(?:结转|转结))(?!(?:\d{1,2}月)?(?:\d{1,2}日)?起))")
_BARE_VALUE = re.compile(r"\s*([\d,.]+|[零〇一二两三四五六七八九十百千]+)\s*(万元|元|人次|个|人|次|条|件|场|期|篇|名)?"
                         r"\s*(?:[(（][^()（）]{0,30}[)）])?\s*[。.]?\s*")
# On the label's own line: a figure alone on the next line is a table's cell
# (the first of a row, not its total).
_COUNT_LABEL = re.compile(r"(?:数|数量|总数)[^\S\n]*(?:为|是|共计|共|:)?[^\S\n]*$")
_CLAUSE_END = re.compile(r"[^\S\n]*[，。；,;]")
_EMPTY_ITEM = re.compile(r"^(?:空|/|-|－)?$")
_NONE_ITEM = re.compile(r"^(?:无|暂无|没有|零|无此项|本年度无|无此类情况)[。.]?$")

# Statements that there was none: a negation, then (in the same clause) the
# things denied. The span runs from the negation to the last thing named.
_NEGATION = re.compile(prose()["negation"])
# What a statement of none denies, and the words that make it another thing.
_DENIED: list[Rule] = [Rule(r["metric"], re.compile(r["denied"]), (), _compiled(r.get("unless")), None, r.get("template"))
                       for r in prose()["none"]]
_DIGIT_RUN = re.compile(r"\d{5,}")
# "依申请办理事项为零", "收费和减免为零": a label, then 为零.
_IS_ZERO = re.compile(r"为(?:零|0)(?![\d.])")


def metric_for_phrase(text: str, sentence: str | None = None, template: str | None = None,
                      unit: str | None = None, section: str | None = None) -> Rule | None:
    """The first rule whose phrase fits the clause (and the number's measure word, when given)."""
    t = _ALIAS_NOTE.sub("", label_view(_SPACE.sub("", fold(text))))  # a PDF line wrap may split a word
    # "截至12月31日共发布…" closes the year: not a running total to the unless words; "全县各级各部门"
    # is the whole county, not its departments apart.
    plain = _WHOLE_AREA.sub("全", _YEAR_END.sub("", t))
    for rule in RULES:
        if (rule.template and rule.template != template) or (unit is not None and unit not in rule.units):
            continue
        if rule.phrase.search(t) and not (rule.unless and rule.unless.search(plain)):
            # An item heading ("（三）投诉举报数量。") is its own context.
            # ... and so is a sentence of the section on the topic ("在政务新媒体发布文章129篇" under 主动公开).
            if rule.context and sentence is not None and section not in rule.sections and \
                    not rule.context.search(label_view(sentence)):
                continue
            return rule
    return None


# The longest label a rule reads before its figure; a clause is read no further back (a page of markup
# with no stop in it would make each of its thousands of numbers read the whole page).
CLAUSE_WINDOW = 160


def _clause_before(norm: str, pos: int, floor: int, items: bool = True) -> str:
    """The words before `pos` in its clause; `items`: from the figure before it, if any."""
    floor = max(floor, pos - CLAUSE_WINDOW)
    # A colon right before the figure ends its label, not the clause ("主动公开信息数：126条").
    stops = [m.end() for m in _CLAUSE_STOP.finditer(norm, floor, pos)
             if not (m.group() in ":：" and not norm[m.end():pos].strip())]
    stops += [m.end() for m in _READ_BEFORE.finditer(norm, floor, pos)] if items else []
    return norm[max(stops) if stops else floor:pos]


def whole_before(norm: str, s: Sentence, n: Number) -> str | None:
    """The whole a figure after 其中 is a part of: what is said before 其中, in the sentence or
    (其中 opening it) the one before; None for a figure not after 其中. A list of parts runs on
    past "；" ("其中微博29个，共发布信息1992条；微信公众号41个，共发布信息3404条")."""
    begin = max(norm.rfind("。", 0, n.start), norm.rfind("\n", 0, n.start), s.start - 160) + 1
    at = norm.rfind("其中", min(begin, s.start), n.start)
    if at < 0:
        return None
    whole = norm[max(0, s.start - 160):at].rstrip("，。,.：: \n")
    return whole[max(whole.rfind("。"), whole.rfind("\n")) + 1:]


def part_of_a_channel(metric: str, whole: str | None) -> bool:
    """A proactive figure after 其中 under one channel's count is a part of that channel's:
    a channel's part ("…信息公开网络平台公开101292条。其中，政府门户网站发布49994条", "通过新媒体公开
    186896条。其中，政务微博5478条") or a category's ("通过门户网站公开政府信息3636条，其中…经费公开信息
    9条"). Under a whole of every channel ("通过网站、微信等渠道公开500条，其中网站300条") a channel's
    figure is the channel's own; under a running total ("…门户网站累计主动公开440条。其中2013年度
    共主动公开235条") or all information ("制作、获取政府信息总数1873条，其中主动公开政府信息425条")
    the year's total is the total."""
    if whole is None or not _CHANNEL.search(whole):
        return False
    if _RUNNING_WHOLE.search(whole):
        return False  # "…网站累计公开846条，其中本年度在网站公开214条": the year's own, any channel's too
    if metric == "proactive_total":
        return True
    if metric == "proactive_other" and not _OTHER_CHANNELS.search(whole):
        return False  # the website's count has no other channel's part ("…门户网站…8720条，其中…；通过微信…")
    return not (_WEBSITE.search(whole) and _OTHER_CHANNELS.search(whole))


def _paragraph(norm: str, s: Sentence) -> str:
    end = norm.find("\n", s.end)
    return norm[norm.rfind("\n", 0, s.start) + 1:end if end >= 0 else len(norm)]


def other_channel_figures(sentence: str) -> int:
    return sum(1 for clause in re.split(r"[，。；,;]|(?<=[条件篇])、", sentence)
               if _OTHER_CHANNEL_FIGURE.search(clause) and not _WEBSITE.search(clause))


def _subject_channel(before: str) -> str | None:
    """The channel a sentence opens with, as its subject ("黄石市政府门户网站围绕…，主动公开各类政府信息
    7217条", "市局…四大微博，…全年累计发布政府信息342条"): the figure is that channel's (the dev set's
    convention: a sentence naming one channel gives that channel's figure)."""
    clauses = re.split(r"[，。；,;]", before)
    # A means, a frame, or a list of channels ending 等…渠道 (every channel) names no one channel.
    named = [] if re.match(r"(?:通过|依托|利用|在|借助|按照|围绕|根据)", clauses[0]) or _EVERY_CHANNEL.search(clauses[0]) \
        else [clauses[0]]
    # ... or the clause right before the figure's is the means of one channel ("此外，还通过长河发布微信公众号，
    # 发布信息977条", "我局依托市政府门户网站，主动公开…"; "通过网站、微信等渠道，…" names every channel).
    if len(clauses) > 1 and re.match(r"(?:此外)?[^，。；,;]{0,4}?还?(?:通过|依托|利用|借助|开通|开设)", clauses[-2]) and \
            "等" not in clauses[-2]:
        named.append(clauses[-2])
    return next((c for c in map(_one_channel, named) if c), None)


def _noted_channel(after: str) -> str | None:
    """The channel a note right after the figure names ("2775条（网站公开）")."""
    note = re.match(r"\s*[(（]([^()（）]{1,12})[)）]", after)
    return _one_channel(note.group(1)) if note else None


def _one_channel(words: str) -> str | None:
    """The channel metric of words naming the website or other channels, not both."""
    site, other = _WEBSITE.search(words), _OTHER_CHANNELS.search(words)
    return None if bool(site) == bool(other) else "proactive_website" if site else "proactive_other"


def other_year(text: str, year: int | None) -> bool:
    """The last year `text` names is not the report's year ("2010年我镇通过…")."""
    # "2020年结转312件" is last year's carried into this one, not another year's figure.
    years = _YEAR_FRAME.findall(text)
    # The year after is the year of writing ("结转至2022年", dates of the report itself).
    return bool(year and years and int(years[-1]) not in (year, year + 1))


def prose_numbers(doc: Document, norm: str) -> Iterator[tuple[Sentence, Number]]:
    """The numbers a narrative figure may be read from: outside headings and table
    rows (the table reader's), never a percentage. `norm`: doc.simplified."""
    for s in doc.sentences:
        if s.heading or "|" in norm[s.start:s.end]:
            continue
        yield from ((s, n) for n in doc.numbers(s.start, s.end) if n.unit != "%")


def _headings_above(doc: Document, norm: str) -> dict[int, str]:
    """Each sentence's nearest heading or item heading above it ("（一）主动公开情况"), by start."""
    above, last = {}, ""
    for s in doc.sentences:
        if s.heading or s.subheading:
            last = norm[s.start:s.end]
        else:
            above[s.start] = last
    return above


def _channel_rule(rule: Rule | None, clause: str, unit: str) -> Rule | None:
    """A channel's count read by the heading's topic; a WeChat account's articles (文章, 篇) carry news
    too and are no count of information made public (d037's gold)."""
    if rule is None or rule.metric not in _PROACTIVE:
        return None
    return None if unit == "篇" or "文章" in clause else rule


def prose_facts(doc: Document) -> list[Fact]:
    facts: list[Fact] = []
    norm = doc.simplified
    headings = _headings_above(doc, norm)
    before = {s.start: p for p, s in zip(doc.sentences, doc.sentences[1:])}
    for s, n in prose_numbers(doc, norm):
        sentence = norm[s.start:s.end]
        # "…开展政府信息公开工作。为此，专门配备了2名工作人员": a sentence opening 为此 is about the one before.
        prev = before.get(s.start) if _FOR_THIS.match(sentence) else None
        said = norm[prev.start:prev.end] + sentence if prev else sentence
        # A label never reaches back over another figure ("收到申请87分别为予以公开45件": 45 is the disclosed).
        clause = _FIGURE.split(_clause_before(norm, n.start, s.start))[-1]
        # A figure without its measure word counts only right after a label (申请, 信息, 依申请公开)
        # that names a count, and before the clause ends ("政府信息公开申请数为2，…");
        # a table row run into text ("申请数量1000001二、…") is neither.
        if not n.unit and not ((_COUNT_LABEL.search(clause) or clause.endswith(("申请", "信息", "依申请公开"))) and
                               _CLAUSE_END.match(norm, n.end)):
            continue
        # The topic may be named by the sentence before (a list after 其中 goes on with it) and,
        # for a channel's count, by the item heading above ("（一）主动公开情况" over "通过微信公众号
        # 发布信息196条"; not for requests or training: 审批 and 惠农 ones sit under such headings too).
        whole = whole_before(norm, s, n)
        topic, heading = (whole or "") + said, headings.get(s.start, "")
        # "发布10个系列解读和31个图解": the words before 和 name the figure before it.
        listed = clause.endswith(("和", "及", "与", "、"))
        rule = None if listed else metric_for_phrase(clause, topic, doc.template, n.unit or None, s.label)
        # A list shares its verb ("参加《百姓问政》1期、市政府新闻发布会1次": both attended, none held):
        # a rule that leaves out what was attended reads the clause up to its verb.
        if rule and rule.unless:
            went = _ATTENDED.search(_clause_before(norm, n.start, s.start, items=False))
            rule = None if went and rule.unless.search(went.group()) else rule
        if rule is None and heading and not listed:
            rule = _channel_rule(metric_for_phrase(clause, heading + topic, doc.template, n.unit or None, s.label),
                                 clause, n.unit)
        after = norm[n.end:n.end + 20].lstrip()
        after = after[len(n.unit):] if after.startswith(n.unit) else after
        metric = rule.metric if rule else \
            _metric_after(after, n.unit, said, doc.template, clause) if n.unit else None
        if metric == "requests_received" and after.startswith(("其中新收", ",其中新收", "，其中新收")):
            continue  # "共受理申请15件，其中新收到14件": the 15 counts last year's too
        if metric in _PART_FOLLOWS and _PART_FOLLOWS[metric].match(_SPACE.sub("", after)):
            continue
        if metric is None and n.unit and _PART_LABEL.match(clause):
            metric = _cases_of(whole)
        if metric in _PROACTIVE and part_of_a_channel(metric, whole):
            continue
        if metric == "proactive_total" and whole and _DOCUMENTS_COUNTED.search(whole):
            continue  # "共制定公文45件，其中主动公开41件": a share of the documents, not the year's information
        if _DOCUMENTS_COUNTED.search(_bracket_opened(norm[s.start:n.start])):
            continue  # "发布文件15份（不予公开7份，依申请公开5份）": how the documents were published
        if metric in ("proactive_total", "proactive_website") and "信息" not in clause and \
                _PROPOSALS.search(norm[s.start:n.start - len(clause)]):
            continue  # "办理人大代表建议4件、政协委员提案13件，网上公开13件": the proposals' replies
        if metric == "proactive_total" and whole is None and not _CHANNEL.search(clause):
            metric = _subject_channel(norm[s.start:n.start]) or _noted_channel(after) or metric
        if metric == "proactive_total" and _RUNNING.search(clause) and _NEW_THIS_YEAR.search(norm[n.end:s.end]):
            continue  # "2020年累计主动公开275条，…其中，本年度新增的…32条": the year's is the 32
        if metric == "proactive_other" and other_channel_figures(_paragraph(norm, s)) > 1:
            continue
        if metric == "interpretations" and _listed_category(norm, clause, n.start - len(clause), whole,
                                                            _clause_before(norm, n.start, s.start, items=False)):
            continue
        if metric and metric.startswith("t4.review.") and metric != "t4.review.total":
            metric = _case_outcome(metric, norm[s.start:n.start])
        framed = metric not in _STOCK and _TO_DATE_FRAME.search(norm[s.start:n.start].rpartition("其中")[2]) or \
            _held_at_year_end(metric, norm[s.start:n.start])
        if metric is None or _TO_DATE.search(clause) or framed or (
                _RUNNING.search(clause) and _DATED.search(norm[s.start:n.start])) or (
                metric != "t3.carried_over.total" and other_year(norm[s.start:n.start], doc.year)):
            continue
        unit = n.unit or metrics()[metric]["unit"]
        facts.append(Fact(metric, n.value, unit, n.start, n.end, "text", 0.9, n.approximate))
        if n.value == 0:
            facts += [Fact(m, n.value, unit, n.start, n.end, "text", 0.9, n.approximate)
                      for m in _listed_zeros(clause, metric, topic, doc.template, n.unit, s.label)]
        facts += _implied(doc, metric, n, unit, sentence, after)
    return facts


def _held_at_year_end(metric: str | None, before: str) -> bool:
    """"截至2025年12月31日，通过县政府门户网站主动公开各类信息59条": what a channel holds at the year's end,
    not what it published in the year, unless the sentence says the year (本年度, 全年, 今年, 2011年度)."""
    return metric in _PROACTIVE and bool(_YEAR_END.search(before)) and not _THIS_YEAR.search(before)


def _bracket_opened(before: str) -> str:
    """The words before the bracket still open at the end of `before` ("" when none is)."""
    opened = max(before.rfind("("), before.rfind("（"))
    return before[:opened].rstrip() if opened > max(before.rfind(")"), before.rfind("）")) else ""


def _listed_category(norm: str, clause: str, label_at: int, whole: str | None, listed_from: str) -> bool:
    """"…年报1条，政策解读1条，…": one category in a list of what was published (a list that "；" may cut
    into sentences: the paragraph is its bound). One saying what was done counts ("…1290件，解读政策文件4件"),
    and so does a list that opens saying it (`listed_from`, the clause from before the list: "发布…文件197件、
    政策解读442件"), unless it is a part after 其中 of what a channel published ("…官网发布信息231条，其中…，
    发布政策解读5条")."""
    if not _LIST_ITEM.search(norm[max(norm.rfind("\n", 0, label_at) + 1, label_at - 12):label_at]):
        return False
    if whole is None:
        return not (_DONE.match(clause) or _DONE.match(listed_from))
    owner = re.split(r"[；;]", whole)[-1]
    return bool(_WEBSITE.search(owner) or _OTHER_CHANNELS.search(owner)) or not _DONE.match(clause)


def _listed_zeros(clause: str, metric: str, topic: str, template: str | None, unit: str | None,
                  section: str | None) -> list[str]:
    """"发生政府信息公开类行政复议、行政诉讼0件": a none after a list is each item's none (a figure
    above 0 after one would be their sum, no item's). The metrics other than `metric`, read already."""
    items = re.split(r"[、和及与]", clause)
    found: list[str] = []
    for item in items if len(items) > 1 else ():
        rule = metric_for_phrase(item, topic, template, unit or None, section)
        if rule and rule.metric not in (metric, *found):
            found.append(rule.metric)
    return found


# The cases an outcome ("结果维持5件", "尚未审结1件") is of: the last named before it.
_CASES_NAMED = re.compile(r"(复议后(?:起诉|提起))|(未经复议|直接起诉)|起诉|诉讼|复议")


def _case_outcome(metric: str, before: str) -> str | None:
    """"未经复议直接起诉9件，结果维持5件；复议后起诉1件，尚未审结1件": an outcome after lawsuits is theirs, in
    the block they name (none named: no table figure)."""
    last = None
    for last in _CASES_NAMED.finditer(before):
        pass
    if last is None or last.group() == "复议":
        return metric
    block = "litigation_after_review" if last.group(1) else "litigation_direct" if last.group(2) else None
    return f"t4.{block}.{metric.rsplit('.', 1)[1]}" if block else None


def _cases_of(whole: str | None) -> str | None:
    """The cases a disclosure part ("其中涉及政府信息公开的1件") is a part of."""
    last = _clause_before(whole or "", len(whole or ""), 0) or (whole or "")[-12:]
    return "reviews" if "复议" in last else "lawsuits" if "诉讼" in last else None


def _metric_after(after: str, unit: str, sentence: str, template: str, clause: str) -> str | None:
    after, clause = _SPACE.sub("", after), _SPACE.sub("", clause)
    for rule in _AFTER:
        if (rule.template and rule.template != template) or (rule.before and not rule.before.search(clause)) or \
                (rule.unless and rule.unless.search(clause)):
            continue
        if unit in rule.units and rule.phrase.search(after) and (rule.context is None or rule.context.search(sentence)):
            if rule.metric == "requests_received" and _OTHER_REQUESTS.search(sentence):
                continue
            return rule.metric
    return None


# One outcome for every review ("引发行政复议1件，结果维持", "行政复议1起，正在办理中"):
# no count of its own follows.
_EVERY_REVIEW = {"t4.review.upheld": re.compile(r"^(?:件|起|个|宗)?[,，]?(?:结果|均|全部)?(?:为|被|予以)?维持(?:原)?"
                                                r"(?:行政行为|决定)?(?:[。；;]|$)"),
                 "t4.review.pending": re.compile(r"^(?:件|起|个|宗)?[,，]?(?:均|目前)?(?:正在|尚在|尚未)(?:办理|审理|审结)")}


# Requests carried over from last year ("上年结转", "2019年转结").
_FROM_LAST_YEAR = r"(?:上一?年度?|(?:19|20)\d{2}年)(?:结转|转结)"


def _implied(doc: Document, metric: str, n, unit: str, sentence: str, after: str) -> list[Fact]:
    """Table figures a narrative one also states in the new template: the year's
    requests where the prose keeps last year's apart ("共收到申请32件…上年结转3件"),
    the reviews where their outcomes follow ("行政复议4起，其中1起尚未审结"), the outcome every
    request had ("收到申请1件，为本机关不掌握的政府信息"); and
    in any report the staff's kind ("工作人员2人，均为兼职人员")."""
    kind = re.match(r"[,，]?均为(专职|兼职)", after)
    if metric == "staff" and kind:
        return [Fact("staff_fulltime" if kind.group(1) == "专职" else "staff_parttime", n.value, unit, n.start,
                     n.end, "text", 0.9)]
    if doc.template != "new":
        return []
    twin = None
    # "收到申请41件（含上年度结转3件）", "…20件，其中上年结转2件": that figure counts last year's
    # too; a 含 of a later figure ("收到申请161件，办结168件（含上年结转14件）") does not.
    own = re.match(r"[^，。；,;]*(?:[，,]其中[^，。；,;]*)?", after).group()
    if metric == "requests_received" and re.search(rf"{_FROM_LAST_YEAR}(?![至到])|(?:结转|转结)上一?年", sentence) \
            and not re.search(rf"(?<!不)(?:含|其中)(?:\d+件为)?{_FROM_LAST_YEAR}", own):
        twin = "t3.new.total"
    elif metric == "t3.new.total":
        twin = "requests_received"
    elif metric == "reviews" and re.search(r"维持|纠正|审结|审理|办理中", sentence):
        twin = "t4.review.total"
    twins = [twin] if twin else []
    # "收到申请1件，为本机关不掌握的政府信息", "…1件，已予以部分公开": the outcome of every request (a clause
    # with a count of its own, "…5件，予以公开3件", is that count's).
    if metric == "requests_received":
        said = re.sub(r"^[,，]\s*", "", after)
        outcome = None if re.search(r"\d", re.match(r"[^，。；,;]*", said).group()) else \
            _metric_after(said, unit, sentence, doc.template, "")
        if outcome and outcome.startswith(("t3.disclosed", "t3.partial", "t3.refused", "t3.unavailable",
                                           "t3.not_processed")):
            twins.append(outcome)
    if metric == "reviews":
        twins += [outcome for outcome, said in _EVERY_REVIEW.items() if said.match(_SPACE.sub("", after))]
    return [Fact(t, n.value, unit, n.start, n.end, "text", 0.9) for t in twins]


def none_facts(doc: Document) -> list[Fact]:
    """Value-0 facts from statements that there was none, in this year's scope."""
    facts: list[Fact] = []
    norm = doc.simplified
    for s in doc.sentences:
        if s.heading:
            continue
        pos, negated = s.start, False
        for clause in re.split(r"(?<=[。；;，,!！?？])", norm[s.start:s.end]):
            start, pos = pos, pos + len(clause)
            # Row labels of a table flattened into the text ("…另行制作00000003.补正后申请…") deny nothing.
            if other_year(norm[s.start:start + len(clause)], doc.year) or _DIGIT_RUN.search(clause):
                continue
            neg = _NEGATION.search(clause)
            if neg:
                facts += _denied(clause, neg.start(), start, norm[s.start:s.end], section=s.label)
            elif negated and _CASES_DENIED_ON.match(clause):
                # "我局未受理政府信息公开申请，行政复议和行政诉讼", "未因…等情况，而发生…行政复议和行政诉讼案件":
                # the cases named after a negated clause are denied by it.
                facts += _denied(clause, 0, start, norm[s.start:s.end])
            negated = bool(neg)
            zero = _IS_ZERO.search(clause)
            if zero:
                facts += _denied(clause[:zero.end()], 0, start, norm[s.start:s.end], zero_word=True)
    only_new = {r.metric for r in _DENIED if r.template == "new"}
    return [f for f in facts if doc.template == "new" or f.metric not in only_new]


# A clause that only names cases ("行政复议和行政诉讼", "而发生…申请行政复议和行政诉讼案件").
_CASES_DENIED_ON = re.compile(r"^\s*(?:而|也|以及|及|和)?[^\d，。；,;]{0,30}?(?:复议|诉讼)(?:案件|情况|事项)?[。；;]?\s*$")


def _denied(clause: str, at: int, offset: int, sentence: str, zero_word: bool = False,
            section: str | None = None) -> list[Fact]:
    # Matched without spaces: a PDF wrap or a blanked pinyin note may sit inside a word ("复\n议").
    kept = [i for i, c in enumerate(clause[at:]) if not c.isspace()]
    scope = "".join(clause[at + i] for i in kept)
    out = []
    for rule in _DENIED:
        metric = rule.metric
        m = rule.phrase.search(scope)
        if not m or (rule.unless and rule.unless.search(scope)):
            continue
        # A fee denied under the section on fees is a disclosure fee ("没有产生对公民…的收费情况").
        if metric in ("requests_received", "request_fees", "complaints") and not zero_word and \
                not (metric == "request_fees" and section == "fees") and \
                not re.search(r"信息公开|依申请|申请|公开|减免|信息处理费", sentence):
            continue
        end = offset + at + (len(clause) - at if zero_word else kept[m.end() - 1] + 1)
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
