"""The web page: paste or upload a report, see it tagged, its figures, checks and summary.

    .venv/bin/python app.py [--host 127.0.0.1] [--port 7860]

Runs offline: no analytics, no share link, no web fonts; binds to 127.0.0.1
unless told otherwise (--host, or XXGK_HOST=0.0.0.0); the port follows
--port or GRADIO_SERVER_PORT. Talks to model.pipeline only.
"""
from __future__ import annotations

import argparse
import csv
import html
import json
import os
import tempfile
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import gradio as gr  # noqa: E402

from model.cli import CSV_FIELDS, csv_rows  # noqa: E402
from model.document import Document, plain_number  # noqa: E402
from model.pipeline import load  # noqa: E402
from model.readers import MAX_TEXT_CHARS, from_text, read_path  # noqa: E402
from model.taxonomy import label_zh, metrics  # noqa: E402

ROOT = Path(__file__).parent
EXAMPLES = [ROOT / "data/raw/seed_yilaxi_2014.txt", ROOT / "data/raw/corpus/reports/r025.txt",
            ROOT / "data/raw/corpus/reports/r043.txt", ROOT / "data/raw/corpus/reports/r030.txt"]
# One fixed colour per canonical label, and one for the figures inside the text.
COLOURS = {"preamble": "#d9d9d9", "overview": "#9ecae1", "proactive": "#a1d99b", "interpretation": "#c7e9c0",
           "on_request": "#fdd0a2", "fees": "#fdae6b", "review_litigation": "#fc9272", "institution": "#dadaeb",
           "problems": "#fbb4c4", "other": "#ffffb3"}
FIGURE = "数字（已提取）"
MAX_UPLOAD_BYTES = 64 * 1024 * 1024


def highlighted(doc: Document) -> list[tuple[str, str | None]]:
    """The text cut into (span, legend label): sentences by section, figures on top."""
    facts = sorted((f.start, f.end) for f in doc.facts if f.end > f.start)
    out: list[tuple[str, str | None]] = []
    pos = 0
    for s in doc.sentences:
        if s.start > pos:
            out.append((doc.text[pos:s.start], None))
        label = label_zh()[s.label]
        cur = s.start
        for a, b in facts:
            if a >= s.start and b <= s.end and a >= cur:
                if a > cur:
                    out.append((doc.text[cur:a], label))
                out.append((doc.text[a:b], FIGURE))
                cur = b
        if cur < s.end:
            out.append((doc.text[cur:s.end], label))
        pos = s.end
    if pos < len(doc.text):
        out.append((doc.text[pos:], None))
    return out


def facts_table(doc: Document) -> list[list]:
    rows = []
    for i, f in enumerate(doc.facts, 1):
        sentence = next((doc.text[s.start:s.end] for s in doc.sentences if s.start <= f.start < s.end), "")
        value = plain_number(f.value)
        rows.append([i, metrics()[f.metric]["zh"], value, f.unit, "表格" if f.origin == "table" else "正文",
                     sentence.strip()[:80]])
    return rows


def checks_table(doc: Document) -> list[list]:
    mark = {True: "✔ 通过", False: "✘ 不通过", None: "– 无法判断"}
    return [[mark[c.ok], c.rule, c.message] for c in doc.checks]


def summary_html(doc: Document) -> str:
    """The summary, escaped, each number linked to the facts-table rows behind it."""
    rows = {(f.start, f.end): i for i, f in enumerate(doc.facts, 1)}
    text = doc.summary
    out, pos = [], 0
    for source in doc.summary_sources:
        at = text.find(source["text"], pos)
        if at < 0:
            continue
        refs = [rows[tuple(span)] for span in source["spans"] if tuple(span) in rows]
        title = "；".join(" ".join(doc.text[max(0, a - 30):b].split()) for a, b in source["spans"])
        out.append(html.escape(text[pos:at]))
        out.append(f'<span class="xxgk-num" title="原文：{html.escape(title)}">{html.escape(source["text"])}'
                   f'<sup>[{",".join(map(str, refs))}]</sup></span>')
        pos = at + len(source["text"])
    out.append(html.escape(text[pos:]))
    return f'<div class="xxgk-summary">{"".join(out)}</div>'


def downloads(doc: Document) -> tuple[str, str]:
    folder = Path(tempfile.mkdtemp(prefix="xxgk-"))
    record = doc.to_json()
    stem = Path(doc.id).stem or "report"
    json_path = folder / f"{stem}.json"
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    csv_path = folder / f"{stem}_facts.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, CSV_FIELDS)
        writer.writeheader()
        writer.writerows(csv_rows(record))
    return str(json_path), str(csv_path)


def read_input(text: str, upload: str | None) -> Document:
    if upload:
        size = Path(upload).stat().st_size
        if size > MAX_UPLOAD_BYTES:
            return Document.failed(Path(upload).name, upload, f"文件过大（{size / 2**20:.1f} MB），上限 64 MB。")
        return next(read_path(upload))
    if not text or not text.strip():
        return Document.failed("pasted", "pasted", "请粘贴报告全文，或上传一个文件。")
    if len(text) > MAX_TEXT_CHARS:
        return Document.failed("pasted", "pasted",
                               f"文本过长（{len(text):,} 字符），上限 {MAX_TEXT_CHARS:,} 字符：这不像一份年度报告。")
    return from_text(text)


def analyse(text: str, upload: str | None):
    """The page's one handler: input -> every output panel."""
    doc = read_input(text, upload)
    if doc.error:
        return [], [], [], "", None, None, f"**无法分析：** {html.escape(doc.error)}"
    doc = load().analyze(doc)
    json_path, csv_path = downloads(doc)
    template = {"new": "新格式（2019年起）", "old": "旧格式（2008—2018）", "unknown": "无法判断"}[doc.template]
    status = (f"**{html.escape(doc.agency or '未识别机关')}** · {doc.year or '年份未识别'} · {template} · "
              f"{len(doc.sentences)} 句 · {len(doc.facts)} 项数字 · 模型 {doc.model['name']}")
    return (highlighted(doc), facts_table(doc), checks_table(doc), summary_html(doc), json_path, csv_path, status)


CSS = """
.xxgk-summary { font-size: 1.05em; line-height: 1.8; }
.xxgk-num { background: #fff3bf; border-bottom: 1px dotted #b08900; }
.xxgk-num sup { color: #8a6d00; margin-left: 1px; }
"""


def build() -> gr.Blocks:
    with gr.Blocks(title="xxgk · 政府信息公开工作年度报告分析") as demo:
        gr.Markdown("## 政府信息公开工作年度报告分析\n粘贴报告全文或上传文件（.txt .html .pdf .docx），"
                    "点击“分析”：逐句标注所属部分，提取数字，核对勾稽关系，生成摘要。")
        with gr.Row():
            with gr.Column(scale=3):
                text = gr.Textbox(label="报告全文", lines=10, max_lines=20, placeholder="在此粘贴报告……",
                                  elem_id="report-text")
            with gr.Column(scale=1):
                upload = gr.File(label="或上传文件", file_types=[".txt", ".html", ".htm", ".pdf", ".docx"],
                                 type="filepath")
                button = gr.Button("分析", variant="primary", elem_id="analyse")
        gr.Examples([[p.read_text(encoding="utf-8")] for p in EXAMPLES if p.exists()], inputs=[text],
                    example_labels=["一拉溪镇 2014（种子报告）", "沭阳县 2025（新格式，表格）",
                                    "平潭行政审批局 2019（新格式，网页）", "平潭社会事业局 2014（旧格式）"])
        status = gr.Markdown(elem_id="status")
        summary = gr.HTML(label="摘要", elem_id="summary")
        tagged = gr.HighlightedText(label="逐句标注", color_map={**{label_zh()[k]: v for k, v in COLOURS.items()},
                                                              FIGURE: "#ffd43b"},
                                    show_legend=True, combine_adjacent=False, elem_id="tagged")
        with gr.Row():
            facts = gr.Dataframe(headers=["#", "指标", "数值", "单位", "来源", "所在句子"], label="提取的数字",
                                 wrap=True, elem_id="facts")
        checks = gr.Dataframe(headers=["结果", "规则", "说明"], label="核对", wrap=True, elem_id="checks")
        with gr.Row():
            json_file = gr.File(label="下载 JSON")
            csv_file = gr.File(label="下载数字 CSV")
        button.click(analyse, inputs=[text, upload],
                     outputs=[tagged, facts, checks, summary, json_file, csv_file, status], api_name="analyse")
    return demo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("XXGK_HOST", "127.0.0.1"),
                        help="address to bind (0.0.0.0 to serve the network)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", 7860)))
    args = parser.parse_args(argv)
    load()  # the model, once, before the first visitor
    demo = build()
    demo.queue(default_concurrency_limit=2).launch(
        server_name=args.host, server_port=args.port, share=False, css=CSS,
        theme=gr.themes.Default(font=["Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
                                font_mono=["Noto Sans Mono CJK SC", "monospace"]))


if __name__ == "__main__":
    main()
