"""Tables 二/三/四 of the new template: rows of cells mapped to metrics.

Where the table is (a region of the text), which format it has (2019 or 2021,
from its column headers, else the report year) and which rows and columns it
holds all come from the taxonomy (`tables`). The cells come first from a grid
a reader kept (`doc.tables`), else from the text in whatever shape it arrived
(model.table_rows). A row whose cells are all in place is read as printed. A
row whose positions are lost (blank cells dropped, cells run together, one
figure per line) is read only by deduction: every way to cut its digit runs
and place its figures among the columns (a dropped blank is 0 in a table that
has figures) that satisfies the identities (model.identities) of the row and,
where the other rows are known, of the columns; when the readings disagree,
no fact, and a check names the row. A `/` or `-` cell is not reported.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from model.document import Cell, Check, Document, Fact
from model.identities import consistent
from model.table_rows import (
    RULE_LINE,
    Row,
    find_labels,
    grid_rows,
    kind,
    text_rows,
)
from model.taxonomy import metrics, tables

Reading = list[tuple[float | None, int, int]]   # (value or None for a dash cell, span)


@lru_cache(maxsize=8)
def _specs(table: str, fmt: str | None = None) -> tuple[list, dict[str, list[str]]]:
    """[(row, compiled label patterns)] in order, and each row's metric ids."""
    t = tables()[table]
    if table == "t2":
        rows = t["formats"][fmt]["rows"]
        cols = {r["row"]: [f"t2.{r['row']}.{c}" for c in r["columns"]] for r in rows}
    else:
        rows = t["rows"]
        cols = {r["row"]: [f"t3.{r['row']}.{c}" for c in t["columns"]] for r in rows}
    return [(r["row"], [re.compile(_wrappable(p)) for p in r["labels"]]) for r in rows], cols


def _wrappable(pattern: str) -> str:
    """A label pattern that also matches its words broken by a line wrap or spaced
    out ("本机关不掌握相关政府信\n息", one character per line)."""
    out, prev = [], ""
    for token in re.findall(r"\[[^\]]*\]|\(\?<[!=][^)]*\)|\\.|.", pattern):  # classes, look-behinds kept whole
        if _CJK_CHAR.fullmatch(token) and _CJK_CHAR.fullmatch(prev):
            out.append(r"\s*")
        out.append(token)
        prev = token
    return "".join(out)


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _splits(digits: str, parts: int) -> list[list[str]]:
    """All ways to cut a digit run into `parts` numbers without leading zeros."""
    if parts == 1:
        return [[digits]] if digits == "0" or not digits.startswith("0") else []
    out = []
    for i in range(1, len(digits) - parts + 2):
        head = digits[:i]
        if len(head) > 1 and head.startswith("0"):
            break
        out.extend([head] + rest for rest in _splits(digits[i:], parts - 1))
    return out


def _value(text: str) -> float | None:
    return float(text.replace(",", "")) if kind(text) == "figure" else None


def readings(row: Row, width: int, blanks: bool, valid=lambda r: True) -> tuple[list[Reading], bool]:
    """The row's possible readings that are `valid`, and whether they are deduced
    (not as printed). Readings where every figure was printed come first; only
    where none is valid may a blank cell have been dropped (a 0 in a filled table)."""
    a, b = row.label
    if row.positional and len(row.cells) == width:
        reading = [(0.0, a, b) if kind(c.text) == "blank" else (_value(c.text), c.start, c.end) for c in row.cells]
        # A blank cell is 0 where that keeps the row's total; else the row is unread.
        blank = any(kind(c.text) == "blank" for c in row.cells)
        return ([reading] if not blank or valid(reading) else []), blank
    tokens = [c for c in row.cells if kind(c.text) != "blank"]
    if len(tokens) == width:
        return [[(_value(c.text), c.start, c.end) for c in tokens]], False
    if not tokens or len(tokens) > width or row.cut:
        return [], True
    dense = [r for r in _deduced(tokens, width, False, (a, b)) if valid(r)]
    if dense or not blanks:
        return dense, True
    return [r for r in _deduced(tokens, width, True, (a, b)) if valid(r)], True


def _deduced(tokens, width: int, blanks: bool, label: tuple[int, int]) -> list[Reading]:
    def pieces(c):  # the ways one cell may hold several run-together figures
        digits = c.text.strip()
        if not digits.isdigit():
            return {1: [[(_value(c.text), c.start, c.end)]]}
        out = {}
        for k in range(1, min(len(digits), width) + 1):
            cuts = []
            for cut in _splits(digits, k):
                pos, cells = c.start, []
                for p in cut:
                    cells.append((float(p), pos, pos + len(p)))
                    pos += len(p)
                cuts.append(cells)
            if cuts:
                out[k] = cuts
        return out

    options = [pieces(c) for c in tokens]
    seen, out = set(), []
    for counts in itertools.product(*[list(o) for o in options]):
        n = sum(counts)
        if n > width or (n < width and not blanks):
            continue
        for cut in itertools.product(*[o[k] for o, k in zip(options, counts)]):
            figures = [cell for part in cut for cell in part]
            for places in itertools.combinations(range(width), n):
                reading: Reading = [(0.0, *label)] * width
                for p, cell in zip(places, figures):
                    reading[p] = cell
                values = tuple(v for v, _, _ in reading)
                if values not in seen:
                    seen.add(values)
                    out.append(reading)
    return out


def _agree(rs: list[Reading]) -> bool:
    return len({tuple(v for v, _, _ in r) for r in rs}) == 1


def _values(names: list[str], reading: Reading) -> dict[str, float]:
    return {n: v for n, (v, _, _) in zip(names, reading) if v is not None}


def _holds(names: list[str]):
    """A reading of the cells `names` keeps every identity over them alone."""
    return lambda reading: consistent(_values(names, reading), changed=names)


def solve(rows: list[Row], cols: dict[str, list[str]], order: list[str]) -> tuple[dict[str, tuple[Reading, bool]], list[Row]]:
    """Each row's one reading (and whether it was deduced), and the rows left unread.
    A row of a table that has figures but holds none itself was left blank: 0s."""
    rows = list({r.key: r for r in reversed(rows)}.values())[::-1]  # first of each key
    if not any(kind(c.text) in ("figure", "dash") for r in rows for c in r.cells):
        return {}, []   # a table with no filled cell is not reported
    widths = {r.key: len(cols[r.key]) for r in rows}
    if any(not r.positional and sum(kind(c.text) != "blank" for c in r.cells) > widths[r.key] for r in rows[:-1]):
        # More figures than columns after a label: the text is not row by row (a
        # PDF text layer runs wide tables column by column); nothing is guessed,
        # only rows whose figures follow their label directly and fill it are kept.
        rows = [r for r in rows if r.positional or (not r.gap and len(r.cells) == widths[r.key])]
        if not rows:
            return {}, []
    # A row without cells is a blank row (0s) only where the table is laid out row
    # by row, that is where most rows hold their cells.
    row_wise = sum(bool(r.cells) for r in rows) > len(rows) / 2
    rows = [r for r in rows if r.cells or row_wise]
    if not rows:
        return {}, []
    present = {r.key for r in rows}
    last = max(order.index(k) for k in present)
    # Rows the format lacks (between rows that are there) add nothing to a column.
    context = {m: 0.0 for k in order[:last] if k not in present for m in cols[k]}
    pending: dict[str, tuple[Row, list[Reading], bool]] = {}
    for row in rows:
        names = cols[row.key]
        if not row.cells:
            rs, deduced = ([] if row.cut or row.stray else [[(0.0, *row.label)] * len(names)]), True
        else:
            rs, deduced = readings(row, len(names), True, _holds(names))
        pending[row.key] = (row, rs, deduced)
    done: dict[str, tuple[Reading, bool]] = {}
    changed = True
    while changed:
        changed = False
        for key, (row, rs, deduced) in list(pending.items()):
            names = cols[key]
            if len(rs) > 1:
                known = {**context, **{m: v for k, (r, _) in done.items() for m, v in _values(cols[k], r).items()}}
                keep = [r for r in rs if consistent({**known, **_values(names, r)}, changed=names)]
                rs = keep or rs
            if rs and _agree(rs):
                done[key] = (rs[0], deduced)
                del pending[key]
                changed = True
            else:
                pending[key] = (row, rs, deduced)
    return done, [row for row, _, _ in pending.values()]


def _facts(done: dict[str, tuple[Reading, bool]], cols: dict[str, list[str]]) -> tuple[list[Fact], list[str]]:
    units = metrics()
    facts, dashes = [], []
    for key, (reading, deduced) in done.items():
        for name, (value, a, b) in zip(cols[key], reading):
            if value is None:
                dashes.append(name)
            else:
                facts.append(Fact(name, value, units[name]["unit"], a, b, "table", 0.9 if deduced else 0.95))
    return facts, dashes


def _unread(table_zh: str, doc: Document, rows: list[Row]) -> list[Check]:
    return [Check("table_row_unreadable", None,
                  f"{table_zh}“{doc.text[r.label[0]:r.label[1]].strip()}”一行无法读出：其数字"
                  f"（{'、'.join(c.text for c in r.cells if c.text.strip()) or '无'}）"
                  "排不出唯一一种与表内合计相符的读法，未取数。") for r in rows]


def _dash_check(doc_zh: list[str]) -> list[Check]:
    if not doc_zh:
        return []
    return [Check("table_cell_dash", None, f"表格中以“/”或“-”填写、视为未报告的栏目：{'；'.join(doc_zh)}。")]


def _rows(doc: Document, view: str, start: int, end: int, specs, widths: dict[str, int],
          ordered: bool = True) -> list[Row]:
    """A kept grid inside the region first; the text for rows no grid holds (a row
    the PDF table finder missed at a page break, a table the reader could not keep)."""
    grids = [t for t in doc.tables if t.start < end and t.end > start]
    rows = [r for t in grids for r in grid_rows(t, view, specs)]
    have = {r.key for r in rows}
    text = text_rows(doc.text, view, find_labels(view, start, end, specs, ordered), end, widths)
    return rows + [r for r in text if r.key not in have and not any(t.start <= r.label[0] < t.end for t in grids)]


def _region(doc: Document, view: str, label: str, starts: list[re.Pattern]) -> tuple[int, int, int] | None:
    """(heading start, heading end, section end) of the section holding a table:
    the top-level heading with that label, else the heading text found by pattern
    (the occurrence followed by the most figures: prefaces list section names too)."""
    headings = [s for s in doc.sentences if s.heading]
    for i, h in enumerate(headings):
        if h.label == label and any(p.search(view, h.start, h.end) for p in starts):
            end = headings[i + 1].start if i + 1 < len(headings) else len(view)
            return h.start, h.end, end
    section_end = re.compile(tables()["end"])
    best, best_digits = None, -1
    for p in starts:
        for m in p.finditer(view):
            end_m = section_end.search(view, m.end())
            end = end_m.start() if end_m else len(view)
            digits = sum(c.isdigit() for c in view[m.end():end])
            if digits > best_digits:
                best, best_digits = (m.start(), m.end(), end), digits
    return best


def t2_format(view: str, start: int, end: int, year: int | None) -> str:
    """The format whose column headers the table shows, else the report year's."""
    region = re.sub(r"\s", "", view[start:end])
    score = {f: sum(m in region for m in spec["markers"]) for f, spec in tables()["t2"]["formats"].items()}
    if score["2019"] != score["2021"]:
        return max(score, key=score.get)
    return "2019" if year and year <= 2020 else "2021"


def _zh(metric: str) -> str:
    return metrics()[metric]["zh"]


def parse_table2(doc: Document, view: str) -> tuple[list[Fact], list[Check], list[str]]:
    found = next((m for p in tables()["t2"]["start"] if (m := re.search(p, view))), None)
    if found is None:
        return [], [], []
    start = found.start()
    t3 = [m.start() for p in tables()["t3"]["start"] if (m := re.compile(p).search(view, start))]
    end = min(t3) if t3 else min(len(view), start + 1500)
    fmt = t2_format(view, start, end, doc.year)
    specs, cols = _specs("t2", fmt)
    rows = _rows(doc, view, start, end, specs, {k: len(v) for k, v in cols.items()}, ordered=False)
    if not rows:
        return [], [], []
    done, unread = solve(rows, cols, [k for k, _ in specs])
    facts, dashes = _facts(done, cols)
    return facts, _unread("表二", doc, unread), dashes


def parse_table3(doc: Document, view: str) -> tuple[list[Fact], list[Check], list[str]]:
    region = _region(doc, view, "on_request", [re.compile(p) for p in tables()["t3"]["start"]])
    if region is None:
        return [], [], []
    _, start, end = region
    specs, cols = _specs("t3")
    rows = _rows(doc, view, start, end, specs, {k: len(v) for k, v in cols.items()})
    if len(rows) < 2:
        return [], [], []
    done, unread = solve(rows, cols, [k for k, _ in specs])
    facts, dashes = _facts(done, cols)
    return facts, _unread("表三", doc, unread), dashes


def _t4_names() -> list[str]:
    t4 = tables()["t4"]
    return [f"t4.{b}.{c}" for b in t4["blocks"] for c in t4["columns"]]


def _t4_cells(doc: Document, view: str, label_end: int, end: int) -> tuple[list, bool]:
    """Table 四's cells in reading order, and whether their positions are known.
    A grid gives its rows of figures; in text the cells follow the header words,
    once after the whole header (a flattened or PDF table) or on every line (a
    block per row, as some web tables have it)."""
    header = re.compile(tables()["t4"]["header_end"])
    # A grid per block where the block names stand between them as lines (a scan's
    # 行政复议 / 行政诉讼 headings): the figure rows of every grid, in order.
    cells = [c for t in doc.tables if t.start < end and t.end > label_end
             for row in t.rows if all(kind(c.text) != "text" for c in row) for c in row]
    if cells:
        return cells, True
    cells, pos, in_table = [], label_end, False
    for line in view[label_end:end].split("\n"):
        if RULE_LINE.fullmatch(line):
            pos += len(line) + 1
            continue
        headers = list(header.finditer(line))
        in_table = in_table or bool(headers)
        if in_table:
            cut = headers[-1].end() if headers else 0
            words = [(m.group(), pos + cut + m.start()) for m in re.finditer(r"[^\s|\t]+", line[cut:])]
            if not headers and len(re.findall(r"[\u4e00-\u9fff]", line)) > 20 and cells:
                break  # prose after the table
            cells += [Cell(doc.text[a:a + len(w)], a, a + len(w)) for w, a in words if kind(w) != "text"]
        pos += len(line) + 1
    return cells, False


def parse_table4(doc: Document, view: str) -> tuple[list[Fact], list[Check], list[str]]:
    region = _region(doc, view, "review_litigation", [re.compile(p) for p in tables()["t4"]["start"]])
    if region is None:
        return [], [], []
    label_start, label_end, end = region
    if not re.search(tables()["t4"]["header_end"], view[label_end:end]):
        return [], [], []
    cells, positional = _t4_cells(doc, view, label_end, end)
    names = _t4_names()
    row = Row("t4", (label_start, label_end), cells, positional)
    rs, deduced = readings(row, len(names), positional, _holds(names))
    lines = doc.text.count("\n", label_end, end)
    if not deduced and lines >= len(cells) > 1 and not positional:
        # One cell per line (PDF: the reading order of the cells is a guess):
        # trusted only where the block totals confirm it.
        rs = [r for r in rs if _holds(names)(r)]
    if len(rs) != 1 or not _agree(rs):
        if any(kind(c.text) == "figure" for c in cells):
            why = "没有一种读法与各栏合计相符" if not rs else f"有{len(rs)}种读法都与合计相符"
            return [], [Check("table_row_unreadable", None, f"表四（行政复议、行政诉讼）数字无法读出：{why}，未取数。")], []
        return [], [], []
    facts, dashes = _facts({"t4": (rs[0], deduced)}, {"t4": names})
    return facts, [], dashes


def extract_tables(doc: Document) -> None:
    """Tables 二/三/四 as facts; `/` and `-` cells as not reported, named in a check."""
    if doc.template == "old":
        return  # an unknown template may still carry the tables (a traditional-character copy)
    view = doc.simplified
    facts, checks, dashes = [], [], []
    for parse in (parse_table2, parse_table3, parse_table4):
        f, c, d = parse(doc, view)
        facts += f
        checks += c
        dashes += d
    doc.facts = [f for f in doc.facts if f.origin != "table"] + facts
    doc.not_reported = sorted(set(doc.not_reported) | set(dashes), key=list(metrics()).index)
    doc.checks.extend(checks + _dash_check([_zh(m) for m in dashes]))


# Old-template statistics appendix (附表/统计表): "指标名称 计量单位 本年 历年累计".
APPENDIX_ROWS = [(metric, re.compile(p)) for metric, p in [
    ("proactive_total", r"主动公开(?:政府)?信息(?:总)?数"),
    ("proactive_website", r"(?:政府)?网站公开(?:信息)?数?"),
    ("requests_received", r"受理(?:依申请公开信息|政府信息公开申请|申请)总?数"),
    ("requests_answered", r"对申请的答复(?:总)?数"),
    ("request_fees", r"收费(?:及)?减免金额|收取费用"),
    ("reviews", r"行政复议数"),
    ("lawsuits", r"行政诉讼数"),
]]
_APPENDIX = re.compile(r"(?:附表|统计表)[\s\S]{0,40}?指标名称")
# The next row's list number often runs on ("…条17953304" + "2.政府公报…"): lazy digits
# stop before it.
_APPENDIX_VALUE = re.compile(r"\s*(条|件|元|个|次)?\s*(\d+?(?:\s+\d+(?![.、\d]))?)(?=\d[.、]|[^\d]|$)")


def parse_appendix(doc: Document, norm: str, prose: dict[str, float]) -> list[Fact]:
    """Rows whose label matches a narrative metric. Two columns (this year,
    all years) often run together: "20263542" is read only where one split
    fits (this year <= all years), or where the prose states the year's value."""
    m = _APPENDIX.search(norm)
    if not m:
        return []
    facts = []
    pos = m.end()
    for metric, pattern in APPENDIX_ROWS:
        row = pattern.search(norm, pos)
        if not row:
            continue
        value = _APPENDIX_VALUE.match(norm, row.end())
        if not value:
            continue
        digits, start = value.group(2), value.start(2)
        unit = "元" if metric == "request_fees" else value.group(1) or "条"
        parts = digits.split()
        if len(parts) == 2:
            year = parts[0]
        else:
            fits = [s for s in _splits(digits, 2) if int(s[0]) <= int(s[1])]
            confirmed = [s for s in fits if metric in prose and int(s[0]) == prose[metric]]
            chosen = fits if len(fits) == 1 else confirmed
            if len(chosen) != 1:
                continue
            year = chosen[0][0]
        facts.append(Fact(metric, float(year), unit, start, start + len(year), "table", 0.85))
    return facts
