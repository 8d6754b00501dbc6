"""Tables 二/三/四 in every shape they arrive in, on real report text.

Each shape is tested on a dev-set excerpt of folds 0/1 (data/devset, hand-read
gold) or a corpus report (data/gold/facts.jsonl); shapes no excerpt shows are
made from a real excerpt by the one edit that gives the shape, said in each test.
"""
import json

import docx
import pytest
from conftest import FIXTURES, RAW

from model.document import Document
from model.identities import equations
from model.pipeline import load
from model.readers import read_path
from training.devset import DEVSET
from training.metrics import fact_key, gold_reads

GOLD = {json.loads(line)["file"]: json.loads(line)
        for line in (RAW.parent / "gold/facts.jsonl").read_text(encoding="utf-8").splitlines()}


def excerpt(name: str) -> tuple[str, dict]:
    return (DEVSET / f"{name}.txt").read_text(encoding="utf-8"), json.loads((DEVSET / f"{name}.json").read_text())


def table_facts(doc: Document) -> set[tuple[str, float]]:
    return {(f.metric, f.value) for f in doc.facts if f.origin == "table" and gold_reads(f.metric)}


def analyze(doc: Document) -> Document:
    return load("rules").analyze(doc)


def run(text: str) -> Document:
    return analyze(Document(id="t", source="t", text=text))


@pytest.mark.parametrize("name,shape", [
    ("d130", "pipe rows with a leading pipe"),
    ("d077", "pipe rows with `||` padding, non-zero decisions"),
    ("d009", "pipe rows with trailing empty cells; 2019 format"),
    ("d143", "block label merged into the first row (三、本年度办理结果 | (一)予以公开 | …)"),
    ("d007", "one cell per line, blank lines between; instructions inside a row label"),
    ("d056", "one cell per line ending in ` |`; an empty cell dropped"),
    ("d131", "one cell per line ending in ` |`; 2019 headers out of order"),
    ("d121", "headers split across lines; Hubei's extra row 其他主动公开文件"),
    ("d047", "traditional characters (規章, 行政許可)"),
    ("d132", "2019 format, a table 三 row cut by the excerpt end"),
    ("d006", "2019 format one cell per line, 本年增/减 header"),
])
def test_dev_set_shape_gives_the_hand_read_table_facts(name, shape):
    text, gold = excerpt(name)
    want = {fact_key(f["metric"], f["value"], None) for f in gold["facts"] if f["origin"] == "table"}
    got = table_facts(run(text))
    assert want and want <= got, shape
    assert not {(m, v) for m, v in got - want if m.split(".")[0] in ("t2", "t3", "t4")}, shape


@pytest.mark.parametrize("file,shape", [
    ("r043.txt", "cells run together (规章000, 行政许可00126)"),
    ("r014.txt", "cells run together and spaced (200 000121), a signed 本年增/减 cell"),
    ("r025.txt", "markdown tables under `###` headings, each row repeating its label"),
])
def test_corpus_shape_gives_the_hand_checked_table_facts(file, shape):
    row = GOLD[file]
    doc = run((RAW / "corpus/reports" / file).read_text(encoding="utf-8"))
    want = {fact_key(m, v, u) for m, v, u in row["facts"] if "." in m}
    got = {fact_key(f.metric, f.value, f.unit) for f in doc.facts if "." in f.metric and gold_reads(f.metric)}
    assert want == got, shape


def test_2019_columns_without_a_2021_equivalent_have_metrics_of_their_own():
    doc = run((RAW / "corpus/reports/r014.txt").read_text(encoding="utf-8"))
    got = {(f.metric, f.value) for f in doc.facts}
    # 规章007: 本年新制作 0, 本年新公开 0, 对外公开总数量 7; 行政事业性收费35-15: 35 items, -15 this year.
    assert {("t2.regulations.made", 0), ("t2.regulations.published", 0), ("t2.regulations.public_total", 7),
            ("t2.admin_fees.prev_items", 35), ("t2.admin_fees.change", -15)} <= got
    # 行政许可396442278 splits many ways and no identity holds over table 二: not read, and said so.
    assert not any(f.metric.startswith("t2.licensing.") for f in doc.facts)
    assert any(c.rule == "table_row_unreadable" and "行政许可" in c.message and "396442278" in c.message
               for c in doc.checks)


def test_whole_row_left_empty_in_a_filled_table_is_zero():
    text, _ = excerpt("d130")  # edit: the 行政许可 row's figure removed
    text = text.replace("| 行政许可 | 0 | ||", "| 行政许可 |  | ||")
    got = table_facts(run(text))
    assert ("t2.licensing.decisions", 0) in got and ("t2.normative_docs.made", 2) in got


def test_table_with_no_filled_cell_is_not_reported():
    text, _ = excerpt("d150")  # edit: every figure of table 二 removed
    head, rest = text.split("第二十条第(一)项", 1)
    table, tail = rest.split("三、收到和处理", 1)
    doc = run(head + "第二十条第(一)项" + table.replace(" 0 |", "  |") + "三、收到和处理" + tail)
    assert not any(f.metric.startswith("t2.") for f in doc.facts)


def test_cell_and_pipe_on_alternating_lines():
    text, gold = excerpt("d006")  # edit: each blank line between cells becomes a line holding `|`
    want = {fact_key(f["metric"], f["value"], None) for f in gold["facts"] if f["origin"] == "table"}
    assert want <= table_facts(run(text.replace("\n\n", "\n|\n")))


def test_slash_and_dash_cells_are_not_reported_and_named():
    text, _ = excerpt("d150")  # edit: two cells of 行政处罚 written "/" and "-"
    doc = run(text.replace("行政处罚 | 0 | 0 | 0 |", "行政处罚 | / | - | 0 |"))
    assert ("t2.punishment.decisions", 0) in table_facts(doc)
    assert {"t2.punishment.prev_items", "t2.punishment.change"} <= set(doc.not_reported)
    check = next(c for c in doc.checks if c.rule == "table_cell_dash")
    assert "行政处罚 上一年项目数量" in check.message and "行政处罚 本年增/减" in check.message


def r025_tables() -> set[tuple[str, float]]:
    return {fact_key(m, v, u) for m, v, u in GOLD["r025.txt"]["facts"] if m.split(".")[0] in ("t2", "t3", "t4")}


@pytest.mark.parametrize("fixture,grids", [("tables_ruled.pdf", True), ("tables_text.pdf", False)])
def test_pdf_tables_ruled_and_text_only_give_their_facts(fixture, grids):
    doc = analyze(next(read_path(str(FIXTURES / fixture))))
    assert bool(doc.tables) is grids
    got = {fact_key(f.metric, f.value, f.unit) for f in doc.facts if f.origin == "table"}
    assert got == r025_tables() and len(got) == 200
    assert any(c.rule == "t3_identities" and c.ok for c in doc.checks)
    for f in doc.facts:  # every cell keeps its span in the text the user sees
        if f.origin == "table" and f.end - f.start <= 12:
            assert doc.text[f.start:f.end].strip() in (f"{f.value:g}", f"{f.value:.10g}") or not doc.text[f.start:f.end][0].isdigit()


def test_docx_table_grid_is_read_before_the_text(tmp_path):
    g = {m: v for m, v, _ in GOLD["r025.txt"]["facts"]}
    d = docx.Document()
    d.add_paragraph("沭阳县人民政府2025年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    d.add_paragraph("依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制本报告。")
    d.add_paragraph("二、主动公开政府信息情况")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(0, 3)).text = "第二十条第（一）项"
    for c, text in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]):
        t.cell(1, c).text = text
    for r, row in ((2, "regulations"), (3, "normative_docs")):
        t.cell(r, 0).text = "规章" if row == "regulations" else "行政规范性文件"
        for c, col in enumerate(("made", "repealed", "in_force"), start=1):
            t.cell(r, c).text = f"{g[f't2.{row}.{col}']:g}"
    t.cell(3, 2).text = ""  # a blank cell of a filled table: 0 in its column
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    path = tmp_path / "t2.docx"
    d.save(path)
    doc = analyze(next(read_path(str(path))))
    assert doc.tables
    got = {(f.metric, f.value) for f in doc.facts if f.metric.startswith("t2.")}
    assert got == {("t2.regulations.made", 0), ("t2.regulations.repealed", 0), ("t2.regulations.in_force", 0),
                   ("t2.normative_docs.made", 6), ("t2.normative_docs.repealed", 0),
                   ("t2.normative_docs.in_force", 32)}


def test_identities_are_terms_expanded_once_for_reader_and_checks():
    rules = {eq.rule for eq in equations()}
    assert {"t3_row_total", "t3_result_total", "t3_balance", "t4_block_total", "staff_sum"} <= rules
    rows = [eq for eq in equations() if eq.rule == "t3_row_total"]
    assert len(rows) == 25 and rows[0].total == ("t3.new.total",) and len(rows[0].parts) == 6


def test_failed_identity_quotes_both_sides_in_chinese():
    text, _ = excerpt("d143")  # edit: row 一's total printed 5 instead of 4
    doc = run(text.replace("| 1 | 0 | 0 | 0 | 0 | 3 | 4 | ||", "| 1 | 0 | 0 | 0 | 0 | 3 | 5 | ||", 1))
    check = next(c for c in doc.checks if c.rule == "t3_row_total")
    assert check.ok is False and "本年新收" in check.message and "4" in check.message and "5" in check.message


def r025_printed() -> str:
    """r025 as its page prints it (edit: each markdown row a line of cells apart by
    spaces, the rules gone; the header cell "数据1" wraps in its narrow column, so
    the header's column numbers stand on a line of their own: "1 2 3 4 5 6")."""
    lines = []
    for line in (RAW / "corpus/reports/r025.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            lines.append(line)
            continue
        if set(line) <= set("|-: "):
            continue  # a markdown rule
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[1:3] == ["数据1", "数据2"]:
            lines += [" ".join(c.rstrip("0123456789") for c in cells), " ".join(c[2:] for c in cells[1:-1])]
        else:
            lines.append(" ".join(cells))
    return "\n".join(lines)


def test_header_column_numbers_are_not_read_as_a_rows_figures():
    text = r025_printed()
    assert "类别 数据 数据 数据 数据 数据 数据 总计\n1 2 3 4 5 6\n本年新收政府信息公开申请数量 705 3 0 0 5 0 713" in text
    want = {k for k in r025_tables() if k[0].startswith("t3.")}
    got = {k for k in table_facts(run(text)) if k[0].startswith("t3.")}
    assert want == got and len(want) == 175


def test_ocr_label_wrapped_in_its_cell_stays_one_row_with_its_figures():
    from model.readers.ocr import rebuild_lines

    # RapidOCR's boxes (left, top, right, bottom, text) on the scan of r025's page 5
    # (benchmarks/scans.py): two labels wrap inside their column, the figures on their
    # first line; "行" ends 35 px before the figure 9 (under 1.2 line heights).
    found = [(106, 1299, 487, 1331, "5.要求行政机关确认或重新出具已"), *[(x, 1304, x + 20, 1330, "0") for x in
             (534, 620, 703, 789, 872, 957, 1042)], (106, 1345, 211, 1380, "获取信息"),
             (102, 1393, 211, 1426, "(六)其他"), (104, 1440, 162, 1474, "类别"),
             *[(x, 1442, x + 60, 1477, "数据") for x in (531, 617, 701, 785, 870, 955)], (1039, 1443, 1099, 1480, "总计"),
             *[(x, 1492, x + 23, 1524, str(i)) for i, x in enumerate((530, 617, 700, 787, 870, 955), 1)],
             (104, 1538, 498, 1569, "1.申请人无正当理由逾期不补正，行"), (533, 1542, 552, 1568, "9"),
             *[(x, 1542, x + 20, 1570, "0") for x in (618, 702, 786, 870, 956)], (1042, 1546, 1058, 1571, "9"),
             (106, 1584, 482, 1616, "政机关不再处理其政府信息公开申")]
    boxes = [[[[a, b], [c, b], [c, d], [a, d]], t, 0.99] for a, b, c, d, t in found]
    assert rebuild_lines(boxes).split("\n") == [
        "5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0",
        "(六)其他",   # a short line below a label that did not fill its column is not its rest
        "类别\t数据数据数据数据数据数据总计",
        "1\t2\t3\t4\t5\t6",
        "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申\t9\t0\t0\t0\t0\t0\t9"]
    # The rows as the table reader gets them from a scan: the page's lines in place of r025's.
    text = r025_printed().replace("5. 要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0", "\n".join(
        rebuild_lines(boxes).split("\n")[:1]))
    assert ("t3.not_processed.confirmation.total", 0) in table_facts(run(text))


def test_table_4_in_a_grid_per_block_reads_every_block():
    from model.readers.builder import TextBuilder, write_lines

    # r025 as a scan reads (edit: its page lines, the rows tab-separated, through the
    # reader's line writer): each block's header and figures are a grid of their own,
    # the block names (行政复议, 行政诉讼（…）) lines between them.
    out = TextBuilder()
    lines = [line.replace(" ", "\t") if set(line) <= set("0123456789 ") or line.startswith("结果维持") else line
             for line in r025_printed().split("\n")]
    write_lines(out, lines, lambda line: line.split("\t") if "\t" in line else None)
    doc = analyze(out.document("r025", "r025"))
    assert len([t for t in doc.tables if t.start > doc.text.index("行政复议、行政诉讼情况")]) == 3
    want = {k for k in r025_tables() if k[0].startswith("t4.")}
    assert len(want) == 15 and want == {k for k in table_facts(doc) if k[0].startswith("t4.")}
