"""Tables 二/三/四 of the new template, from the text they arrive as.

Every shape is read from the document's text, between a row's label and the
next row's label: HTML/DOCX tables (rendered by the readers as tab-separated
rows), markdown rows (`| a | b |`, empty cells are 0), tab- or space-separated
cells, and web copies that run a row's cells together ("15130000154"). A run
together row is recovered only by deduction: the one split into numbers
without leading zeros that satisfies the row identity (total = sum), then the
column identities; when none or several fit, no fact, and a check names the row.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from model.document import Check, Document, Fact

T3_COLUMNS = ("natural_person", "business", "research", "nonprofit", "legal_service", "other_org", "total")
T4_BLOCKS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

# Table 三's rows in order: (metric row, label pattern on the folded text).
T3_ROWS = [(row, re.compile(p)) for row, p in [
    ("new", r"本年新收政府信息公开申请数量"),
    ("carried_over", r"上年结转政府信息公开申请数量"),
    ("disclosed", r"[(]一[)]\s*予以公开"),
    ("partial", r"[(]二[)]\s*部分公开(?:\s*[(][^()]*[)])?"),
    ("refused.state_secret", r"\d?\s*[.、]?\s*属于国家秘密"),
    ("refused.law_prohibited", r"\d?\s*[.、]?\s*其他法律行政法规禁止公开"),
    ("refused.security_stability", r"\d?\s*[.、]?\s*危及\s*[“\"]?三安全一稳定[”\"]?"),
    ("refused.third_party", r"\d?\s*[.、]?\s*保护第三方合法权益"),
    ("refused.internal_affairs", r"\d?\s*[.、]?\s*属于三类内部事务信息"),
    ("refused.process_info", r"\d?\s*[.、]?\s*属于四类过程性信息"),
    ("refused.enforcement_files", r"\d?\s*[.、]?\s*属于行政执法案卷"),
    ("refused.query_matters", r"\d?\s*[.、]?\s*属于行政查询事项"),
    ("unavailable.not_held", r"\d?\s*[.、]?\s*本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", r"\d?\s*[.、]?\s*没有现成信息需要另行制作"),
    ("unavailable.unclear", r"\d?\s*[.、]?\s*补正后申请内容仍不明确"),
    ("not_processed.petition", r"\d?\s*[.、]?\s*信访举报投诉类申请"),
    ("not_processed.repeated", r"\d?\s*[.、]?\s*重复申请"),
    ("not_processed.publications", r"\d?\s*[.、]?\s*要求提供公开出版物"),
    ("not_processed.mass_repeated", r"\d?\s*[.、]?\s*无正当理由大量反复申请"),
    ("not_processed.confirmation", r"\d?\s*[.、]?\s*要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", r"\d?\s*[.、]?\s*申请人无正当理由逾期不补正\s*[、,]?\s*行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", r"\d?\s*[.、]?\s*申请人逾期未按收费通知要求缴纳费用\s*[、,]?\s*行政机关不再处理其政府信息公开申请"),
    # 2021 format: "3.其他"; 2019 format: "（六）其他处理" is itself the row.
    ("other.other", r"(?:\d\s*[.、]\s*其他(?!处理)|[(]六[)]\s*其他处理(?=[\s\d|]))"),
    ("result_total", r"[(]七[)]\s*总计"),
    ("carried_forward", r"结转下年度继续办理"),
]]
RESULT_ROWS = [row for row, _ in T3_ROWS[2:-2]]
_T3_START = re.compile(r"收到和处理政府信息公开申请情况")
_T4_START = re.compile(r"政府信息公开行政(?:法)?复议\s*[、与和]\s*行政诉讼情况|因政府信息公开.{0,6}申请行政复议")
_SECTION_END = re.compile(r"[四五六]\s*[、.]\s*(?:政府信息公开|存在|因政府|其他|需要)")
_T4_HEADER_END = re.compile(r"总计|审结|结果")


@dataclass
class Token:
    digits: str
    start: int   # offset in the document text
    blank: bool = False


_NUMERIC_CELL = re.compile(r"(?:^|[|\t])\s*\d+(?:\.\d+)?\s*(?=[|\t]|$)")


def _tokens(norm: str, start: int, end: int, in_label: bool = True) -> list[Token]:
    """Cell values in a row's text, which starts inside the row's label cell.
    A markdown or tab-separated row (on the label's line or, after a heading
    line, on the next line holding figures) keeps its empty cells, 0 by convention."""
    pos = start
    for i, line in enumerate(norm[start:end].split("\n")):
        sep = "|" if "|" in line else "\t" if "\t" in line else None
        if sep and _NUMERIC_CELL.search(line):
            return _cells(line, sep, pos, in_label=in_label and i == 0)
        if not sep and re.search(r"\d", line):
            break
        pos += len(line) + 1
    return [Token(m.group(), start + m.start()) for m in re.finditer(r"\d+(?:\.\d+)?", norm[start:end])]


def _cells(line: str, sep: str, offset: int, in_label: bool) -> list[Token]:
    """The figures of one separated row; `in_label`: the line starts inside the
    row's label cell, whose remnant is not a cell of figures."""
    cells, starts, pos = [], [], offset
    for cell in line.split(sep):
        cells.append(cell)
        starts.append(pos)
        pos += len(cell) + 1
    if sep == "|" and not cells[-1].strip():
        cells, starts = cells[:-1], starts[:-1]
    labels = [i for i, c in enumerate(cells) if re.search(r"[\u4e00-\u9fff]", c)]
    edge = in_label or (sep == "|" and not cells[0].strip())
    first = labels[-1] + 1 if labels else int(edge)
    tokens = []
    for cell, at in zip(cells[first:], starts[first:]):
        value = cell.strip()
        if not value:
            tokens.append(Token("0", at, blank=True))
        elif re.fullmatch(r"\d+(?:\.\d+)?", value):
            tokens.append(Token(value, at + cell.index(value)))
    return tokens


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


def solve_row(tokens: list[Token], width: int, valid) -> list[list[tuple[int, int, int]]]:
    """Candidate rows: lists of (value, start, end); `valid(values)` is the identity."""
    if len(tokens) > width or not tokens or any("." in t.digits for t in tokens):
        return []
    extra = width - len(tokens)
    candidates = []
    for counts in itertools.product(*[range(1, min(len(t.digits), extra + 1) + 1) for t in tokens]):
        if sum(counts) != width:
            continue
        for cut in itertools.product(*[_splits(t.digits, c) for t, c in zip(tokens, counts)]):
            cells, values = [], []
            for token, pieces in zip(tokens, cut):
                pos = token.start
                for piece in pieces:
                    cells.append((int(piece), pos, pos + (0 if token.blank else len(piece))))
                    values.append(int(piece))
                    pos += len(piece)
            if extra == 0 or valid(values):
                candidates.append(cells)
    return candidates


def _row_sum(values: list[int]) -> bool:
    return values[-1] == sum(values[:-1])


def _blocks_sum(values: list[int]) -> bool:
    return all(_row_sum(values[i:i + 5]) for i in range(0, len(values), 5))


def _region(doc: Document, norm: str, label: str, start_re: re.Pattern) -> tuple[int, int, int] | None:
    """(heading start, heading end, section end) of the section holding a table:
    the top-level heading with that label, else the heading text found by pattern
    (the occurrence followed by the most figures: prefaces list section names too)."""
    headings = [s for s in doc.sentences if s.heading]
    for i, h in enumerate(headings):
        if h.label == label and start_re.search(norm, h.start, h.end):
            end = headings[i + 1].start if i + 1 < len(headings) else len(norm)
            return h.start, h.end, end
    best, best_digits = None, -1
    for m in start_re.finditer(norm):
        end_m = _SECTION_END.search(norm, m.end())
        end = end_m.start() if end_m else len(norm)
        digits = sum(c.isdigit() for c in norm[m.end():end])
        if digits > best_digits:
            best, best_digits = (m.start(), m.end(), end), digits
    return best


def parse_table3(doc: Document, norm: str) -> tuple[list[Fact], list[Check]]:
    region = _region(doc, norm, "on_request", _T3_START)
    if region is None:
        return [], []
    _, start, end = region
    found: list[tuple[str, int, int]] = []
    pos = start
    for row, pattern in T3_ROWS:
        m = pattern.search(norm, pos, end)
        if m:
            found.append((row, m.start(), m.end()))
            pos = m.end()
    if len(found) < 2:
        return [], []
    candidates: dict[str, list] = {}
    labels = {}
    for i, (row, a, b) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else min(end, b + 80)
        candidates[row] = solve_row(_tokens(norm, b, stop), 7, _row_sum)
        labels[row] = (a, b)
    _resolve_by_columns(candidates)
    facts, checks = [], []
    for row, cands in candidates.items():
        if len(cands) == 1:
            for col, (value, a, b) in zip(T3_COLUMNS, cands[0]):
                if a == b:
                    a, b = labels[row]  # a blank cell: the row label is the evidence
                facts.append(Fact(f"t3.{row}.{col}", value, "件", a, b, "table", 0.95))
        else:
            label = doc.text[labels[row][0]:labels[row][1]].strip()
            why = "no split of its cells satisfies the row total" if not cands else f"{len(cands)} splits fit"
            checks.append(Check("table_row_unreadable", None, f"表三“{label}”一行无法读出：{why}，未取数。"))
    return facts, checks


def _resolve_by_columns(candidates: dict[str, list]) -> None:
    """Narrow ambiguous rows with the column identities, where the other rows are known."""
    def known(row):
        c = candidates.get(row)
        return [v for v, _, _ in c[0]] if c and len(c) == 1 else None

    changed = True
    while changed:
        changed = False
        for row, cands in candidates.items():
            if len(cands) < 2:
                continue
            keep = [c for c in cands if _fits_columns(row, [v for v, _, _ in c], known)]
            if keep and len(keep) < len(cands):
                candidates[row] = keep
                changed = True


def _fits_columns(row: str, values: list[int], known) -> bool:
    def get(r):
        return values if r == row else known(r)
    results = [get(r) for r in RESULT_ROWS if r in _present(known, row)]
    total = get("result_total")
    if total is not None and all(v is not None for v in results) and results:
        if any(sum(r[c] for r in results) != total[c] for c in range(7)):
            return False
    rows4 = [get(r) for r in ("new", "carried_over", "result_total", "carried_forward")]
    if all(v is not None for v in rows4):
        if any(rows4[0][c] + rows4[1][c] != rows4[2][c] + rows4[3][c] for c in range(7)):
            return False
    return True


def _present(known, row):
    return {r for r in RESULT_ROWS if r == row or known(r) is not None}


def parse_table4(doc: Document, norm: str) -> tuple[list[Fact], list[Check]]:
    region = _region(doc, norm, "review_litigation", _T4_START)
    if region is None:
        return [], []
    label_start, label_end, end = region
    if not _T4_HEADER_END.search(norm, label_end, end):
        return [], []
    # Cells follow the header words: once, after the whole header (a flattened or
    # PDF table), or on every line (a block per row, as some web tables have it).
    tokens, pos, in_table = [], label_end, False
    for line in norm[label_end:end].split("\n"):
        headers = list(_T4_HEADER_END.finditer(line))
        in_table = in_table or bool(headers)
        if in_table:
            cut = headers[-1].end() if headers else 0
            tokens += _tokens(norm, pos + cut, pos + len(line), in_label=bool(headers))
        pos += len(line) + 1
    start = label_end
    cands = solve_row(tokens, 15, _blocks_sum)
    if norm.count("\n", start, end) >= len(tokens) > 1:
        # One cell per line (PDF): the reading order of the cells is a guess, so
        # it is trusted only where the block totals confirm it.
        cands = [c for c in cands if _blocks_sum([v for v, _, _ in c])]
    if len(cands) != 1:
        if re.search(r"\d", norm[start:end]):
            why = "no split satisfies the block totals" if not cands else f"{len(cands)} splits fit"
            return [], [Check("table_row_unreadable", None, f"表四（行政复议、行政诉讼）数字无法读出：{why}，未取数。")]
        return [], []
    facts = []
    for i, (value, a, b) in enumerate(cands[0]):
        block, col = T4_BLOCKS[i // 5], T4_COLUMNS[i % 5]
        if a == b:
            a, b = label_start, label_end
        facts.append(Fact(f"t4.{block}.{col}", value, "件", a, b, "table", 0.95))
    return facts, []


_T2_ROWS_2021 = [("regulations", r"规章", ("made", "repealed", "in_force")),
                 ("normative_docs", r"(?:行政)?规范性文件", ("made", "repealed", "in_force"))]
_T2_SINGLE = [("licensing", r"行政许可"), ("punishment", r"行政处罚"), ("coercion", r"行政强制")]


def parse_table2(doc: Document, norm: str) -> list[Fact]:
    start = norm.find("第二十条")
    if start < 0:
        return []
    end_m = _T3_START.search(norm, start)
    end = end_m.start() if end_m else min(len(norm), start + 1500)
    facts = []
    is_2021 = "本年制发件数" in norm[start:end] or "现行有效件数" in norm[start:end]
    labels = [(f"{row}", re.compile(p), cols) for row, p, cols in _T2_ROWS_2021] if is_2021 else []
    labels += [(row, re.compile(p), None) for row, p in _T2_SINGLE]
    found = []
    for row, pattern, cols in labels:
        m = pattern.search(norm, start, end)
        if m:
            found.append((m.start(), m.end(), row, cols))
    found.sort()
    for i, (a, b, row, cols) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else min(end, b + 40)
        tokens = _tokens(norm, b, _next_word(norm, b, stop))
        if cols is not None:
            if len(tokens) == 3:
                facts += [Fact(f"t2.{row}.{c}", float(t.digits), "件", t.start, t.start + len(t.digits), "table", 0.9)
                          for c, t in zip(cols, tokens)]
            continue
        t = _decisions_cell(tokens, is_2021)
        if t is not None:
            facts.append(Fact(f"t2.{row}.decisions", float(t.digits), "件", t.start,
                              t.start + len(t.digits), "table", 0.9))
    fee = re.search(r"行政事业性收费[^\d]{0,20}?(\d+(?:\.\d+)?)", norm[start:end]) if is_2021 else None
    if fee:
        a = start + fee.start(1)
        facts.append(Fact("t2.admin_fees.amount", float(fee.group(1)), "万元", a, a + len(fee.group(1)), "table", 0.9))
    return facts


def _decisions_cell(tokens: list[Token], is_2021: bool) -> Token | None:
    """2021: one column (处理决定数量); 2019: 上一年项目数量, 本年增/减, 处理决定数量."""
    if is_2021:
        return tokens[0] if len(tokens) == 1 else None
    if len(tokens) == 3:
        return tokens[2]
    if len(tokens) == 1:
        pieces = _splits(tokens[0].digits, 3)
        if len(pieces) == 1:  # "00126": 0, 0, 126 is the only split without leading zeros
            last = pieces[0][2]
            return Token(last, tokens[0].start + len(tokens[0].digits) - len(last))
    return None


def _next_word(norm: str, start: int, stop: int) -> int:
    """A row's cells end where the next Chinese label begins."""
    m = re.search(r"[\u4e00-\u9fff]", norm[start:stop])
    return start + m.start() if m else stop


def extract_tables(doc: Document) -> None:
    if doc.template != "new":
        return
    norm = doc.folded
    t3, checks3 = parse_table3(doc, norm)
    t4, checks4 = parse_table4(doc, norm)
    doc.facts = [f for f in doc.facts if f.origin != "table"] + parse_table2(doc, norm) + t3 + t4
    doc.checks.extend(checks3 + checks4)


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
