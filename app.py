"""The web page: paste or upload a report, see the verdict first, then its tagged
text, figures, checks and downloads.

    .venv/bin/python app.py [--host 127.0.0.1] [--port 7860]

Runs offline: no analytics, no share link, no web fonts; binds to 127.0.0.1
unless told otherwise (--host, or XXGK_HOST=0.0.0.0); the port follows
--port or GRADIO_SERVER_PORT. Talks to model.pipeline for the analysis and
model.serialise for the files; the HTML is built in app_render.py.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import zipfile
import zlib
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import gradio as gr

import app_render as render
from model.compare import place
from model.document import Document
from model.pipeline import load
from model.readers import (
    EXTENSIONS,
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    from_text,
    read_path,
)
from model.serialise import COLUMNS, report_values, write_facts_csv, write_xlsx
from model.taxonomy import headline_metrics

ROOT = Path(__file__).parent
EXAMPLES = [(ROOT / "data/raw/seed_yilaxi_2014.txt", "一拉溪镇 2014（种子报告）"),
            (ROOT / "data/raw/corpus/reports/r025.txt", "沭阳县 2025（新格式，表格）"),
            (ROOT / "data/raw/corpus/reports/r043.txt", "平潭行政审批局 2019（新格式，网页）"),
            (ROOT / "data/raw/corpus/reports/r030.txt", "平潭社会事业局 2014（旧格式）")]
FILE_TYPES = [e for e in EXTENSIONS if e != ".jsonl"]  # one report: a .jsonl holds many (the batch tab takes it)
MAX_BATCH_FILES = 500
MAX_ZIP_BYTES = 512 * 2**20  # all members unpacked: a zip bomb stops here
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def read_input(text: str, upload: str | None) -> Document:
    """The one input chosen: the page keeps at most one of text and upload set."""
    if upload:
        size = Path(upload).stat().st_size
        if size > MAX_FILE_BYTES:
            return Document.failed(Path(upload).name, Path(upload).name,
                                   f"文件过大（{size / 2**20:.1f} MB），上限 {MAX_FILE_BYTES // 2**20} MB。")
        doc = next(read_path(upload))
        doc.source = Path(upload).name  # never the server's temp path
        return doc
    if not text or not text.strip():
        return Document.failed("pasted", "pasted", "请粘贴报告全文，或上传一个文件。")
    if len(text) > MAX_TEXT_CHARS:
        return Document.failed("pasted", "pasted",
                               f"文本过长（{len(text):,} 字符，上限 {MAX_TEXT_CHARS:,}）：这不像一份年度报告。")
    return from_text(text)


def download_stem(doc: Document, upload: str | None) -> str:
    """An uploaded file keeps its name; a pasted report is named by its agency and year."""
    if upload:
        stem = Path(upload).stem
    elif doc.agency or doc.year:
        stem = f"{doc.agency or '报告'}{doc.year or ''}{'年' if doc.year else ''}信息公开年报分析"
    else:
        stem = "粘贴的报告_分析"
    return _UNSAFE.sub("_", stem).strip("._") or "报告"


def downloads(doc: Document, upload: str | None) -> tuple[str, str, str]:
    """JSON, workbook and CSV of one report, named for it (model.serialise writes the last two)."""
    folder = Path(tempfile.mkdtemp(prefix="xxgk-"))
    stem = download_stem(doc, upload)
    record = doc.to_json()
    json_path = folder / f"{stem}.json"
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    xlsx_path = write_xlsx([record], str(folder / f"{stem}.xlsx"))
    csv_path = write_facts_csv(record, str(folder / f"{stem}_数字.csv"))
    return str(json_path), xlsx_path, csv_path


def analyse(text: str, upload: str | None):
    """Input -> (verdict, tagged text, facts, checks, JSON, xlsx, CSV, results shown)."""
    doc = read_input(text, upload)
    if doc.error:
        return render.error_html(doc.error), "", "", "", None, None, None, gr.update(visible=False)
    doc = load().analyze(doc)
    return (render.verdict_html(doc), render.tagged_html(doc), render.facts_html(doc), render.checks_html(doc),
            *downloads(doc, upload), gr.update(visible=True))


def choice_html(text: str, upload: str | None) -> str:
    if upload:
        return f'<p class="choice">将分析：<b>上传的文件 {render.esc(Path(upload).name)}</b>（粘贴框已清空）</p>'
    if text and text.strip():
        return f'<p class="choice">将分析：<b>粘贴的文本</b>（{len(text):,} 字）</p>'
    return '<p class="choice muted">粘贴报告全文，或上传一个文件；以最后一次操作为准。</p>'


CLEARED = ("", "", "", "", None, None, None, gr.update(visible=False))


def on_text(text: str, upload: str | None):
    """New text (typed, pasted or an example) replaces any upload and the old results;
    the text emptied by an upload leaves that upload chosen."""
    if text and text.strip():
        return (None, choice_html(text, None), *CLEARED)
    return (upload, choice_html(text, upload), *CLEARED)


def on_upload(upload: str | None):
    """A new file replaces the pasted text and the old results."""
    return (upload, "", choice_html("", upload), *CLEARED)


# ---------------------------------------------------------------- batch
def _member_name(info: zipfile.ZipInfo) -> str:
    """Chinese names in zips made on Windows are GBK without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def batch_inputs(files: list[str]) -> list[tuple[str, str | None, str | None]]:
    """(name shown, path to read, error) per report: uploaded files as they are, a zip's
    report files unpacked to a temp folder; a bad zip or too much is one error row."""
    out: list[tuple[str, str | None, str | None]] = []
    for f in files:
        name = Path(f).name
        if Path(f).suffix.lower() != ".zip":
            out.append((name, f, None))
            continue
        folder = Path(tempfile.mkdtemp(prefix="xxgk-zip-"))
        try:
            with zipfile.ZipFile(f) as z:
                members = [m for m in z.infolist() if not m.is_dir()
                           and Path(_member_name(m)).suffix.lower() in EXTENSIONS]
                if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                    out.append((name, None, f"压缩包解压后超过 {MAX_ZIP_BYTES // 2**20} MB，请分成几批上传。"))
                    continue
                if not members:
                    out.append((name, None, f"压缩包里没有报告文件（{' '.join(EXTENSIONS)}）。"))
                unpacked, rows = 0, []
                for i, m in enumerate(members):
                    shown = _member_name(m)
                    target = folder / f"{i:04d}{Path(shown).suffix.lower()}"  # never a path from the zip
                    # Streamed to disk and counted as it inflates: a zip's headers may lie about sizes.
                    with z.open(m) as src, target.open("wb") as dst:
                        while chunk := src.read(1 << 20):
                            unpacked += len(chunk)
                            if unpacked > MAX_ZIP_BYTES:
                                raise OverflowError
                            dst.write(chunk)
                    rows.append((f"{name}/{shown}", str(target), None))
                out += rows
        except OverflowError:
            out.append((name, None, f"压缩包解压后超过 {MAX_ZIP_BYTES // 2**20} MB，请分成几批上传。"))
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
            out.append((name, None, "不是有效的 zip 压缩包。"))
    return out


def trend_rows(records: list[dict]) -> list[dict]:
    """(agency, year, key, value) for every headline metric and indicator a report gives."""
    keys = set(headline_metrics()) | {k for k, _, _ in COLUMNS if k.startswith("indicator.")}
    rows = []
    for record in records:
        agency, year = place(record, None)
        if record.get("error") or not agency or not year:
            continue
        for key, value in report_values(record).items():
            if key in keys and value is not None:
                rows.append({"agency": agency, "year": year, "key": key, "value": value})
    return rows


HEADERS = {k: zh for k, zh, _ in COLUMNS}


def trend_choices(rows: list[dict], agency: str | None = None):
    """Agencies with two or more years first; the measures the chosen one reports."""
    years: dict[str, set] = {}
    for r in rows:
        years.setdefault(r["agency"], set()).add(r["year"])
    agencies = sorted(years, key=lambda a: (-len(years[a]), a))
    agency = agency if agency in years else (agencies[0] if agencies else None)
    order = list(headline_metrics()) + [k for k, _, _ in COLUMNS if k.startswith("indicator.")]
    present = {r["key"] for r in rows if r["agency"] == agency}
    keys = [k for k in order if k in present]
    return agencies, agency, [(HEADERS.get(k, k), k) for k in keys]


def trend_plot(rows: list[dict], agency: str | None, key: str | None):
    import pandas as pd

    points = sorted((r["year"], r["value"]) for r in rows if r["agency"] == agency and r["key"] == key)
    return pd.DataFrame({"年份": [str(y) for y, _ in points], "数值": [v for _, v in points]})


def analyse_batch(files: list[str] | None):
    """Files or zips in -> progress as it goes, then the report table, trend chart and workbook."""
    idle = (gr.skip(),) * 6
    if not files:
        yield (render.error_html("请先选择要分析的文件（可多选），或一个 zip 压缩包。"), *idle)
        return
    inputs = batch_inputs(files)[:MAX_BATCH_FILES]
    records = []
    for i, (name, path, error) in enumerate(inputs):
        yield (render.progress_html(i, len(inputs), name), *idle)
        doc = Document.failed(name, name, error) if error else next(read_path(path))
        doc.id = doc.source = name  # the name the user knows, never a temp path
        if not doc.error:
            doc = load().analyze(doc)
        records.append(doc.to_json())
    folder = Path(tempfile.mkdtemp(prefix="xxgk-batch-"))
    xlsx = write_xlsx(records, str(folder / f"批量分析_{len(records)}份报告.xlsx"))
    rows = trend_rows(records)
    agencies, agency, measures = trend_choices(rows)
    key = measures[0][1] if measures else None
    yield (render.progress_html(len(inputs), len(inputs), None), render.batch_table_html(records), xlsx, rows,
           gr.update(choices=agencies, value=agency), gr.update(choices=measures, value=key),
           trend_plot(rows, agency, key))


def on_trend_agency(rows: list[dict], agency: str | None):
    _, agency, measures = trend_choices(rows, agency)
    key = measures[0][1] if measures else None
    return gr.update(choices=measures, value=key), trend_plot(rows, agency, key)


CSS = render.CSS + """
.choice { margin: .2em 0; font-size: .95em; }
footer { display: none !important; }
/* Gradio keeps its English progress text ("processing | 0.1s") in the DOM when progress is hidden. */
.gradio-container .wrap.hide { display: none !important; }
"""


# On a narrow screen the results sit below the input: bring the verdict into view.
SHOW_VERDICT_ON_A_PHONE = "() => { if (window.innerWidth < 700) document.getElementById('verdict').scrollIntoView(); }"


def build() -> gr.Blocks:
    with gr.Blocks(title="政府信息公开工作年度报告分析") as demo:
        gr.Markdown("## 政府信息公开工作年度报告分析", elem_id="title")
        with gr.Tabs(elem_id="modes"):
            with gr.Tab("单份报告", id="single"), gr.Row(equal_height=False):
                with gr.Column(scale=2, min_width=300):
                    text = gr.Textbox(label="报告全文", lines=5, max_lines=8, placeholder="在此粘贴报告全文……",
                                      elem_id="report-text")
                    upload_button = gr.UploadButton("或上传文件（文本、网页、PDF、Word、Excel、扫描图片）", file_types=FILE_TYPES,
                                                    type="filepath", elem_id="upload", variant="secondary")
                    upload = gr.State(None)  # the uploaded file's path while it is the chosen input
                    choice = gr.HTML(choice_html("", None), elem_id="input-choice")
                    button = gr.Button("分析", variant="primary", elem_id="analyse")
                    gr.Examples([[p.read_text(encoding="utf-8")] for p, _ in EXAMPLES if p.exists()],
                                inputs=[text], label="示例报告（点击载入）", elem_id="examples",
                                example_labels=[name for p, name in EXAMPLES if p.exists()])
                with gr.Column(scale=5, min_width=300):
                    verdict = gr.HTML('<p class="muted">分析结果先给结论：机关、年份、格式、摘要和核对结果；'
                                      '下面分页查看标注原文、数据、核对和下载。</p>', elem_id="verdict")
                    with gr.Tabs(elem_id="result-tabs", visible=False) as results:
                        with gr.Tab("标注原文", id="text", render_children=True):
                            tagged = gr.HTML(elem_id="tagged")
                        with gr.Tab("数据", id="facts", render_children=True):
                            facts = gr.HTML(elem_id="facts")
                        with gr.Tab("核对", id="checks", render_children=True):
                            checks = gr.HTML(elem_id="checks")
                        with gr.Tab("下载", id="downloads", render_children=True):
                            gr.HTML('<p class="muted">文件名取自上传的文件名，或报告的机关和年份。</p>')
                            with gr.Row():
                                json_file = gr.DownloadButton("下载完整结果（JSON）", elem_id="download-json")
                                xlsx_file = gr.DownloadButton("下载表格（Excel）", elem_id="download-xlsx")
                                csv_file = gr.DownloadButton("下载数字（CSV）", elem_id="download-csv")
            with gr.Tab("批量与对比", id="batch"):
                with gr.Row():
                    batch_files = gr.UploadButton("选择多个报告文件，或一个 zip 压缩包", file_count="multiple",
                                                  file_types=[*FILE_TYPES, ".jsonl", ".zip"], type="filepath",
                                                  elem_id="batch-upload", variant="secondary", scale=3)
                    batch_button = gr.Button("批量分析", variant="primary", elem_id="batch-analyse", scale=1)
                batch_chosen = gr.HTML('<p class="choice muted">可一次选择多个文件；同一机关不同年份的报告会画出趋势。</p>',
                                       elem_id="batch-chosen")
                batch_progress = gr.HTML(elem_id="batch-progress")
                batch_table = gr.HTML(elem_id="batch-table")
                batch_xlsx = gr.DownloadButton("下载汇总表（Excel：报告、数字、核对）", elem_id="batch-xlsx")
                trend_data = gr.State([])
                with gr.Row():
                    trend_agency = gr.Dropdown(label="机关", choices=[], elem_id="trend-agency", scale=1)
                    trend_measure = gr.Dropdown(label="指标", choices=[], elem_id="trend-measure", scale=2)
                trend = gr.LinePlot(x="年份", y="数值", label="历年趋势", elem_id="trend", height=300)
        batch_files.upload(lambda files: render.chosen_files_html(files), inputs=[batch_files],
                           outputs=[batch_chosen], queue=False, show_progress="hidden", api_visibility="private")
        batch_button.click(lambda: render.pending_html("已提交，等待开始……"), outputs=[batch_progress], queue=False,
                           show_progress="hidden", api_visibility="private"
                           ).then(analyse_batch, inputs=[batch_files],
                           outputs=[batch_progress, batch_table, batch_xlsx, trend_data, trend_agency, trend_measure,
                                    trend], show_progress="hidden", api_name="analyse_batch")
        trend_agency.input(on_trend_agency, inputs=[trend_data, trend_agency], outputs=[trend_measure, trend],
                           api_visibility="private")
        trend_measure.input(lambda rows, a, k: trend_plot(rows, a, k), inputs=[trend_data, trend_agency, trend_measure],
                            outputs=[trend], api_visibility="private")
        outputs = [verdict, tagged, facts, checks, json_file, xlsx_file, csv_file, results]
        # Gradio's own progress says "queue: 1/2 | 1.3s"; the page says it in Chinese instead.
        button.click(lambda: (render.pending_html("正在分析，请稍候……"), gr.update(visible=False)),
                     outputs=[verdict, results], queue=False, show_progress="hidden", api_visibility="private"
                     ).then(analyse, inputs=[text, upload], outputs=outputs, api_name="analyse", show_progress="hidden"
                            ).then(None, js=SHOW_VERDICT_ON_A_PHONE)
        text.change(on_text, inputs=[text, upload], outputs=[upload, choice, *outputs], queue=False,
                    show_progress="hidden", api_visibility="private")
        upload_button.upload(on_upload, inputs=[upload_button], outputs=[upload, text, choice, *outputs],
                             queue=False, show_progress="hidden", api_visibility="private")
    return demo


def launch_options() -> dict:
    """What launch() takes besides the address: look, script, and no links out."""
    return {"css": CSS, "js": render.JS, "footer_links": [],
            "theme": gr.themes.Default(font=["Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
                                       font_mono=["Noto Sans Mono CJK SC", "monospace"])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("XXGK_HOST", "127.0.0.1"),
                        help="address to bind (0.0.0.0 to serve the network)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    args = parser.parse_args(argv)
    load()  # the model, once, before the first visitor
    demo = build()
    demo.queue(default_concurrency_limit=2).launch(server_name=args.host, server_port=args.port, share=False,
                                                   **launch_options())


if __name__ == "__main__":
    main()
