"""The page's handlers and HTML, without a browser (tests/test_page_browser.py
drives the page itself), and the running app through gradio_client."""
import csv
import html
import re
import socket
import zipfile
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES, REPORTS, ROOT

import app
import app_render as render
from model.document import Check
from model.readers import read_path
from model.taxonomy import check_zh, label_zh, metrics, taxonomy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shown_text(fragment: str) -> str:
    """What a browser shows of an HTML fragment (tags gone, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_seed_verdict_text_facts_checks_and_files(seed_text):
    verdict, tagged, facts, checks, json_path, xlsx_path, csv_path, shown = app.analyse(seed_text, None)
    assert "一拉溪镇人民政府" in verdict and "2014年" in verdict and "旧格式" in verdict
    assert "核对：1 项不通过" in verdict and "<h3>摘要</h3>" in verdict
    assert 'data-goto="fact-0"' in verdict and ">95</a>" in verdict  # the figure links to its span
    # every character of the report in order (the legend aside); blank lines shown as spaces
    text_part = tagged[tagged.index('<div class="tagged-text"'):]
    assert shown_text(text_part) == render._display_text(seed_text)
    assert re.sub(r"\s", "", shown_text(text_part)) == re.sub(r"\s", "", seed_text)
    assert 'id="fact-0"' in tagged and 'class="s l-proactive" title="主动公开政府信息情况"' in tagged
    # a bare value is traced to its item label, not shown as just "95"
    first_row = facts[facts.index("<tr data-goto"):].split("</tr>")[0]
    assert "主动公开政府信息数" in shown_text(first_row.split('class="src"')[1])
    # checks: Chinese rule names, the failure first
    assert checks.index("不通过") < checks.index("✔ 通过") and "必备部分是否齐全" in checks
    assert not re.search(r"required_sections|proactive_total", shown_text(checks + facts + verdict))
    # files named by the agency and year; the CSV has Chinese metric names
    for path in (json_path, xlsx_path, csv_path):
        assert Path(path).name.startswith("一拉溪镇人民政府2014年")
    rows = list(csv.DictReader(Path(csv_path).open(encoding="utf-8-sig", newline="")))
    assert rows[0]["指标名称"].startswith("主动公开政府信息数") and rows[0]["数值"] == "95"
    assert not any(metric in Path(csv_path).read_text(encoding="utf-8-sig") for metric in metrics())  # no ids
    assert zipfile.is_zipfile(xlsx_path)
    assert shown["visible"] is True


def test_upload_keeps_only_the_file_name_and_groups_unreadable_rows():
    out = app.analyse("", str(FIXTURES / "r001.pdf"))
    verdict, facts, checks, json_path = out[0], out[2], out[3], out[4]
    assert "淮安市人民政府" in verdict
    assert "复议纠错率（纠正/已审结）</td><td class=\"val\">20.4%</td><td>64 / 314" in facts  # 表四: 64 of 351-37
    assert Path(json_path).name == "r001.json"
    record = Path(json_path).read_text(encoding="utf-8")
    assert '"source": "r001.pdf"' in record and "/tmp" not in record
    assert "表四" in checks and not re.search(r"(?<![.\w])[a-z]{5,}", shown_text(checks))


def test_unreadable_rows_are_one_line_per_table_and_failures_come_first():
    doc = app.Document(id="x", source="x", text="", checks=[
        Check("t4_identities", True, "表四各栏合计一致。"),
        *[Check("table_row_unreadable", None, f"表三“{row}”一行无法读出：其数字（1、2）排不出唯一一种读法，未取数。")
          for row in ("本年新收政府信息公开申请数量", "（一）予以公开", "3.危及“三安全一稳定”")],
        Check("table_row_unreadable", None, "表四（行政复议、行政诉讼）数字无法读出：no split fits，未取数。"),
        Check("required_sections", False, "新格式要求的6个部分缺少：收费及减免情况。")])
    rows = render.grouped_checks(doc)
    assert [ok for _, ok, _ in rows] == [False, None, None, True]
    assert "表三有3 行数字无法可靠读出（本年新收政府信息公开申请数量、（一）予以公开、3.危及“三安全一稳定”）" in rows[1][2]
    assert rows[2][2].startswith("表四有数字无法可靠读出") and "no split" not in rows[2][2]
    out = render.checks_html(doc)
    assert out.index("不通过") < out.index("无法判断") < out.index("✔ 通过") and "只看不通过（1 项）" in out


@pytest.mark.parametrize("name, says", [("scanned.pdf", "没有文字层"), ("image.txt", "PNG 图片"),
                                        ("not_really.docx", "DOCX")])
def test_bad_files_get_a_chinese_error(name, says):
    verdict, *_, shown = app.analyse("", str(FIXTURES / name))
    assert 'class="xxgk-error"' in verdict and says in verdict
    assert not re.search(r"[a-z]{5,}", shown_text(verdict))
    assert shown["visible"] is False


def test_reader_messages_in_chinese():
    # what the readers say of bad files is Chinese and shown as it is
    for name in ("scanned.pdf", "image.txt", "not_really.docx"):
        [doc] = read_path(str(FIXTURES / name))
        assert doc.error and render.error_zh(doc.error) == doc.error and re.search(r"[\u4e00-\u9fff]", doc.error)
    # an unforeseen exception's English is never shown
    assert render.error_zh("could not read file: KeyError: 'x'") == "无法读取这个文件，它可能已损坏，或不是报告文件。"


def test_empty_and_huge_input():
    assert "请粘贴" in app.analyse("   ", None)[0]
    assert "文本过长" in app.analyse("政府信息公开" * 200_000, None)[0]


def test_news_article_warning_comes_first():
    verdict = app.analyse((FIXTURES / "news.txt").read_text(encoding="utf-8"), None)[0]
    assert verdict.index("这不像一份政府信息公开工作年度报告") < verdict.index("<h2")


def test_last_input_wins_and_clears_results(seed_text):
    upload = str(FIXTURES / "r001.pdf")
    chosen, text, choice, *cleared = app.on_upload(upload)
    assert chosen == upload and text == "" and "r001.pdf" in choice
    assert tuple(cleared[:4]) == ("", "", "", "")
    chosen, choice, *cleared = app.on_text(seed_text, upload)  # then an example or a paste
    assert chosen is None and "粘贴的文本" in choice and cleared[0] == ""
    chosen, choice, *_ = app.on_text("", upload)  # the upload emptied the box: it stays chosen
    assert chosen == upload


def test_report_text_is_escaped_where_the_page_renders_html():
    doc = app.load().analyze(app.from_text("<script>alert(1)</script>一、概述\n主动公开政府信息5条。"))
    doc.agency = "<img src=x onerror=alert(1)>"
    doc.summary = doc.agency + doc.summary
    out = render.verdict_html(doc) + render.tagged_html(doc) + render.facts_html(doc) + render.checks_html(doc)
    assert "<img" not in out and "<script>" not in out and "&lt;script&gt;" in out


def test_every_emitted_check_rule_has_a_chinese_name():
    emitted = set()
    for path in (ROOT / "model").glob("*.py"):
        emitted |= set(re.findall(r'Check\(\s*"([a-z0-9_]+)"', path.read_text(encoding="utf-8")))
    emitted |= {i["id"] for i in taxonomy()["identities"]}  # checks.py names these from the data
    assert emitted and emitted <= set(check_zh())


def _lab(hex_colour: str, matrix) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(np.asarray(matrix) @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = np.cbrt(xyz / [0.95047, 1, 1.08883])
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_label_colours_are_told_apart_also_by_colour_blind_readers():
    """Every pair of label colours differs by a CIELAB distance of at least 10 as seen with
    normal vision and simulated full protanopia, deuteranopia and tritanopia (Machado 2009)."""
    assert set(render.COLOURS) == set(label_zh())
    simulated = {"normal": np.eye(3),
                 "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                                [-0.003882, -0.048116, 1.051998]],
                 "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                                  [-0.011820, 0.042940, 0.968881]],
                 "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                                [0.004733, 0.691367, 0.303900]]}
    colours = [c for c in render.COLOURS.values() if c]  # one label is hatched, not coloured
    assert len(colours) == len(set(colours)) == len(render.COLOURS) - 1
    for vision, matrix in simulated.items():
        labs = [_lab(c, matrix) for c in colours]
        closest = min(np.linalg.norm(a - b) for i, a in enumerate(labs) for b in labs[i + 1:])
        assert closest >= 10, vision


def test_batch_files_and_zip(tmp_path):
    bundle = tmp_path / "reports.zip"
    gbk = "行政审批局2020.txt".encode("gbk")  # as zips made on Chinese Windows name it: no UTF-8 flag
    with zipfile.ZipFile(bundle, "w") as z:
        z.write(REPORTS / "r182.txt", "2020/" + "x" * len(gbk))
        z.writestr("readme.md", "not a report")  # not a report file type: left out
    bundle.write_bytes(bundle.read_bytes().replace(b"x" * len(gbk), gbk))
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    steps = list(app.analyse_batch([str(REPORTS / "r043.txt"), str(bundle), str(tmp_path / "broken.zip")]))
    assert "已分析 0 / 3 份" in steps[0][0] and "全部完成" in steps[-1][0]
    table, xlsx, _, agencies, measures, plot = steps[-1][1:]
    assert "reports.zip/2020/行政审批局2020.txt" in table and "不是有效的 zip 压缩包" in table
    assert table.count("<tr class=") == 3 and "/tmp" not in table
    assert agencies["value"] == "平潭综合实验区行政审批局" and measures["value"] == "proactive_total"
    # r182 states its total after the number ("今年我局公开356条政务信息"), read since issue 14's second session
    assert list(plot["年份"]) == ["2019", "2020"] and list(plot["数值"]) == [595, 356]
    # 本年新收 read by hand from both tables: 1 (r043, 2019) and 1 (r182, 2020)
    plot = app.trend_plot(steps[-1][3], agencies["value"], "t3.new.total")
    assert list(plot["年份"]) == ["2019", "2020"] and list(plot["数值"]) == [1, 1]
    assert Path(xlsx).name == "批量分析_3份报告.xlsx" and zipfile.is_zipfile(xlsx)
    assert "请先选择" in next(app.analyse_batch([]))[0]


@pytest.fixture(scope="module")
def running_app():
    demo = app.build()
    demo.queue().launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True,
                        share=False, **app.launch_options())
    yield demo.local_url
    demo.close()


def test_running_app_through_gradio_client(running_app, seed_text):
    from gradio_client import Client

    client = Client(running_app, verbose=False)
    verdict, _, facts, *_ = client.predict(seed_text, api_name="/analyse")
    assert "一拉溪镇人民政府" in verdict and 'data-goto="fact-0"' in verdict
    assert "主动公开政府信息数" in facts
