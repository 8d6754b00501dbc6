"""The rules baseline for section tagging: heading text -> canonical label, and
every sentence takes the label of the top-level heading above it.

Also detects the report's template (old/new), agency and year, which the
heading rules need (the old template's 四、 is often fees, the new one's never).
"""
from __future__ import annotations

import re

from model.document import Check, Document
from model.meta import agency_and_year
from model.normalise import fold
from model.taxonomy import required_sections

# Ordered: the first rule whose pattern occurs in a heading wins. Order matters
# where headings share words: "因政府信息公开申请行政复议" is about review, not
# requests; "存在的主要问题及改进情况" is problems although it says 情况.
HEADING_RULES: list[tuple[str, re.Pattern]] = [(label, re.compile(p)) for label, p in [
    ("other", r"其他需要|信息处理费|其他事项|需要说明|其他需说明|其他需报告|附表|统计表|附件|指标名称"),
    ("problems", r"问题|改进|不足|打算|下一步|整改|努力方向|工作计划|改进举措|展望"),
    ("review_litigation", r"复议|诉讼|举报|投诉|申诉"),
    ("fees", r"收费|减免"),
    ("institution", r"机构建设|保障经费|经费|培训|工作人员|机构和人员|组织机构|队伍"),
    ("interpretation", r"回应|解读|关切|舆情"),
    ("on_request", r"依申请|申请公开|收到和处理|处理政府信息公开申请|公开申请|不予公开"),
    ("proactive", r"主动公开|信息公开情况|公开情况|公开的主要内容|公开内容|信息主动"),
    ("overview", r"概述|总体|基本情况|基本工作|工作情况|概况|开展情况|总述|核心成效|成效|组织领导|加强领导"),
]]

# Rows of table 三 that look like top-level headings ("四、结转下年度继续办理").
TABLE_ROWS = re.compile(r"^(本年新收|上年结转|本年度办理结果|办理结果|结转下年度|申请人情况)")


def heading_label(title: str) -> str | None:
    t = fold(title)
    if TABLE_ROWS.match(t.strip()):
        return None
    for label, pattern in HEADING_RULES:
        if pattern.search(t):
            return label
    return None


def tag_by_headings(doc: Document) -> None:
    """Each sentence gets the label of the nearest top-level heading above it."""
    label = "preamble"
    for s in doc.sentences:
        if s.heading:
            named = heading_label(doc.sentence_text(s))
            s.named = named is not None
            label = named or _unknown_heading_label(label)
        s.label = label
        s.score = 1.0
    doc.missing_sections = missing_sections(doc)


def _unknown_heading_label(previous: str) -> str:
    # A numbered heading whose words match no rule ("二、突出重点") is one more
    # part of the work done: overview in both templates.
    return "overview" if previous in ("preamble", "overview") else previous


def missing_sections(doc: Document) -> list[str]:
    present = {s.label for s in doc.sentences}
    return [label for label in required_sections(doc.template) if label not in present]


# -- template, agency (model/meta.py), year ----------------------------------------

_NEW_MARKERS = re.compile(r"第二十条第\s*[(（]\s*[一五六八]\s*[)）]\s*项|本年新收政府信息公开申请数量|"
                          r"收到和处理政府信息公开申请情况|结转下年度继续办理|〔20(?:19|21)〕\s*(?:60|30)\s*号")
_OLD_MARKERS = re.compile(r"依申请公开政府信息情况|收费及减免|政府信息公开的收费|申请行政复议、提起行政诉讼|"
                          r"依申请公开工作情况|主动公开政府信息的数量|申请办结数|政府信息公开专项经费")
_REPORT_WORDS = re.compile(r"政府信息公开|主动公开|依申请公开|信息公开工作")
# Using the words is not being a report: a report names itself or is cut into the report's
# sections; news of the disclosure work ("召开政务公开工作推进会…会议要求…") does neither, and
# a notice about the reports ("关于做好…年度报告编制公布工作的通知") is a notice, unless it
# publishes one ("关于印发…年度报告的通知", the report below it).
_REPORT_NAMED = re.compile(r"年度报告|年报|工作报告|情况报告|报告如下|本报告|此报告")
_NEWS = re.compile(r"本报讯|记者|会议(?:要求|指出|强调|总结|传达|部署)|(?:出席|参加)了?会议")
_NOTICE = re.compile(r"通知$")
_PUBLISHING = re.compile(r"关于(?:印发|公布|发布|转发)")


def _not_a_report(doc: Document, text: str) -> str | None:
    """Why the text is not a 政府信息公开工作年度报告, in the reader's words; None when it is one."""
    if len(_REPORT_WORDS.findall(text)) < 3:
        return "这不像一份政府信息公开工作年度报告（几乎没有“政府信息公开”“主动公开”“依申请公开”等用语），"
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if _NOTICE.search(title) and not _PUBLISHING.search(title):
        return f"这是一份通知（“{title[:40]}”），不是政府信息公开工作年度报告，"
    sections = any(heading_label(doc.sentence_text(s)) for s in doc.sentences if s.heading)
    if not sections and not _REPORT_NAMED.search(text) and _NEWS.search(text):
        return "这像一篇新闻或会议报道（没有报告标题，也没有报告的各部分标题），不是政府信息公开工作年度报告，"
    return None


def detect_meta(doc: Document) -> None:
    text = doc.simplified  # a mirror copy in traditional characters is a report too
    doc.agency, doc.year = agency_and_year(doc.text, text)

    new = len(_NEW_MARKERS.findall(text))
    old = len(_OLD_MARKERS.findall(text))
    not_report = _not_a_report(doc, text)
    if not_report:
        doc.template, doc.template_score = "unknown", 0.1
        doc.checks.append(Check("report_recognised", False, not_report + "模板无法判断，以下结果仅供参考。"))
    elif doc.year is not None:
        # The 2019 条例 changed the format from the 2019 reports on.
        doc.template = "new" if doc.year >= 2019 else "old"
        agrees = (new > old) == (doc.template == "new") or new == old
        doc.template_score = 0.95 if agrees else 0.6
    elif new != old:
        doc.template = "new" if new > old else "old"
        doc.template_score = 0.7
    else:
        doc.template, doc.template_score = "unknown", 0.3
