"""The web page: its handler, the running app through gradio_client, and a
real headless Chromium clicking through it."""
import os
import socket
from pathlib import Path

import pytest

import app
from conftest import FIXTURES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_handler_on_the_seed(seed_text):
    tagged, facts, checks, summary, json_path, csv_path, status = app.analyse(seed_text, None)
    assert "一拉溪镇人民政府" in status and "旧格式" in status
    labels = {label for _, label in tagged if label}
    assert {"引言", "总体情况", "主动公开政府信息情况", app.FIGURE} <= labels
    assert "".join(span for span, _ in tagged) == seed_text  # every character shown, in order
    assert [row[2] for row in facts][:3] == [95, 12, 83]
    assert any(row[0].startswith("✘") and "收费及减免情况" in row[2] for row in checks)
    assert '95<sup>[1]</sup>' in summary and "原文" in summary
    assert Path(json_path).read_text(encoding="utf-8").startswith("{")
    assert "proactive_total" in Path(csv_path).read_text(encoding="utf-8-sig")


def test_handler_on_an_upload_and_on_bad_input(tmp_path):
    out = app.analyse("", str(FIXTURES / "report.html"))
    assert "淮安市人民政府" in out[6] and any(row[1].startswith("表四") for row in out[1])
    assert "无法分析" in app.analyse("", str(FIXTURES / "scanned.pdf"))[6]
    assert "请粘贴" in app.analyse("   ", None)[6]
    huge = "政府信息公开" * 200_000
    assert "文本过长" in app.analyse(huge, None)[6]


def test_report_text_is_escaped_where_the_page_renders_html():
    doc = app.load().analyze(app.from_text("<script>alert(1)</script>一、概述\n主动公开政府信息5条。"))
    doc.agency = "<img src=x onerror=alert(1)>"
    doc.summary = doc.agency + doc.summary
    html_out = app.summary_html(doc)
    assert "<img" not in html_out and "&lt;img" in html_out


@pytest.fixture(scope="module")
def running_app():
    demo = app.build()
    port = free_port()
    demo.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                        share=False, css=app.CSS)
    yield demo.local_url
    demo.close()


def test_running_app_through_gradio_client(running_app, seed_text):
    from gradio_client import Client

    client = Client(running_app, verbose=False)
    result = client.predict(seed_text, None, api_name="/analyse")
    tagged, facts, checks, summary, json_file, csv_file, status = result
    assert "一拉溪镇人民政府" in status
    assert "95<sup>" in summary
    assert facts["data"][0][2] == 95


@pytest.mark.browser
def test_browser_paste_click_and_see(running_app, seed_text, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        page = browser.new_page(viewport={"width": 1280, "height": 1800})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(running_app)
        page.locator("#report-text textarea").fill(seed_text)
        page.locator("#analyse").click()
        page.wait_for_selector("#summary .xxgk-num", timeout=30_000)
        assert "主动公开政府信息" in page.locator("#summary").inner_text()
        assert page.locator("#tagged").get_by_text("二、主动公开政府信息情况").count() >= 1
        assert page.locator("#tagged").get_by_text("总体情况").count() >= 1  # the legend
        assert "主动公开政府信息数" in page.locator("#facts").inner_text()
        shot = Path(os.environ.get("XXGK_SCREENSHOT", tmp_path / "page.png"))
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        browser.close()
    outside = [u for u in requests if not u.startswith(running_app.rstrip("/")) and not u.startswith("data:")]
    assert outside == []  # offline: nothing fetched from anywhere else
