"""The page as a checker uses it, in Debian's headless Chromium at a laptop, a
desktop and a phone size (issue 17's numbered items). Screenshots go to docs/.
One app and one browser for the module; each test opens its own page."""
import re
import shutil
import socket
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED

import app
from model.taxonomy import check_zh, label_zh, metrics

pytestmark = pytest.mark.browser
DOCS = ROOT / "docs"
PDF = FIXTURES / "r001.pdf"
# Words a reader must never see: the ids of labels, metrics and check rules, and Gradio's English.
IDS = re.compile(r"\b(?:{})\b".format("|".join(re.escape(x) for x in sorted(
    set(label_zh()) | set(metrics()) | set(check_zh()), key=len, reverse=True))))
ENGLISH_UI = re.compile(r"\b(?:Examples|queue|Runs|Drop File|Click to Upload|Download|Error|binary file|"
                        r"PDF has no|not a DOCX|processing|Loading)\b", re.IGNORECASE)
SIZES = {"laptop": (1366, 768), "desktop": (1920, 1080), "phone": (390, 844)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def url():
    demo = app.build()
    demo.queue().launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True,
                        share=False, **app.launch_options())
    yield demo.local_url.rstrip("/")
    demo.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def open_page(browser, url):
    """A fresh page at a named size (English browser locale: the page must not rely on Chinese
    browser settings); every request it makes is recorded."""
    pages = []

    def _open(size="laptop"):
        w, h = SIZES[size]
        page = browser.new_page(viewport={"width": w, "height": h}, locale="en-US", accept_downloads=True)
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(url)
        page.wait_for_selector("#analyse")
        pages.append(page)
        return page

    yield _open
    for page in pages:
        outside = [u for u in page.requests if not u.startswith(url) and not u.startswith(("data:", "blob:"))]
        page.close()
        assert outside == []  # offline: nothing fetched from anywhere else


def analyse_text(page, text):
    page.locator("#report-text textarea").fill(text)
    page.locator("#analyse").click()
    page.wait_for_selector("#verdict .xxgk-verdict, #verdict .xxgk-error", timeout=60_000)


def upload(page, path):
    with page.expect_file_chooser() as chooser:
        page.locator("#upload").click()
    chooser.value.set_files(str(path))
    page.wait_for_selector("#input-choice >> text=上传的文件")


def tab(page, name):
    page.locator("#result-tabs [role=tab]", has_text=name).click()


def widest_overflow(page) -> int:
    """How far the page is wider than the window (0: nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def shoot(page, name):
    DOCS.mkdir(exist_ok=True)
    path = DOCS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled")
    assert path.stat().st_size > 10_000
    return path


def visible_text(page) -> str:
    return page.locator("body").inner_text()


def test_laptop_verdict_first_provenance_and_checks(open_page, seed_text):
    """Items 1, 2, 3, 6: the verdict on the first screen, facts and summary figures lead to
    their span, checks in Chinese with failures first, a legend that filters."""
    page = open_page("laptop")
    analyse_text(page, seed_text)
    # 1. the verdict first: agency, year, format, the summary, failed checks count
    verdict = page.locator("#verdict")
    assert "一拉溪镇人民政府" in verdict.inner_text() and "2014年" in verdict.inner_text()
    assert "核对：1 项不通过" in verdict.inner_text()
    summary_top = page.locator("#verdict h3", has_text="摘要").bounding_box()["y"]
    assert summary_top < 768 / 2
    # the tagged text scrolls inside a box of fixed height
    box = page.locator(".tagged-text")
    height = box.evaluate("e => e.clientHeight")
    assert height < 768 and box.evaluate("e => e.scrollHeight") > height
    assert page.evaluate("document.documentElement.scrollHeight") < 3 * 768
    # nothing wider than the window, no id and no English interface word anywhere
    assert widest_overflow(page) <= 0
    text = visible_text(page)
    assert not IDS.search(text), IDS.search(text)
    assert not ENGLISH_UI.search(text), ENGLISH_UI.search(text)
    shoot(page, "page-1366x768")
    # 3. a summary figure leads to its span in the text, highlighted, with its provenance as tooltip
    figure = page.locator("#verdict a.xxgk-num").first
    assert "主动公开政府信息数" in figure.get_attribute("title")
    figure.click()
    page.wait_for_selector("#fact-0.flash")
    mark = page.locator("#fact-0")
    assert mark.inner_text() == "95" and mark.is_visible()
    top, inner = box.bounding_box(), mark.bounding_box()
    assert top["y"] <= inner["y"] <= top["y"] + top["height"]
    # 6. a sentence's label on hover; the legend filters to one section
    sentence = page.locator(".tagged-text .s.l-proactive").first
    assert sentence.get_attribute("title") == "主动公开政府信息情况"
    page.locator(".legend label.l-proactive").click()
    other = page.locator(".tagged-text .s.l-overview").first
    assert float(other.evaluate("e => getComputedStyle(e).opacity")) < 0.5
    assert float(sentence.evaluate("e => getComputedStyle(e).opacity")) == 1
    page.locator(".legend label.all").click()
    assert float(other.evaluate("e => getComputedStyle(e).opacity")) == 1
    # 3. facts: Chinese names, the item label of a bare value, a click scrolls to the span
    tab(page, "数据")
    first = page.locator("#facts tr[data-goto]").first
    assert "主动公开政府信息数" in first.locator(".metric").inner_text()
    assert "主动公开政府信息数" in first.locator(".src").inner_text()  # not just "95"
    assert not IDS.search(page.locator("#facts").inner_text())
    page.locator("#facts tr[data-goto]").nth(1).click()
    page.wait_for_selector("#fact-1.flash")
    assert page.locator("#fact-1").is_visible()
    # 2. checks: Chinese rule names, failures first, a failures-only switch
    tab(page, "核对")
    rows = page.locator("#checks tbody tr")
    assert rows.count() == 2 and "不通过" in rows.first.inner_text()
    assert "必备部分" in rows.first.inner_text()
    assert not IDS.search(page.locator("#checks").inner_text())
    page.locator("#checks .only-fail").check()
    assert page.locator("#checks tbody tr:visible").count() == 1
    # 8. downloads named by agency and year, Chinese CSV header, no server path in the JSON
    tab(page, "下载")
    with page.expect_download() as got:
        page.locator("#download-json").click()
    json_download = got.value
    assert json_download.suggested_filename.startswith("一拉溪镇人民政府2014年")
    assert "/tmp" not in Path(json_download.path()).read_text(encoding="utf-8")


def test_upload_pdf_then_example_then_png(open_page):
    """Items 2, 4, 5: a PDF's unreadable rows as one line; the last input wins and clears the
    old results; a PNG renamed .txt gets a Chinese error styled as an error."""
    page = open_page("laptop")
    page.locator("#report-text textarea").fill("旧的文字")
    upload(page, PDF)
    assert page.locator("#report-text textarea").input_value() == ""  # the upload replaced the text
    page.locator("#analyse").click()
    page.wait_for_selector("#verdict .xxgk-pending")  # while it runs: Chinese, not Gradio's "queue: 1/2"
    assert "正在分析" in page.locator("#verdict").inner_text() and not ENGLISH_UI.search(visible_text(page))
    page.wait_for_selector("#verdict .xxgk-verdict", timeout=60_000)
    assert "淮安市人民政府" in page.locator("#verdict").inner_text()
    tab(page, "核对")
    rows = page.locator("#checks tbody tr")
    assert rows.count() <= 6
    assert rows.filter(has_text="无法可靠读出").count() <= 2  # at most one line per table (三, 四)
    assert not re.search(r"[A-Za-z]{4,}", page.locator("#checks").inner_text())
    tab(page, "数据")
    assert page.locator("#facts tr[data-goto]").count() > 10
    assert widest_overflow(page) <= 0
    # an example after the upload: the file goes, the old results go, the example is analysed
    page.locator("#examples button", has_text="一拉溪镇").click()
    page.wait_for_function("document.querySelector('#report-text textarea').value.length > 1000")
    page.wait_for_selector("#input-choice >> text=粘贴的文本")
    assert page.locator("#verdict .xxgk-verdict").count() == 0
    assert "r001.pdf" not in page.locator("#input-choice").inner_text()
    page.locator("#analyse").click()
    page.wait_for_selector("#verdict .xxgk-verdict", timeout=60_000)
    assert "一拉溪镇" in page.locator("#verdict").inner_text()
    # a PNG renamed .txt: a Chinese error, styled as one; no results beneath
    png = FIXTURES / "image.txt"
    upload(page, png)
    assert page.locator("#verdict .xxgk-verdict").count() == 0
    page.locator("#analyse").click()
    error = page.wait_for_selector("#verdict .xxgk-error", timeout=30_000)
    assert "PNG 图片" in error.inner_text() and not re.search(r"binary|image|report", error.inner_text())
    assert error.evaluate("e => getComputedStyle(e).color") != page.evaluate(
        "getComputedStyle(document.body).color")
    assert not page.locator("#result-tabs").is_visible()
    shoot(page, "page-error")


def test_news_article_warned_first(open_page):
    """Item 7: an article that is no report says so above everything else."""
    page = open_page("laptop")
    analyse_text(page, (FIXTURES / "news.txt").read_text(encoding="utf-8"))
    first = page.locator("#verdict .xxgk-verdict > *").first
    assert "这不像一份政府信息公开工作年度报告" in first.inner_text()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_other_sizes(open_page, seed_text, size):
    """Item 9 and the screenshots: a phone sees the value column; nothing scrolls sideways."""
    page = open_page(size)
    analyse_text(page, seed_text)
    width = SIZES[size][0]
    assert widest_overflow(page) <= 0
    page.wait_for_function("document.querySelector('#verdict').getBoundingClientRect().top < innerHeight / 2")
    shoot(page, f"page-{width}x{SIZES[size][1]}")
    tab(page, "数据")
    value = page.locator("#facts tr[data-goto]").first.locator(".val")
    box = value.bounding_box()
    assert value.is_visible() and box["x"] + box["width"] <= width
    assert widest_overflow(page) <= 0
    if size == "phone":
        page.locator("#facts").scroll_into_view_if_needed()
        shoot(page, f"page-{width}x{SIZES[size][1]}-facts")


def test_batch_tab_five_files_table_trend_and_workbook(open_page, tmp_path):
    """Issue 16: five files (three years of one agency, the seed, a PNG), a progress bar,
    the report table with failures marked and sortable, the agency's trend, the workbook."""
    from openpyxl import load_workbook

    page = open_page("laptop")
    page.locator("#modes [role=tab]", has_text="批量与对比").click()
    files = [ROOT / "data/raw/corpus/reports" / f for f in ("r043.txt", "r182.txt", "r178.txt")] + [SEED]
    with page.expect_file_chooser() as chooser:
        page.locator("#batch-upload").click()
    chooser.value.set_files([str(f) for f in files] + [str(FIXTURES / "image.txt")])
    page.wait_for_selector("#batch-chosen >> text=已选择 5 个文件")
    page.locator("#batch-analyse").click()
    page.wait_for_selector("#batch-progress progress", timeout=30_000)
    page.wait_for_selector("#batch-progress >> text=全部完成", timeout=120_000)
    rows = page.locator("#batch-table tbody tr")
    assert rows.count() == 5
    error = page.locator("#batch-table tr.error")
    assert error.count() == 1 and "PNG 图片" in error.inner_text()
    assert page.locator("#batch-table tr.fail, #batch-table tr.ok").count() == 4
    assert "一拉溪镇" in page.locator("#batch-table tr.fail").first.inner_text()  # its missing sections
    # sorting by year, both ways
    year_header = page.locator("#batch-table th", has_text="年份")
    year_header.click()
    years = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(4)]
    assert years == ["2014", "2019", "2020", "2021"]
    year_header.click()
    assert rows.first.locator("td").nth(2).inner_text() == "2021"
    # the trend of the agency over the four years
    assert "平潭综合实验区行政审批局" in page.locator("#trend-agency").inner_text() + \
        page.locator("#trend-agency input").input_value()
    page.wait_for_selector("#trend canvas, #trend svg", timeout=30_000)
    assert widest_overflow(page) <= 0
    assert not IDS.search(page.locator("#batch-table").inner_text())
    page.locator("#batch-table").scroll_into_view_if_needed()
    page.set_viewport_size({"width": 1366, "height": 1200})
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "page-batch")
    with page.expect_download() as got:
        page.locator("#batch-xlsx").click()
    saved = tmp_path / got.value.suggested_filename
    got.value.save_as(saved)
    book = load_workbook(saved, read_only=True)
    reports = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(reports) == 6 and "机关" in reports[0]
    assert got.value.suggested_filename.endswith(".xlsx")
