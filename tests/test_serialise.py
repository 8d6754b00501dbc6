"""The batch formats a researcher opens: the workbook (Excel/WPS), Parquet
(pandas/DuckDB), the long CSV; resuming each where it can."""
import csv
import json
import subprocess

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from conftest import FIXTURES, REPORTS, ROOT, XXGK
from model.serialise import COLUMNS, report_row, write_xlsx
from model.taxonomy import metrics

# Two new-template reports (one with rates defined), an old one, and a file that cannot be read.
INPUTS = [str(REPORTS / n) for n in ("r013.txt", "r038.txt", "r003.txt")] + [str(FIXTURES / "image.txt")]


def xxgk(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args, "--model", "rules"], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    for fmt in ("jsonl", "xlsx", "parquet", "csv"):
        result = xxgk("analyze", *INPUTS, "--format", fmt, "--out", str(folder / f"all.{fmt}"))
        assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (folder / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    return folder, records


def test_workbook_one_row_per_report_chinese_headers_numbers_as_numbers(outputs):
    folder, records = outputs
    book = load_workbook(folder / "all.xlsx")
    assert book.sheetnames == ["报告", "事实", "核对"]
    sheet = book["报告"]
    assert sheet.freeze_panes == "B2"
    head = [c.value for c in sheet[1]]
    assert head[:4] == ["文件", "机关", "年份", "格式"] and "未通过核对数" in head and "摘要" in head
    assert "表三 三（七）总计 / 总计（件）" in head and "实质公开率（予以公开+部分公开）/办结总计" in head
    rows = [dict(zip(head, (c.value for c in r))) for r in sheet.iter_rows(min_row=2)]
    assert [r["文件"] for r in rows] == [r["source"] for r in records]
    assert rows[0]["年份"] == 2019 and rows[0]["格式"] == "新格式" and rows[2]["格式"] == "旧格式"
    r038 = rows[1]
    assert r038["表三 三（七）总计 / 总计（件）"] == 2 and r038["实质公开率（予以公开+部分公开）/办结总计"] == 0.5
    rate_col = head.index("实质公开率（予以公开+部分公开）/办结总计")
    assert sheet.cell(row=3, column=rate_col + 1).number_format == "0.0%"
    assert rows[3]["错误"] and rows[3]["机关"] is None
    assert sheet.column_dimensions["A"].width >= 30


def test_workbook_facts_with_their_sentence_and_checks_failed_first(outputs):
    folder, records = outputs
    book = load_workbook(folder / "all.xlsx")
    facts = list(book["事实"].iter_rows(values_only=True))
    assert facts[0][:6] == ("文件", "机关", "年份", "指标编号", "指标名称", "数值")
    assert len(facts) - 1 == sum(len(r["facts"]) for r in records)
    fact = next(f for f in facts if f[0].endswith("r038.txt") and f[3] == "press_conferences")
    assert fact[5] == 2 and fact[7] == "正文" and "全年召开新闻发布会2场、媒体见面会9场" in fact[9]
    assert fact[4] == metrics()["press_conferences"]["zh"]
    cell = next(f for f in facts if f[0].endswith("r038.txt") and f[3] == "t3.result_total.total")
    assert cell[7] == "表格" and "（七）总计" in cell[9]
    checks = [r[3] for r in book["核对"].iter_rows(min_row=2, values_only=True)]
    failed = sum(c["ok"] is False for r in records for c in r["checks"]) + 1  # the unreadable file
    assert checks[:failed] == ["未通过"] * failed and "未通过" not in checks[failed:]
    assert len(checks) == sum(len(r["checks"]) for r in records) + 1


def test_parquet_is_the_report_table_under_metric_ids(outputs):
    folder, records = outputs
    table = pq.read_table(folder / "all.parquet")
    assert table.num_rows == len(records)
    assert {"source", "agency", "year", "t3.result_total.total", "indicator.disclosure_rate"} <= set(table.column_names)
    rows = table.to_pylist()
    assert rows[1]["t3.result_total.total"] == 2 and rows[1]["indicator.disclosure_rate"] == 0.5
    assert rows[2]["indicator.disclosure_rate"] is None  # old template: not 0
    assert table.schema.field("year").type == "int32"


def test_csv_long_table_with_bom_and_chinese_metric_names(outputs):
    folder, records = outputs
    raw = (folder / "all.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == sum(max(len(r["facts"]), 1) for r in records)
    row = next(r for r in rows if r["metric"] == "t3.new.total")
    assert row["metric_zh"] == metrics()["t3.new.total"]["zh"]


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_resume_copies_the_finished_file_and_goes_on(tmp_path, outputs, fmt):
    folder, records = outputs
    out = tmp_path / f"run.{fmt}"
    assert xxgk("analyze", *INPUTS[:2], "--format", fmt, "--out", str(out)).returncode == 0
    assert xxgk("analyze", *INPUTS, "--format", fmt, "--out", str(out), "--resume").returncode == 0
    if fmt == "parquet":
        assert pq.read_table(out).to_pylist() == pq.read_table(folder / "all.parquet").to_pylist()
    else:
        got, want = load_workbook(out), load_workbook(folder / "all.xlsx")
        for name in want.sheetnames:
            assert list(got[name].values) == list(want[name].values), name


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_resume_refuses_an_unfinished_file(tmp_path, outputs, fmt):
    folder, _ = outputs
    out = tmp_path / f"cut.{fmt}"
    out.write_bytes((folder / f"all.{fmt}").read_bytes()[:2000])
    result = xxgk("analyze", INPUTS[0], "--format", fmt, "--out", str(out), "--resume")
    assert result.returncode == 2 and "cannot be resumed" in result.stderr


def test_binary_formats_need_an_output_file():
    result = xxgk("analyze", INPUTS[0], "--format", "xlsx")
    assert result.returncode == 2 and "--format xlsx needs --out" in result.stderr


def test_report_row_and_write_xlsx_for_the_page(tmp_path, outputs):
    _, records = outputs
    row = report_row(records[1])
    assert list(row) == [zh for _, zh, _ in COLUMNS]
    assert row["机关"] == records[1]["agency"] and row["格式"] == "新格式"
    path = write_xlsx(records[:2], str(tmp_path / "page.xlsx"))
    assert load_workbook(path)["报告"].max_row == 3
