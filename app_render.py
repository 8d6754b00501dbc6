"""The page's HTML, built from an analysed Document: the verdict, the tagged
text, the facts and the checks. Every piece of report text is escaped here;
the page (app.py) only places these strings. Chinese only: ids stay in data-*
attributes and class names, never in what a reader sees."""
from __future__ import annotations

import bisect
import html
import re
from collections import defaultdict
from pathlib import Path

from model.document import Document, Fact, number_text
from model.indicators import display as indicator_display
from model.taxonomy import check_zh, indicators, label_zh, metrics

# Paul Tol's "light" scheme (made for text backgrounds, distinguishable with the common colour
# blindnesses), ordered so the two closest colours never mark neighbouring sections; the tenth
# label is hatched instead of a tenth colour. Figures are marked by an outline, not a colour.
COLOURS = {"preamble": "#DDDDDD", "overview": "#99DDFF", "proactive": "#77AADD", "interpretation": "#44BB99",
           "on_request": "#EE8866", "fees": "#BBCC33", "review_litigation": "#FFAABB",
           "institution": "#EEDD88", "problems": "#AAAA00", "other": None}
HATCH = "repeating-linear-gradient(135deg, #ffffff 0 4px, #c8c8c8 4px 6px)"
TEMPLATE_ZH = {"new": "新格式（2019年起）", "old": "旧格式（2008—2018年）", "unknown": "格式无法判断"}
UNREADABLE = "table_row_unreadable"
NOT_A_REPORT = "report_recognised"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。；：、）])\s+(?=[\u4e00-\u9fff（])")


def esc(s: str) -> str:
    return html.escape(s, quote=True)


# ---------------------------------------------------------------- errors
# Readers give their messages in Chinese; anything else that escapes (an unforeseen
# exception's English text) is replaced by a general sentence rather than shown.
def error_zh(message: str) -> str:
    return message if _CJK.search(message) else "无法读取这个文件，它可能已损坏，或不是报告文件。"


def error_html(message: str) -> str:
    return f'<div class="xxgk-error" role="alert"><b>无法分析：</b>{esc(error_zh(message))}</div>'


# ---------------------------------------------------------------- checks
def grouped_checks(doc: Document) -> list[tuple[str, bool | None, str]]:
    """(rule id, ok, Chinese message), failures first; the unreadable rows of a
    table become one line for that table."""
    rows, unreadable = [], defaultdict(list)
    for c in doc.checks:
        if c.rule == UNREADABLE:
            m = re.match(r"(表[一二三四五])“(.*)”一行", c.message)
            table = m[1] if m else c.message[:2]
            unreadable[table].append(m[2].replace("\n", "") if m else "")
        else:
            rows.append((c.rule, c.ok, c.message))
    for table, labels in unreadable.items():
        named = [x for x in labels if x]
        what = f"{len(labels)} 行数字" if named else "数字"
        listed = f"（{'、'.join(named[:6])}{'等' if len(named) > 6 else ''}）" if named else ""
        rows.append((UNREADABLE, None, f"{table}有{what}无法可靠读出{listed}，未取数，相关核对无法进行。"))
    order = {False: 0, None: 1, True: 2}
    return sorted(rows, key=lambda r: order[r[1]])


def checks_html(doc: Document) -> str:
    mark = {False: ("fail", "✘ 不通过"), None: ("unknown", "– 无法判断"), True: ("pass", "✔ 通过")}
    body = []
    for rule, ok, message in grouped_checks(doc):
        cls, word = mark[ok]
        body.append(f'<tr class="{cls}"><td class="res">{word}</td><td class="rule">'
                    f'{esc(check_zh().get(rule, "其他核对"))}</td><td>{esc(message)}</td></tr>')
    failed = sum(1 for c in doc.checks if c.ok is False)
    if not body:
        return '<div class="xxgk-checks"><p class="muted">没有可核对的项目（未提取到可相互印证的数字）。</p></div>'
    return (f'<div class="xxgk-checks"><label class="only-fail-switch"><input type="checkbox" class="only-fail">'
            f' 只看不通过（{failed} 项）</label><table class="xxgk-table"><thead><tr><th class="res">结果</th>'
            f'<th class="rule">核对项目</th><th>说明</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>')


# ---------------------------------------------------------------- provenance
def _squash(s: str) -> str:
    """One line for a table cell: runs of spaces to one, none between Chinese characters
    (a PDF's line breaks fall inside words)."""
    return _CJK_GAP.sub("", " ".join(s.split()))


def _sentence_at(doc: Document, f: Fact):
    starts = [s.start for s in doc.sentences]
    i = bisect.bisect_right(starts, f.start) - 1
    if i >= 0 and doc.sentences[i].start <= f.start and f.end <= doc.sentences[i].end:
        return i
    return None


def _table_row_label(doc: Document, f: Fact) -> str | None:
    for t in doc.tables:
        if t.start <= f.start < t.end:
            for row in t.rows:
                if any(c.start <= f.start and f.end <= c.end for c in row):
                    words = [c.text.strip() for c in row if _CJK.search(c.text)]
                    return " / ".join(dict.fromkeys(words)) or None
    return None


def provenance(doc: Document, f: Fact) -> tuple[str, str]:
    """Where a figure came from: (HTML with the figure marked, plain text for a tooltip).
    A table cell: its row's label; a bare value: the item it answers; prose: the whole sentence."""
    text = doc.text
    row = _table_row_label(doc, f)
    if row:
        return f'表格行：{esc(row)}', f"表格行：{row}"
    i = _sentence_at(doc, f)
    if i is None:  # a figure outside any sentence (a flattened table): its line
        a = text.rfind("\n", 0, f.start) + 1
        b = text.find("\n", f.end)
        b = len(text) if b < 0 else b
    else:
        a, b = doc.sentences[i].start, doc.sentences[i].end
    around = _BRACKETED.sub("", text[a:f.start] + text[f.end:b])
    label = ""
    if not _CJK.search(around):  # "95" alone: the item label is the sentence or line before
        j = (i if i is not None else bisect.bisect_right([s.start for s in doc.sentences], f.start)) - 1
        while j >= 0 and not _CJK.search(text[doc.sentences[j].start:doc.sentences[j].end]):
            j -= 1
        if j >= 0:
            label = _squash(text[doc.sentences[j].start:doc.sentences[j].end]).rstrip("。：:；; ")
    before, figure, after = (_squash(x) for x in (text[a:f.start], text[f.start:f.end], text[f.end:b]))
    where = "表格" if f.origin == "table" else "正文"
    shown = (f"{esc(label)}：" if label else "") + f"{esc(before)}<mark>{esc(figure)}</mark>{esc(after)}"
    plain = (f"{label}：" if label else "") + f"{before}{figure}{after}"
    return f'<span class="where">{where}</span>{shown}', plain


def fact_value(f: Fact) -> str:
    return f"{'约' if f.approximate else ''}{number_text(f.value)}"


def indicators_html(doc: Document) -> str:
    """The rates and sums computed from the figures (model.indicators), where they could be."""
    rows = []
    for d in indicators():
        entry = doc.indicators.get(d["id"]) or {}
        if entry.get("value") is None:
            continue
        how = (f"{number_text(entry['numerator'])} / {number_text(entry['denominator'])}"
               if entry.get("denominator") is not None else "")
        rows.append(f'<tr><td class="metric">{esc(d["zh"])}</td><td class="val">'
                    f'{esc(indicator_display(d, entry["value"]))}</td><td>{esc(how)}</td></tr>')
    if not rows:
        return ""
    return ('<h4>按报告数字计算</h4><table class="xxgk-table xxgk-indicators"><thead><tr><th class="metric">指标</th>'
            f'<th class="val">数值</th><th>分子 / 分母</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            '<h4>提取的数字</h4>')


def facts_html(doc: Document) -> str:
    if not doc.facts:
        return '<p class="muted">没有提取到数字。</p>'
    rows = []
    for i, f in enumerate(doc.facts):
        source, _ = provenance(doc, f)
        name = metrics()[f.metric]["zh"] if f.metric in metrics() else "其他数字"
        rows.append(f'<tr data-goto="fact-{i}" title="点击在原文中查看"><td class="n">{i + 1}</td>'
                    f'<td class="metric">{esc(name)}</td><td class="val">{esc(fact_value(f))}</td>'
                    f'<td class="unit">{esc(f.unit)}</td><td class="src">{source}</td></tr>')
    return (f'<div class="xxgk-facts">{indicators_html(doc)}<p class="muted">点击一行，在“标注原文”中定位并高亮这个数字。</p>'
            '<table class="xxgk-table"><thead><tr><th class="n">#</th><th class="metric">指标</th>'
            '<th class="val">数值</th><th class="unit">单位</th><th class="src">出处</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


# ---------------------------------------------------------------- tagged text
def _display_text(text: str) -> str:
    """The text as shown: a PDF's table headers come one or two characters per line;
    such runs of short lines are joined with spaces, and blank lines are dropped
    (newlines become spaces: the same length, so offsets hold)."""
    chars = list(text)
    for m in re.finditer(r"\n[^\S\n]*(?=\n)", text):
        chars[m.start()] = " "
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, len(line.strip())))
        pos += len(line) + 1
    run: list[int] = []
    for start, n in lines + [(len(text) + 1, 99)]:
        if 0 < n <= 3:
            run.append(start)
            continue
        if len(run) >= 3:
            for s in run:
                if s > 0 and chars[s - 1] == "\n":
                    chars[s - 1] = " "
        run = []
    return "".join(chars)


class _Painter:
    """HTML for any stretch of the text: sentence spans coloured by label, figures marked."""

    def __init__(self, doc: Document):
        self.doc, self.shown = doc, _display_text(doc.text)
        self.starts = [s.start for s in doc.sentences]
        self.facts = sorted(((f.start, f.end, i) for i, f in enumerate(doc.facts) if f.end > f.start))
        self.fact_starts = [a for a, _, _ in self.facts]
        self.placed: set[int] = set()

    def _figures(self, a: int, b: int) -> str:
        out, cur = [], a
        k = max(0, bisect.bisect_left(self.fact_starts, a) - 1)
        for fa, fb, i in self.facts[k:]:
            if fa >= b:
                break
            if fb <= cur or fa < cur:
                continue
            fb = min(fb, b)
            out.append(esc(self.shown[cur:fa]))
            ident = "" if i in self.placed else f' id="fact-{i}"'
            self.placed.add(i)
            name = metrics().get(self.doc.facts[i].metric, {}).get("zh", "数字")
            out.append(f'<mark class="fig"{ident} title="{esc(name)}">{esc(self.shown[fa:fb])}</mark>')
            cur = fb
        out.append(esc(self.shown[cur:b]))
        return "".join(out)

    def paint(self, a: int, b: int) -> str:
        out, pos = [], a
        k = max(0, bisect.bisect_right(self.starts, a) - 1)
        for s in self.doc.sentences[k:]:
            if s.start >= b:
                break
            sa, sb = max(s.start, a), min(s.end, b)
            if sb <= sa:
                continue
            if sa > pos:
                out.append(self._figures(pos, sa))
            zh = label_zh().get(s.label, "")
            out.append(f'<span class="s l-{s.label}" title="{esc(zh)}">{self._figures(sa, sb)}</span>')
            pos = sb
        if pos < b:
            out.append(self._figures(pos, b))
        return "".join(out)

    def table(self, t) -> str:
        rows, above = [], None
        for row in t.rows:
            cells, prev = [], None
            for c in row:
                same_as_left = prev is not None and (c.start, c.end) == (prev.start, prev.end)
                same_as_above = above is not None and any((c.start, c.end) == (x.start, x.end) for x in above)
                prev = c
                if same_as_left:
                    continue
                cells.append("<td></td>" if same_as_above else f"<td>{self.paint(c.start, c.end)}</td>")
            above = row
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return f'<div class="tbl-wrap"><table class="report-table">{"".join(rows)}</table></div>'


def legend_html(doc: Document) -> str:
    counts: dict[str, int] = defaultdict(int)
    for s in doc.sentences:
        counts[s.label] += 1
    items = ['<label class="lg all"><input type="radio" name="xxgk-legend" value="" checked> 全部</label>']
    for label, zh in label_zh().items():
        if counts[label]:
            items.append(f'<label class="lg l-{label}"><input type="radio" name="xxgk-legend" value="{label}">'
                         f' {esc(zh)} <small>{counts[label]}句</small></label>')
    items.append('<span class="lg"><mark class="fig">123</mark> 提取的数字</span>')
    return f'<div class="legend" title="点击一项，只突出这一部分">{"".join(items)}</div>'


def tagged_html(doc: Document) -> str:
    """The whole text in order, sentences coloured, figures marked, reader-kept tables as tables."""
    painter = _Painter(doc)
    out, pos = [], 0
    for t in sorted(doc.tables, key=lambda t: t.start):
        if t.start < pos:
            continue
        out.append(painter.paint(pos, t.start))
        out.append(painter.table(t))
        pos = t.end
    out.append(painter.paint(pos, len(doc.text)))
    return (f'<div class="xxgk-tagged">{legend_html(doc)}<div class="tagged-text" tabindex="0">'
            f'{"".join(out)}</div></div>')


# ---------------------------------------------------------------- verdict
def summary_html(doc: Document) -> str:
    """The summary, escaped; each figure a link to its span in the text."""
    index = {(f.start, f.end): i for i, f in enumerate(doc.facts)}
    text, out, pos = doc.summary, [], 0
    for source in doc.summary_sources:
        at = text.find(source["text"], pos)
        if at < 0:
            continue
        spans = [tuple(s) for s in source["spans"]]
        target = next((index[s] for s in spans if s in index), None)
        tips = []
        for a, b in spans:
            i = index.get((a, b))
            tips.append(provenance(doc, doc.facts[i])[1] if i is not None else " ".join(doc.text[a:b].split()))
        out.append(esc(text[pos:at]))
        goto = f' data-goto="fact-{target}"' if target is not None else ""
        out.append(f'<a class="xxgk-num" href="#"{goto} title="原文：{esc("；".join(tips))}">'
                   f'{esc(source["text"])}</a>')
        pos = at + len(source["text"])
    out.append(esc(text[pos:]))
    return f'<p class="xxgk-summary">{"".join(out)}</p>'


def verdict_html(doc: Document) -> str:
    failed = sum(1 for c in doc.checks if c.ok is False)
    passed = sum(1 for c in doc.checks if c.ok is True)
    year = f"{doc.year}年" if doc.year else "年份未识别"
    badges = [f'<span class="badge {"bad" if failed else "good"}">核对：{failed} 项不通过</span>',
              f'<span class="badge">{passed} 项通过</span>',
              f'<span class="badge">{len(doc.facts)} 个数字</span>',
              f'<span class="badge">{len(doc.sentences)} 句</span>']
    warning = "".join(f'<div class="xxgk-warning" role="alert">⚠ {esc(c.message)}</div>'
                      for c in doc.checks if c.rule == NOT_A_REPORT and c.ok is False)
    return (f'<div class="xxgk-verdict">{warning}<h2 class="who">{esc(doc.agency or "未识别出机关名称")}'
            f' <span class="sep">·</span> {year} <span class="sep">·</span> {TEMPLATE_ZH[doc.template]}</h2>'
            f'<div class="badges">{"".join(badges)}</div><h3>摘要</h3>{summary_html(doc)}</div>')


# ---------------------------------------------------------------- batch
def chosen_files_html(files: list[str] | None) -> str:
    names = [Path(f).name for f in files or []]
    if not names:
        return '<p class="choice muted">还没有选择文件。</p>'
    shown = "、".join(names[:8]) + (f" 等 {len(names)} 个" if len(names) > 8 else "")
    return f'<p class="choice">已选择 {len(names)} 个文件：{esc(shown)}。点击“批量分析”开始。</p>'


def pending_html(message: str) -> str:
    return f'<p class="xxgk-pending" role="status">{esc(message)}（同时使用的人多时会排队）</p>'


def progress_html(done: int, total: int, current: str | None) -> str:
    now = f"，正在分析：{esc(current)}" if current else "，全部完成"
    return (f'<div class="xxgk-progress"><progress value="{done}" max="{total}"></progress>'
            f'<span>已分析 {done} / {total} 份{now}</span></div>')


BATCH_METRICS = ("proactive_total", "t3.new.total", "t4.review.total", "t4.litigation_direct.total")


def batch_table_html(records: list[dict]) -> str:
    """One row per report; a row with failed checks or an error is marked. Headers sort (page JS)."""
    heads = [("文件", "t"), ("机关", "t"), ("年份", "n"), ("格式", "t"), ("未通过核对", "n"), ("数字个数", "n")]
    heads += [(metrics()[m]["zh"], "n") for m in BATCH_METRICS]
    heads.append(("问题", "t"))
    rows = []
    for r in records:
        values = {}
        for f in r.get("facts") or []:
            values.setdefault(f["metric"], f["value"])
        failed = [c for c in r.get("checks") or [] if c.get("ok") is False]
        problem = error_zh(r["error"]) if r.get("error") else "；".join(c["message"] for c in failed[:2])
        cells = [r.get("source") or "", r.get("agency") or "", r.get("year"),
                 TEMPLATE_ZH.get(r.get("template"), "").split("（")[0] if not r.get("error") else "",
                 None if r.get("error") else len(failed), None if r.get("error") else len(r.get("facts") or [])]
        cells += [values.get(m) for m in BATCH_METRICS] + [problem]
        tds = []
        for (head, kind), v in zip(heads, cells):
            shown = "" if v is None else (number_text(v) if kind == "n" else str(v))
            cls = ' class="bad"' if head == "未通过核对" and v else ""
            tds.append(f'<td data-v="{esc("" if v is None else str(v))}"{cls}>{esc(shown)}</td>')
        cls = "error" if r.get("error") else ("fail" if failed else "ok")
        rows.append(f'<tr class="{cls}">{"".join(tds)}</tr>')
    ths = "".join(f'<th data-sort="{kind}" title="点击排序">{esc(h)} <span class="arrow">⇅</span></th>'
                  for h, kind in heads)
    failed_reports = sum(1 for r in records if r.get("error") or any(c.get("ok") is False for c in r.get("checks") or []))
    return (f'<p class="muted">{len(records)} 份报告，其中 {failed_reports} 份有未通过的核对或无法读取（红色标出）。'
            f'点击表头排序。</p><div class="tbl-wrap"><table class="xxgk-batch"><thead><tr>{ths}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _legend_css() -> str:
    rules = []
    for label, colour in COLOURS.items():
        fill = colour or HATCH
        rules.append(f".l-{label} {{ background: {fill}; }}")
        rules.append(f'.xxgk-tagged:has(input[value="{label}"]:checked) .s:not(.l-{label}) '
                     "{ background: transparent; opacity: .35; }")
    return "\n".join(rules)


CSS = """
.xxgk-error { border: 1px solid #c92a2a; background: #fff5f5; color: #a61e1e; padding: .6em .8em;
  border-radius: 6px; margin: .3em 0; }
.xxgk-warning { border: 1px solid #e67700; background: #fff4e6; color: #7a3e00; padding: .5em .8em;
  border-radius: 6px; margin-bottom: .5em; font-weight: 600; }
.xxgk-verdict h2.who { font-size: 1.25em; margin: 0 0 .3em; }
.xxgk-verdict h3 { font-size: 1.05em; margin: .6em 0 .2em; }
.xxgk-verdict .sep { color: #868e96; }
.badges { display: flex; flex-wrap: wrap; gap: .4em; }
.badge { border: 1px solid #ced4da; border-radius: 999px; padding: .1em .7em; font-size: .92em; }
.badge.bad { border-color: #c92a2a; background: #fff5f5; color: #a61e1e; font-weight: 700; }
.badge.good { border-color: #2b8a3e; background: #ebfbee; color: #1b5e20; }
.xxgk-summary { font-size: 1.05em; line-height: 1.8; margin: 0; overflow-wrap: anywhere; }
.xxgk-num { background: #fff3bf; border-bottom: 2px solid #b08900; color: inherit !important;
  text-decoration: none !important; padding: 0 1px; }
.xxgk-tagged .legend { display: flex; flex-wrap: wrap; gap: .3em; margin-bottom: .4em; }
.xxgk-tagged .lg { border-radius: 4px; padding: .1em .45em; cursor: pointer; font-size: .9em;
  border: 1px solid #adb5bd; }
.xxgk-tagged .lg input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.xxgk-tagged .lg:has(input:checked) { outline: 2px solid #212529; }
.tagged-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.75; max-height: 62vh;
  overflow-y: auto; border: 1px solid #dee2e6; border-radius: 6px; padding: .6em .8em; }
.tagged-text .s:hover { outline: 1px solid #495057; }
mark.fig { background: transparent; color: inherit; font-weight: 700; border: 1.5px solid #212529;
  border-radius: 3px; padding: 0 1px; }
mark.fig.flash, .flash { background: #ffd43b !important; box-shadow: 0 0 0 3px #f08c00; }
.tbl-wrap { overflow-x: auto; white-space: normal; margin: .3em 0; }
.report-table, .xxgk-table { border-collapse: collapse; }
.report-table td { border: 1px solid #adb5bd; padding: .15em .4em; vertical-align: top; }
.xxgk-table { width: 100%; table-layout: fixed; }
.xxgk-table th, .xxgk-table td { border-bottom: 1px solid #dee2e6; padding: .3em .4em; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
.xxgk-table th.n, .xxgk-table td.n { width: 2.6em; }
.xxgk-table .metric { width: 30%; }
.xxgk-table .val { width: 6em; font-weight: 700; }
.xxgk-table .unit { width: 3em; }
.xxgk-table .res { width: 6.5em; }
.xxgk-table .rule { width: 24%; }
.xxgk-facts tbody tr[data-goto] { cursor: pointer; }
.xxgk-facts tbody tr[data-goto]:hover { background: #f1f3f5; }
.xxgk-facts h4 { margin: .4em 0 .2em; font-size: 1em; }
.xxgk-indicators .metric { width: 45%; }
.xxgk-facts .src mark { background: #fff3bf; font-weight: 700; }
.xxgk-facts .where { font-size: .8em; border: 1px solid #adb5bd; border-radius: 3px; padding: 0 .3em;
  margin-right: .4em; color: #495057; }
.xxgk-checks tr.fail td { background: #fff5f5; }
.xxgk-checks tr.fail td.res { color: #c92a2a; font-weight: 700; }
.xxgk-checks tr.pass td.res { color: #2b8a3e; }
.xxgk-checks tr.unknown td.res { color: #868e96; }
.xxgk-checks:has(.only-fail:checked) tr.pass, .xxgk-checks:has(.only-fail:checked) tr.unknown { display: none; }
.only-fail-switch { display: inline-block; margin-bottom: .4em; cursor: pointer; font-weight: 600; }
.xxgk-pending::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .5em;
  border: 2px solid #adb5bd; border-top-color: #1c7ed6; border-radius: 50%; vertical-align: -.1em;
  animation: xxgk-spin 1s linear infinite; }
@keyframes xxgk-spin { to { transform: rotate(360deg); } }
.xxgk-progress { display: flex; align-items: center; gap: .8em; }
.xxgk-progress progress { flex: 1; height: 1em; accent-color: #1c7ed6; }
.xxgk-batch { border-collapse: collapse; min-width: 100%; font-size: .92em; }
.xxgk-batch th { cursor: pointer; white-space: normal; min-width: 4em; text-align: left; background: #f1f3f5; }
.xxgk-batch th, .xxgk-batch td { border: 1px solid #dee2e6; padding: .25em .45em; vertical-align: top; }
.xxgk-batch td:last-child { min-width: 16em; }
.xxgk-batch tr.fail td { background: #fff5f5; }
.xxgk-batch tr.error td { background: #ffe3e3; color: #a61e1e; }
.xxgk-batch td.bad { color: #c92a2a; font-weight: 700; }
.muted { color: #868e96; font-size: .92em; margin: .2em 0; }
@media (max-width: 640px) {
  .xxgk-table thead { display: none; }
  .xxgk-table, .xxgk-table tbody { display: block; }
  .xxgk-table tr { display: grid; grid-template-columns: 1fr auto auto; column-gap: .5em;
    border-bottom: 1px solid #dee2e6; padding: .3em 0; }
  .xxgk-table td { display: block; width: auto !important; border: 0; padding: .1em .2em; }
  .xxgk-facts td.n { display: none; }
  .xxgk-indicators tr { grid-template-columns: 1fr auto; }
  .xxgk-facts td.src, .xxgk-checks td:last-child { grid-column: 1 / -1; font-size: .92em; }
  .xxgk-checks tr { grid-template-columns: auto 1fr; }
  .tagged-text { max-height: 70vh; }
}
""" + _legend_css()

# Clicking a summary figure or a fact row opens 标注原文 and scrolls its span into view
# (the panel may still be rendering, so the target is waited for); a batch header sorts.
JS = """
() => {
  document.addEventListener('click', (event) => {
    const th = event.target.closest('th[data-sort]');
    if (th) {
      const table = th.closest('table'), col = [...th.parentNode.children].indexOf(th);
      const up = th.dataset.dir !== 'up';
      table.querySelectorAll('th').forEach((h) => delete h.dataset.dir);
      th.dataset.dir = up ? 'up' : 'down';
      const key = (tr) => tr.children[col].dataset.v;
      const rows = [...table.tBodies[0].rows].sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === '' || y === '') return (x === '') - (y === '');
        const d = th.dataset.sort === 'n' ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'zh');
        return up ? d : -d;
      });
      rows.forEach((tr) => table.tBodies[0].appendChild(tr));
      return;
    }
    const link = event.target.closest('[data-goto]');
    if (!link) return;
    event.preventDefault();
    const tab = [...document.querySelectorAll('#result-tabs [role=tab]')]
      .find((b) => b.textContent.trim().startsWith('标注原文'));
    if (tab) tab.click();
    const go = (tries) => {
      const mark = document.getElementById(link.dataset.goto);
      if (!mark || !mark.offsetParent) { if (tries < 40) setTimeout(() => go(tries + 1), 50); return; }
      document.querySelectorAll('.flash').forEach((m) => m.classList.remove('flash'));
      mark.classList.add('flash');
      mark.scrollIntoView({block: 'center'});
    };
    go(0);
  });
}
"""
