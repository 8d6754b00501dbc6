"""Readers on real files of each format, and every kind of bad input."""
import io
import json
import sys

import pytest

from conftest import FIXTURES, SEED
from model.document import Document
from model.readers import MAX_TEXT_CHARS, read_path


def one(path) -> "Document":
    docs = list(read_path(str(path)))
    assert len(docs) == 1
    return docs[0]


def test_gbk_file_is_detected_and_decoded(seed_text):
    doc = one(FIXTURES / "seed_gbk.txt")
    assert doc.error is None
    # GBK cannot hold the seed's NBSPs; everything else comes back identical.
    assert doc.text == seed_text.replace("\xa0", "?")


def test_bom_and_crlf_are_the_only_changes_to_a_txt(seed_text):
    doc = one(FIXTURES / "seed_bom_crlf.txt")
    assert doc.text == seed_text


def test_html_body_found_chrome_and_scripts_dropped():
    doc = one(FIXTURES / "report.html")
    assert doc.error is None
    assert "tracking" not in doc.text and "font-family" not in doc.text
    assert "网站地图" not in doc.text and "首页" not in doc.text
    assert "一、总体情况" in doc.text and "本年度未收取信息处理费" in doc.text
    assert "未闭合的标签" in doc.text  # broken markup loses nothing


def test_html_table_kept_with_rowspan_and_colspan_resolved():
    doc = one(FIXTURES / "report.html")
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert [len(r) for r in rows] == [15, 15, 15, 15]
    assert rows[0][0].text == rows[0][4].text == "行政复议"  # colspan
    assert rows[1][0] is rows[2][0] and rows[1][0].text == "结果维持"  # rowspan
    assert [c.text for c in rows[3]] == "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20".split()
    for cell in rows[3]:
        assert doc.text[cell.start:cell.end] == cell.text


def test_html_heading_hints_from_bold_and_centred_lines():
    doc = one(FIXTURES / "report.html")
    hinted = {doc.text[a:b] for a, b in doc.heading_hints}
    assert "一、总体情况" in hinted
    assert "四、政府信息公开行政复议、行政诉讼情况" in hinted
    assert "加粗的" not in hinted  # bold words inside a sentence are not a heading


def test_pdf_text_layer():
    doc = one(FIXTURES / "r001.pdf")
    assert doc.error is None
    assert "淮安市人民政府" in doc.text  # Kangxi radicals from the font mapped back
    assert "3119" in doc.text and "五、存在的主要问题及改进情况" in doc.text


def test_scanned_pdf_is_a_clear_error():
    doc = one(FIXTURES / "scanned.pdf")
    assert doc.text == "" and "no text layer" in doc.error


def test_docx_paragraphs_and_tables_in_order():
    doc = one(FIXTURES / "seed.docx")
    assert doc.error is None
    assert doc.text.index("一、基本工作情况") < doc.text.index("七、存在问题及工作打算") < doc.text.rindex("主动公开政府信息数")
    table = doc.tables[0]
    assert table.rows[0][0] is table.rows[0][1]  # merged cell written once
    assert doc.text.count("主动公开政府信息数") == 2  # once in the prose item, once in the table
    hinted = {doc.text[a:b] for a, b in doc.heading_hints}
    assert "三、回应解读情况" in hinted


@pytest.mark.parametrize("name,message", [
    ("not_really.docx", "not a DOCX"),
    ("image.txt", "PNG image"),
])
def test_disguised_files(name, message):
    doc = one(FIXTURES / name)
    assert doc.text == "" and message in doc.error


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b" \n\t\r\n\xe3\x80\x80 \n", "empty"),
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
])
def test_empty_whitespace_and_binary(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    doc = one(path)
    assert doc.error and message in doc.error


def test_huge_text_is_refused_with_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("政府信息公开" * (20 * 1024 * 1024 // 18), encoding="utf-8")
    assert path.stat().st_size > 19 * 1024 * 1024
    doc = one(path)
    assert "too long" in doc.error and f"{MAX_TEXT_CHARS:,}" in doc.error


def test_unknown_extension_and_missing_file(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"just some bytes")
    assert "unsupported file type '.xlsx'" in one(path).error
    assert "no such file" in one(tmp_path / "nope.txt").error


def test_jsonl_one_document_per_line_bad_lines_are_error_records(tmp_path, seed_text):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": seed_text}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"text": "政府信息公开"}, ensure_ascii=False),
    ]), encoding="utf-8")
    docs = list(read_path(str(path)))
    assert [d.id for d in docs] == ["a", "batch.jsonl:2", "batch.jsonl:3", "batch.jsonl:4"]
    assert docs[0].error is None and docs[0].text == seed_text
    assert docs[1].error.startswith("line 2") and "empty" in docs[2].error
    assert docs[3].error is None


def test_stdin(monkeypatch, seed_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    doc = one("-")
    assert doc.id == "stdin" and doc.text == seed_text
