"""Readers on real files of each format, and every kind of bad input."""
import io
import json
import os
import sys

import hostile
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


def test_scan_without_any_text_is_a_clear_error():
    doc = one(FIXTURES / "scanned.pdf")  # an image-only PDF of a colour gradient
    assert doc.text == "" and "没有文字层" in doc.error and "文字识别" in doc.error


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
    ("not_really.docx", "不是有效的 DOCX"),
    ("image.txt", "PNG 图片，其中没有识别出文字"),  # a PNG called .txt is read as the image it is
])
def test_disguised_files(name, message):
    doc = one(FIXTURES / name)
    assert doc.text == "" and message in doc.error


@pytest.mark.parametrize("content,message", [
    (b"", "空文档"),
    (b" \n\t\r\n\xe3\x80\x80 \n", "空文档"),
    (b"\x00\x01\x02binary\x00" * 50, "二进制"),
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
    assert "文字过长" in doc.error and f"{MAX_TEXT_CHARS:,}" in doc.error


def test_unknown_extension_and_missing_file(tmp_path):
    path = tmp_path / "report.odt"
    path.write_bytes(b"just some bytes")
    assert "不支持的文件类型“.odt”" in one(path).error
    assert "文件不存在" in one(tmp_path / "nope.txt").error


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
    assert docs[1].error.startswith("第 2 行") and "空文档" in docs[2].error
    assert docs[3].error is None


def test_stdin(monkeypatch, seed_text):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    doc = one("-")
    assert doc.id == "stdin" and doc.text == seed_text


# --- Scans, old Office formats, spreadsheets ---------------------------------------------

def test_page_image_is_read_by_ocr_with_table_rows_kept_as_lines():
    doc = one(FIXTURES / "scan.png")
    assert doc.error is None and doc.source_kind == "ocr"
    assert "全市共受理政府信息公开申请3119件，答复3050件" in doc.text
    assert "行政复议351件" in doc.text
    # a table row recognised cell by cell comes back as one line: label, tab, figures
    assert "上年结转政府信息公开申请数量\t34\t34" in doc.text.split("\n")


def test_mixed_pdf_keeps_the_text_layer_and_recognises_the_scanned_page():
    messages = []
    docs = list(read_path(str(FIXTURES / "mixed.pdf"), progress=messages.append))
    doc = docs[0]
    assert doc.error is None and doc.source_kind == "text+ocr"
    assert doc.text.index("淮安市人民政府") < doc.text.index("本年新收政府信息公开申请数量\t3085\t3085")
    assert messages == ["mixed.pdf：文字识别第 1/1 页"]  # progress, page by page, for the scanned page only


def test_password_protected_pdf_says_so():
    doc = one(FIXTURES / "locked.pdf")
    assert doc.error == "无法读取：PDF 已加密，需要密码才能打开"


def test_word_97_doc_paragraphs_and_table(seed_text):
    doc = one(FIXTURES / "seed.doc")
    assert doc.error is None
    assert doc.text.index("一、基本工作情况") < doc.text.index("七、存在问题及工作打算")
    assert [[c.text for c in row] for row in doc.tables[0].rows] == [
        ["主动公开政府信息数", "95", ""], ["政府网站公开信息数", "12", "83"]]


@pytest.mark.parametrize("name", ["table3.xlsx", "table3.xls"])
def test_spreadsheet_sheets_are_tables(name):
    doc = one(FIXTURES / name)
    assert doc.error is None
    rows = [[c.text for c in row] for row in doc.tables[0].rows]
    assert rows[2] == ["一、本年新收政府信息公开申请数量", "2941", "83", "0", "0", "52", "9", "3085"]
    assert "表三" in {doc.text[a:b] for a, b in doc.heading_hints}
    assert "二、上年结转政府信息公开申请数量\t33\t1\t0\t0\t0\t0\t34" in doc.text


# --- Encodings decided on evidence --------------------------------------------------------

TRADITIONAL = ("臺北市政府資訊公開工作年度報告。一、總體情況：本年度本機關共受理政府資訊公開申請一百二十五件，"
               "已全部辦結，其中予以公開八十六件，部分公開十二件。二、主動公開政府資訊情況：本年度主動公開"
               "各類資訊三千餘條，透過網站、新聞發佈會等方式發佈。三、存在的主要問題及改進情況。\n") * 3


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-16-be"])
def test_big5_and_bomless_utf16_are_recognised_and_kept_as_written(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(TRADITIONAL.encode(encoding))
    doc = one(path)
    assert doc.error is None and doc.text == TRADITIONAL  # traditional characters kept as they are


def test_bomless_utf16_of_a_simplified_report(tmp_path, seed_text):
    path = tmp_path / "report.txt"
    path.write_bytes(seed_text.encode("utf-16-le"))
    assert one(path).text == seed_text


def test_html_meta_charset_is_used(tmp_path):
    html = (FIXTURES / "report.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gb18030"))
    doc = one(path)
    assert doc.error is None and "一、总体情况" in doc.text


def test_unknown_encoding_is_an_error_not_nonsense(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    assert "无法识别文字编码" in one(path).error


# --- Hostile input: one record each, quickly, in bounded memory -------------------------

def test_jsonl_record_holding_line_separators_is_one_document(tmp_path):
    text = "一、总体情况\u2028本年度共受理申请12件。\u2029二、其他\x85完毕。"
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": text}, ensure_ascii=False), json.dumps({"id": "b", "text": "第二份"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_path(str(path)))
    assert [(d.id, d.error, d.source.rsplit(":", 1)[1]) for d in docs] == [("a", None, "1"), ("b", None, "2")]
    assert docs[0].text == text


def _guarded(code: str, limit_gb: float = 1.5) -> str:
    """Runs reader code in a child whose address space is capped, as a hostile file
    would meet it: a MemoryError or a hang shows in the returned output."""
    import subprocess
    import textwrap

    from conftest import ROOT

    prelude = (f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({int(limit_gb * 2**30)},) * 2)\n"
               "from model.readers import read_path\n")
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_docx_expanding_to_huge_markup_is_refused_without_parsing(tmp_path):
    path = str(hostile.docx_markup_bomb(tmp_path / "bomb.docx"))  # 60 MB of markup
    assert os.path.getsize(path) < 1_000_000
    out = _guarded(f"print(next(read_path({path!r})).error)")
    assert "压缩炸弹" in out


def test_docx_with_a_huge_embedded_image_reads_its_text_in_bounded_memory(tmp_path):
    path = str(hostile.docx_huge_image(tmp_path / "image.docx", 600))
    out = _guarded(f"d = next(read_path({path!r})); print(d.error, '一、基本工作情况' in d.text)")
    assert out.strip() == "None True"


def test_deeply_nested_html_is_read_in_linear_time(tmp_path):
    path = hostile.deep_html(tmp_path / "deep.html")
    out = _guarded(f"import time; t = time.time(); d = next(read_path({str(path)!r})); print(d.error, time.time() - t)")
    error, seconds = out.rsplit(" ", 1)
    assert error == "None" and float(seconds) < 60


def test_a_read_over_its_time_budget_is_an_error_record(tmp_path):
    path = hostile.sloppy_html(tmp_path / "sloppy.html")
    doc = next(read_path(str(path), budget=0.001))  # parsing ~700 KB of markup takes far longer than 1 ms
    assert doc.text == "" and "超过每份文件 0.001 秒的读取时限" in doc.error
    assert next(read_path(str(path))).error is None  # within the real budget it is read


def test_html_page_of_absurd_size_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text("<html><body>" + "<p>政府信息公开<td>1<div><a>链接</a>" * 400_000, encoding="utf-8")
    assert "网页过" in next(read_path(str(path))).error


def test_ocr_boxes_of_a_skewed_table_row_become_one_line_of_cells():
    from model.readers.ocr import rebuild_lines

    def box(x, y, w, text, slope=0.02, h=30):  # a page rotated by about 1.1 degrees
        y += slope * x
        return [[[x, y], [x + w, y + slope * w], [x + w, y + h + slope * w], [x, y + h]], text, 0.99]

    boxes = [box(700, 100, 60, "34"), box(100, 100, 420, "上年结转政府信息公开申请数量"), box(900, 100, 60, "34"),
             box(100, 150, 300, "（一）予以公开"), box(700, 150, 80, "1089"),
             box(100, 50, 200, "二、收到申请"), box(310, 50, 200, "情况如下")]
    assert rebuild_lines(boxes) == "二、收到申请情况如下\n上年结转政府信息公开申请数量\t34\t34\n（一）予以公开\t1089"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_subfolder_is_warned_about(tmp_path):
    from model.readers import expand_paths

    (tmp_path / "ok.txt").write_text("报告", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "r.txt").write_text("报告", encoding="utf-8")
    locked.chmod(0)
    try:
        warnings = []
        assert expand_paths([str(tmp_path)], warn=warnings.append) == [str(tmp_path / "ok.txt")]
        assert any("locked" in w and "无法打开文件夹" in w for w in warnings)
    finally:
        locked.chmod(0o755)


def test_ocr_misreadings_of_table_figures_are_mended_only_in_table_rows():
    from model.readers.ocr import rebuild_lines

    def box(x, text, y=100, score=0.9):
        return [[[x, y], [x + 40, y], [x + 40, y + 30], [x, y + 30]], text, score]

    row = [box(100, "1.属于国家秘密"), box(500, "O"), box(600, "0."), box(700, ".0"), box(800, "4068.208"),
           box(900, ".", score=0.3), box(990, "705"), box(1040, "3")]  # close, but two figures: two cells
    assert rebuild_lines(row) == "1.属于国家秘密\t0\t0\t0\t4068.208\t705\t3"
    assert rebuild_lines([box(100, "共3件。")]) == "共3件。"  # prose keeps its full stop


def test_ocr_row_cells_wrapped_over_a_page_break_and_down_a_narrow_column_rejoin_their_row(monkeypatch):
    from model.readers import ocr

    # RapidOCR's boxes on the scan of r019 (fixture): row 二's label ends "申请数" at the foot
    # of one page and "量" tops the next; row 三's merged cell is printed a character a line
    # down its narrow column (the recogniser missed the lone "一").
    pages = json.loads((FIXTURES / "ocr_r019_page_break.json").read_text(encoding="utf-8"))["pages"]
    monkeypatch.setattr(ocr, "_recognised", lambda page: (pages[page], None))
    texts = ocr.recognise_pages(lambda page: page, [0, 1], "r019")
    assert texts[0].split("\n")[-1] == "二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2"
    assert texts[1].split("\n")[:2] == ["三\t(）予以公开\t9\t0\t0\t0\t0\t0\t9", "0\t0\t0\t0\t0\t0\t0"]
    # Pages apart (a text page between them) are not joined: the top line stays a line.
    monkeypatch.setattr(ocr, "_recognised", lambda page: (pages[page // 2], None))
    assert ocr.recognise_pages(lambda page: page, [0, 2], "r019")[2].split("\n")[0] == "量"


def test_ocr_reads_alone_the_figures_the_detector_missed_in_an_evenly_spaced_row():
    import numpy as np
    from PIL import Image

    from model.readers import ocr

    # Table 四's row on the scan of r019 (a 1,240 px strip of the page, and RapidOCR's boxes
    # on the whole page): 15 figures at a 42 px pitch; the detector boxed 13 of them.
    boxes = json.loads((FIXTURES / "ocr_r019_table4_row.json").read_text(encoding="utf-8"))["boxes"]
    pixels = np.asarray(Image.open(FIXTURES / "ocr_r019_table4_row.png").convert("RGB"))
    row = "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    assert ocr._text(ocr._page_rows(boxes)[0]).split("\n")[-2] == "1" + "\t0" * 12
    assert ocr._text(ocr._page_rows(boxes, ocr._slot_reader(pixels))[0]).split("\n")[-2] == row
    # A slot blank on the page reads as nothing: a figure two pitches past the last one
    # (the margin beyond it is blank) leaves the slot between them empty.
    quad, text, score = next(b for b in reversed(boxes) if b[1] == "0")
    beyond = [[[x + 86, y] for x, y in quad], text, score]
    assert ocr._text(ocr._page_rows([*boxes, beyond], ocr._slot_reader(pixels))[0]).split("\n")[-2] == row + "\t0"


def test_ocr_reads_alone_a_character_the_detector_missed_in_a_narrow_column():
    import numpy as np
    from PIL import Image

    from model.readers import ocr

    # Row 三's merged cell on the r019 scan, a character a line: the detector boxed "(",
    # "）", "予", "以", "公", "开" but not the lone "一" between the first two.
    pages = json.loads((FIXTURES / "ocr_r019_page_break.json").read_text(encoding="utf-8"))["pages"]
    pixels = np.asarray(Image.open(FIXTURES / "ocr_r019_page4_top.png").convert("RGB"))
    reading = ocr._Rows().join(*ocr._page_rows(pages[1], ocr._slot_reader(pixels)))
    assert ocr._text(reading).split("\n")[1] == "三\t(一）予以公开\t9\t0\t0\t0\t0\t0\t9"
