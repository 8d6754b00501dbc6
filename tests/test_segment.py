"""Segmentation and the rules baseline on the shapes of the real corpus."""
import json

import pytest

from conftest import RAW, REPORTS
from model.document import Document
from model.pipeline import Pipeline, analyze
from training.metrics import SectionScore, predicted_char_labels


def run(text: str) -> Document:
    return analyze(Document(id="t", source="t", text=text))


def texts(doc):
    return [doc.text[s.start:s.end] for s in doc.sentences]


def heading_texts(doc):
    return [doc.text[s.start:s.end] for s in doc.sentences if s.heading]


def labels_by_text(doc):
    return {doc.text[s.start:s.end]: s.label for s in doc.sentences}


def test_seed_sentences_carry_exactly_the_gold_labels(seed_text):
    gold = json.loads((RAW / "seed_gold.json").read_text(encoding="utf-8"))
    doc = run(seed_text)
    score = SectionScore()
    score.add(seed_text, gold["sections"], predicted_char_labels(doc))
    assert score.total > 1900
    assert score.accuracy() == 1.0
    headings = [(s.start, s.end) for s in doc.sentences if s.heading]
    assert headings == [tuple(s["heading"]) for s in gold["sections"] if s["heading"]]
    assert doc.missing_sections == gold["missing_sections"]
    assert (doc.template, doc.agency, doc.year) == ("old", gold["agency"], gold["year"])


def test_seed_item_heading_and_bare_number_are_separate_segments(seed_text):
    doc = run(seed_text)
    segments = texts(doc)
    i = segments.index("(三)从事政府信息公开工作人员数。")
    assert segments[i + 1] == "7"
    assert doc.sentences[i].subheading


def test_offsets_point_into_the_text_and_never_overlap(seed_text):
    for text in (seed_text, (REPORTS / "r001.txt").read_text(encoding="utf-8"),
                 (REPORTS / "r043.txt").read_text(encoding="utf-8")):
        doc = run(text)
        previous = 0
        for s in doc.sentences:
            assert previous <= s.start < s.end <= len(text)
            assert text[s.start:s.end] == text[s.start:s.end].strip()
            previous = s.end
        covered = {i for s in doc.sentences for i in range(s.start, s.end)}
        assert all(i in covered for i, c in enumerate(text) if not c.isspace())


def test_flattened_web_page_heading_runs_into_the_sentence():
    text = ("当前位置： 首页政务公开 平潭县民政局2016年政府信息公开年度报告 来源： 时间：2017-03-01 "
            "根据《条例》要求编制本报告。一、 概述2016年，我局认真贯彻落实《条例》。"
            "二、政府信息主动公开情况（一）主动公开政府信息的数量 2016年度主动公开政府信息32条。"
            "三、依申请公开政府信息情况2016年未收到申请。四、收费及减免情况无收费及减免情况。"
            "五、存在的主要问题和改进措施一是公开内容不够丰富。")
    doc = run(text)
    assert heading_texts(doc) == ["一、 概述", "二、政府信息主动公开情况", "三、依申请公开政府信息情况",
                        "四、收费及减免情况", "五、存在的主要问题和改进措施"]
    labels = labels_by_text(doc)
    assert labels["2016年，我局认真贯彻落实《条例》。"] == "overview"
    assert labels["无收费及减免情况。"] == "fees"
    assert labels["一是公开内容不够丰富。"] == "problems"
    assert all(s.label == "preamble" for s in doc.sentences if s.end <= text.index("一、"))
    assert (doc.agency, doc.year, doc.template) == ("平潭县民政局", 2016, "old")


def test_heading_run_in_after_a_colon_is_a_heading_an_inline_list_is_not():
    # The first heading of r038/r069/r093 (and r126's second, after a comma).
    text = ("本报告由总体情况、主动公开情况等部分组成，包括：一、概述；二、主动公开情况。"
            "现将我局政府信息公开情况汇报如下：一、工作开展情况（一）加强组织领导。我局成立领导小组。"
            "办理群众来信，二、主动公开政府信息的情况（一）主动公开政府信息的数量。全年公开12条。")
    doc = run(text)
    assert heading_texts(doc) == ["一、工作开展情况", "二、主动公开政府信息的情况"]
    labels = labels_by_text(doc)
    assert labels["我局成立领导小组。"] == "overview"
    assert labels["全年公开12条。"] == "proactive"


def test_pdf_hard_wraps_joined_and_page_numbers_do_not_split():
    text = ("一、总体情况\n\n2024 年，我市坚持以习近平新时代中国特色社会主义思想为\n\n"
            "指导，认真学习宣传贯彻党的二十大精神，圆满完成了各项任务。\n\n"
            "（一）主动公开情况。市政府网站主动公开各类政府信息 5500 余条，组织召开了\n\n- 1 -\n\n"
            "新闻发布会 12 场。\n\n二、主动公开政府信息情况\n\n第二十条 第（一）项\n\n信息内容\n\n规章")
    doc = run(text)
    segs = texts(doc)
    assert "2024 年，我市坚持以习近平新时代中国特色社会主义思想为\n\n指导，认真学习宣传贯彻党的二十大精神，圆满完成了各项任务。" in segs
    assert any(s.startswith("市政府网站主动公开") and s.endswith("新闻发布会 12 场。") for s in segs)
    assert [s for s in segs if doc.sentences[segs.index(s)].heading] == ["一、总体情况", "二、主动公开政府信息情况"]
    assert "规章" in segs and "信息内容" in segs  # one table cell per line stays one cell per segment
    # A short first line is a sentence's start where a clause ends in it; a short title is not.
    short = texts(run("（二）依申请公开\n\n2023年,我委收到政府信\n\n息公开申请44件。\n\n信息内容\n\n规章"))
    assert "2023年,我委收到政府信\n\n息公开申请44件。" in short and "信息内容" in short


def test_table_rows_numbered_like_headings_are_not_headings():
    text = ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n"
            "三、本年度办理结果\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n行政复议")
    doc = run(text)
    assert heading_texts(doc) == ["三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    assert doc.sentences[-1].label == "review_litigation"


def test_markdown_headings_and_table_rows_a_caption_is_not_a_heading():
    text = ("# 沭阳县人民政府2025年政府信息公开工作年度报告\n\n## 一、总体情况\n\n### （一）主动公开\n\n"
            "全年主动公开信息1200条。\n\n## 二、主动公开政府信息情况\n\n## 表二：主动公开政府信息情况\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n"
            "| 规章 | 0 |\n\n## 五、存在的主要问题及改进情况\n\n一是解读不够。")
    # The heading rules' labels: with 三、 and 四、 missing the shipped pipeline hands
    # this report to the model (test_pipeline.py).
    doc = Pipeline("rules").analyze(Document(id="t", source="t", text=text))
    assert heading_texts(doc) == ["## 一、总体情况", "## 二、主动公开政府信息情况", "## 五、存在的主要问题及改进情况"]
    assert [s.ordinal for s in doc.sentences if s.heading] == [1, 2, 5]
    labels = labels_by_text(doc)
    assert labels["| 规章 | 0 |"] == "proactive"
    assert labels["### （一）主动公开"] == "overview"


def test_unnumbered_renamed_heading_on_its_own_line():
    text = "一、总体情况\n全年工作平稳。\n存在的主要问题及改进措施\n公开质量有待提高。"
    doc = run(text)
    assert heading_texts(doc) == ["一、总体情况", "存在的主要问题及改进措施"]
    assert doc.sentences[-1].label == "problems"


@pytest.mark.parametrize("text,why", [
    ("本报讯 昨日，市区迎来今冬第一场雪，气温骤降至零下5摄氏度。公交公司增开了12条线路的班次。", "几乎没有"),
    # News of the disclosure work uses the report's words but has neither its title nor its sections.
    ("市政务公开办召开2023年政务公开工作推进会\n3月5日，市政务公开办召开推进会。会议总结了2022年全市政府信息"
     "公开工作，通报了主动公开、依申请公开等工作情况。会议要求，各单位要压实责任。市直各部门负责同志参加会议。", "新闻"),
    # A notice about the reports is a notice.
    ("关于做好2022年政府信息公开工作年度报告编制公布工作的通知\n各区县人民政府，市政府各部门：\n"
     "为做好年度报告编制工作，请认真总结主动公开、依申请公开工作情况。", "通知"),
])
def test_a_text_that_is_not_a_report_is_unknown_with_a_clear_message(text, why):
    doc = run(text)
    assert doc.template == "unknown"
    assert any(c.rule == "report_recognised" and c.ok is False and why in c.message for c in doc.checks)
    assert doc.summary.startswith("这") and "该机关" not in doc.summary  # not then called a report


def test_a_notice_publishing_a_report_and_an_untitled_excerpt_are_reports():
    for text in ("关于印发鼓楼区2022年政府信息公开工作年度报告的通知\n各街道：\n一、总体情况\n2022年，主动公开"
                 "政府信息120条，依申请公开工作规范。",
                 "推进政府信息公开工作。本区目前已配备11名全职工作人员，主动公开政府信息120条，依申请公开申请5件。"):
        assert not [c for c in run(text).checks if c.rule == "report_recognised"]


def test_a_numeral_without_its_mark_heads_a_section_only_where_a_section_is_named():
    text = ("现公布2020年度政府信息公开工作年度报告。一总体情况2020年，我局坚持公开为常态。"
            "一是加强组织领导。二、主动公开政府信息情况\n全年公开12条。")
    doc = run(text)
    assert heading_texts(doc) == ["一总体情况", "二、主动公开政府信息情况"]
    assert labels_by_text(doc)["一是加强组织领导。"] == "overview"


def test_a_line_both_heading_paths_find_is_one_heading():
    # "（一）" broken by a PDF wrap leaves "一)主动公开…" alone on its line: numbered and
    # standalone at once (this crashed the segmenter, and `make train` with it).
    text = "某镇2014年政府信息公开工作年度报告\n(\n一)主动公开政府信息情况\n全年主动公开政府信息95条。"
    doc = analyze(Document(id="t", source="t", text=text))
    headings = [doc.text[s.start:s.end] for s in doc.sentences if s.heading]
    assert headings == ["一)主动公开政府信息情况"] and doc.sentences[-1].label == "proactive"
