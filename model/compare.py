"""One agency's reports across years: the identities that link a report to
last year's, the year-on-year change of the headline figures and indicators,
and how much of this year's text repeats last year's.

    compare(records, mapping) -> {"agencies": [...], "unplaced": [...]}

Records are analysed documents (Document.to_json()). Reports are grouped by
agency name as the report gives it, normalised (a trailing bracketed alias
dropped: 平潭综合实验区经济发展局（统计局） = 平潭综合实验区经济发展局); a
user's mapping names the rest (see `place`).
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from model.document import number_text
from model.indicators import RATE, display
from model.normalise import fold
from model.taxonomy import headline_metrics, indicators, metric_names, metrics, tables

# Two sentences are "nearly identical" at this similarity (difflib ratio) once
# digits are masked: a copied sentence with this year's figures is still a copy.
SIMILAR = 0.9
MIN_CHARS = 15                  # shorter sentences (table cells, item headings) are left out
SKIPPED_LABELS = ("preamble",)  # the mandated opening formula repeats by design
IN_FORCE = ("regulations", "normative_docs")

_BRACKETED_TAIL = re.compile(r"[(（][^()（）]{1,12}[)）]$")
_MASK = re.compile(r"\d+(?:\.\d+)?")
_NOT_TEXT = re.compile(r"[\s\W_]+")


def normalise_agency(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s+", "", name)
    return _BRACKETED_TAIL.sub("", name) or name


def load_mapping(path: str | Path) -> dict:
    """A JSON object {name, id, source or file name: agency | {"agency", "year"}},
    or JSON lines with "file" (or "id"/"source"), "agency" and "year" — the
    corpus index's form."""
    text = Path(path).read_text(encoding="utf-8-sig").strip()
    if text.startswith("{") and "\n{" not in text:
        return json.loads(text)
    mapping = {}
    for line in text.splitlines():
        if line.strip():
            row = json.loads(line)
            key = row.get("file") or row.get("id") or row["source"]
            mapping[key] = {k: row[k] for k in ("agency", "year") if row.get(k) is not None}
    return mapping


def place(record: dict, mapping: dict | None) -> tuple[str | None, int | None]:
    """(agency, year) of a record: the mapping's entry for its id, source or
    file name overrides what the report says; a name the mapping lists is
    renamed; otherwise the normalised name the report gives."""
    mapping = mapping or {}
    agency, year = record.get("agency"), record.get("year")
    source = record.get("source") or ""
    for key in (record.get("id"), source, Path(source).name):
        entry = mapping.get(key) if key else None
        if entry is not None:
            if isinstance(entry, str):
                entry = {"agency": entry}
            agency, year = entry.get("agency", agency), entry.get("year", year)
            break
    renamed = mapping.get(agency) if agency else None
    if isinstance(renamed, str):
        agency = renamed
    return normalise_agency(agency), year


def compact(record: dict, mapping: dict | None = None) -> dict:
    """What comparing needs of a record: its place, first value per metric,
    indicators, and the sentences that count for repetition."""
    if "values" in record:
        return record
    agency, year = place(record, mapping)
    values: dict[str, float] = {}
    for f in record.get("facts") or []:
        values.setdefault(f["metric"], f["value"])
    text = record.get("text") or ""
    # A table's text is the form's, the same every year: a sentence holding a table figure is left out.
    in_table = sorted(f["start"] for f in record.get("facts") or [] if f["origin"] == "table")
    sentences = [" ".join(text[s["start"]:s["end"]].split()) for s in record.get("sentences") or []
                 if not s.get("heading") and s.get("label") not in SKIPPED_LABELS
                 and bisect_left(in_table, s["start"]) == bisect_left(in_table, s["end"])]
    return {"id": record.get("id"), "source": record.get("source"), "agency": agency,
            "reported_agency": record.get("agency"), "year": year, "template": record.get("template"),
            "error": record.get("error"), "values": values, "indicators": record.get("indicators") or {},
            "sentences": [s for s in sentences if len(_key(s)) >= MIN_CHARS]}


def _key(sentence: str) -> str:
    return _NOT_TEXT.sub("", _MASK.sub("#", fold(sentence)))


def _t3_columns() -> dict[str, str]:
    """Table 三's applicant columns, id -> Chinese name."""
    t3 = tables()["t3"]
    return dict(zip(t3["columns"], t3["columns_zh"]))


def carry_over(last: dict, this: dict) -> dict:
    """This year's 上年结转 = last year's 结转下年度, column by column."""
    years = [last["year"], this["year"]]
    pairs = {c: (last["values"].get(f"t3.carried_forward.{c}"), this["values"].get(f"t3.carried_over.{c}"))
             for c in _t3_columns()}
    pairs = {c: p for c, p in pairs.items() if None not in p}
    if not pairs:
        return {"rule": "carry_over", "ok": None, "years": years, "values": {},
                "message": f"{years[0]}年“结转下年度”或{years[1]}年“上年结转”未读出（旧格式或表三缺失），无法核对。"}
    wrong = {c: p for c, p in pairs.items() if p[0] != p[1]}
    if wrong:
        listed = "、".join(f"{_t3_columns()[c]}{number_text(a)}件→{number_text(b)}件" for c, (a, b) in wrong.items())
        message = f"{years[1]}年“上年结转”与{years[0]}年“结转下年度”不符：{listed}。"
    else:
        total = pairs.get("total")
        head = f"总计{number_text(total[0])}件，" if total else ""
        message = f"{years[1]}年“上年结转”与{years[0]}年“结转下年度”一致（{head}{len(pairs)}栏逐栏相同）。"
    return {"rule": "carry_over", "ok": not wrong, "years": years,
            "values": {c: list(p) for c, p in pairs.items()}, "message": message}


def in_force(last: dict, this: dict, kind: str) -> dict:
    """现行有效 = last year's 现行有效 + 本年制发 − 本年废止."""
    years = [last["year"], this["year"]]
    zh = {"regulations": "规章", "normative_docs": "行政规范性文件"}[kind]
    before = last["values"].get(f"t2.{kind}.in_force")
    made, repealed, now = (this["values"].get(f"t2.{kind}.{k}") for k in ("made", "repealed", "in_force"))
    rule = f"in_force.{kind}"
    if None in (before, made, repealed, now):
        return {"rule": rule, "ok": None, "years": years, "values": {},
                "message": f"{zh}：表二数字不全（{years[0]}年现行有效或{years[1]}年制发、废止、现行有效未读出），无法核对。"}
    expected = before + made - repealed
    ok = expected == now
    return {"rule": rule, "ok": ok, "years": years,
            "values": {"last_in_force": before, "made": made, "repealed": repealed, "in_force": now},
            "message": f"{zh}：{years[0]}年现行有效{number_text(before)}件+{years[1]}年制发{number_text(made)}件−废止{number_text(repealed)}件"
                       f"={number_text(expected)}件，{years[1]}年报告现行有效{number_text(now)}件" + ("，一致。" if ok else "，不一致。")}


def changes(last: dict, this: dict) -> list[dict]:
    """Year-on-year change of the headline figures and indicators both years give."""
    out = []
    for m in headline_metrics():
        a, b = last["values"].get(m), this["values"].get(m)
        if a is not None and b is not None:
            out.append({"metric": m, "zh": metric_names()[m], "unit": metrics()[m]["unit"],
                        "years": [last["year"], this["year"]], "from": a, "to": b, "change": b - a,
                        "relative": round((b - a) / a, 4) if a else None})
    for d in indicators():
        if not d.get("headline"):
            continue
        a = (last["indicators"].get(d["id"]) or {}).get("value")
        b = (this["indicators"].get(d["id"]) or {}).get("value")
        if a is not None and b is not None:
            out.append({"indicator": d["id"], "zh": d["zh"], "unit": d["unit"], "years": [last["year"], this["year"]],
                        "from": a, "to": b, "change": round(b - a, 6),
                        "relative": round((b - a) / a, 4) if a and d["unit"] != RATE else None,
                        "text": f"{display(d, a)}→{display(d, b)}"})
    return out


def repetition(last: dict, this: dict) -> dict:
    """The share of this year's sentences nearly identical to one of last year's."""
    previous = {}
    for s in last["sentences"]:
        previous.setdefault(_key(s), s)
    matcher = SequenceMatcher(autojunk=False)
    pairs = []
    for s in this["sentences"]:
        key = _key(s)
        best, score = previous.get(key), 1.0
        if best is None:
            score = 0.0
            matcher.set_seq2(key)
            for k, original in previous.items():
                matcher.set_seq1(k)
                if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                    r = matcher.ratio()
                    if r > score:
                        best, score = original, r
        if best is not None and score >= SIMILAR:
            pairs.append({"this": s, "last": best, "similarity": round(score, 3)})
    n = len(this["sentences"])
    return {"years": [last["year"], this["year"]], "sentences": n, "repeated": len(pairs),
            "share": round(len(pairs) / n, 4) if n else None, "pairs": pairs}


def compare(records: list[dict], mapping: dict | None = None) -> dict:
    """The JSON form: every agency with two or more placed reports, its reports
    by year, its cross-year checks, changes and repetition; reports that could
    not be placed (no agency or year, or an error) under "unplaced"."""
    groups: dict[str, list[dict]] = defaultdict(list)
    unplaced = []
    for record in records:
        r = compact(record, mapping)
        if r["error"] or not r["agency"] or not r["year"]:
            why = r["error"] or ("报告中未识别出机关名称" if not r["agency"] else "报告中未识别出年份")
            unplaced.append({"id": r["id"], "source": r["source"], "reason": why})
        else:
            groups[r["agency"]].append(r)
    agencies = []
    for name in sorted(groups):
        reports = sorted(groups[name], key=lambda r: (r["year"], r["source"] or ""))
        entry = {"agency": name, "names": sorted({r["reported_agency"] or name for r in reports}),
                 "reports": [{"id": r["id"], "source": r["source"], "year": r["year"], "template": r["template"]}
                             for r in reports],
                 "checks": [], "changes": [], "repetition": []}
        for last, this in zip(reports, reports[1:]):
            years = [last["year"], this["year"]]
            if this["year"] == last["year"]:
                entry["checks"].append({"rule": "same_year", "ok": None, "years": years, "values": {},
                                        "message": f"{this['year']}年有两份报告：{last['source']}、{this['source']}；"
                                                   "只与其中第一份对比。"})
                continue
            entry["changes"] += changes(last, this)
            entry["repetition"].append(repetition(last, this))
            if this["year"] != last["year"] + 1:
                entry["checks"].append({"rule": "gap", "ok": None, "years": years, "values": {},
                                        "message": f"{last['year']}年与{this['year']}年之间缺少报告，不核对结转与现行有效件数。"})
                continue
            entry["checks"].append(carry_over(last, this))
            entry["checks"] += [in_force(last, this, kind) for kind in IN_FORCE]
        agencies.append(entry)
    return {"agencies": agencies, "unplaced": unplaced}


def write_json(result: dict, path: str) -> None:
    Path(path).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_xlsx(result: dict, path: str) -> None:
    """Sheets 报告 (agency, year, file), 跨年核对 (failed first), 同比变化, 重复文字."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                      "strings_to_urls": False})
    bold = book.add_format({"bold": True})
    rate = book.add_format({"num_format": "0.0%"})
    ok_zh = {True: "通过", False: "未通过", None: "无法判断"}
    rows = {"报告": [], "跨年核对": [], "同比变化": [], "重复文字": []}
    for a in result["agencies"]:
        rows["报告"] += [[a["agency"], r["year"], r["source"], r["id"]] for r in a["reports"]]
        rows["跨年核对"] += [[a["agency"], f"{c['years'][0]}→{c['years'][1]}", ok_zh[c["ok"]], c["rule"], c["message"]]
                         for c in sorted(a["checks"], key=lambda c: c["ok"] is not False)]
        rows["同比变化"] += [[a["agency"], f"{c['years'][0]}→{c['years'][1]}", c["zh"], c["unit"], c["from"], c["to"],
                          c["change"]] for c in a["changes"]]
        for rep in a["repetition"]:
            rows["重复文字"].append([a["agency"], f"{rep['years'][0]}→{rep['years'][1]}", rep["share"],
                                 rep["repeated"], rep["sentences"], "", "", None])
            rows["重复文字"] += [[a["agency"], f"{rep['years'][0]}→{rep['years'][1]}", None, None, None,
                              p["this"], p["last"], p["similarity"]] for p in rep["pairs"]]
    headers = {"报告": [("机关", 30), ("年份", 8), ("文件", 40), ("编号", 14)],
               "跨年核对": [("机关", 30), ("年份", 12), ("结果", 10), ("规则", 22), ("说明", 100)],
               "同比变化": [("机关", 30), ("年份", 12), ("指标", 44), ("单位", 6), ("上年", 10), ("本年", 10), ("变化", 10)],
               "重复文字": [("机关", 30), ("年份", 12), ("重复句占比", 10), ("重复句数", 8), ("本年句数", 8),
                        ("本年句子", 70), ("上年句子", 70), ("相似度", 8)]}
    for name, head in headers.items():
        sheet = book.add_worksheet(name)
        for col, (zh, width) in enumerate(head):
            sheet.set_column(col, col, width)
        sheet.write_row(0, 0, [zh for zh, _ in head], bold)
        sheet.freeze_panes(1, 0)
        for n, values in enumerate(rows[name], 1):
            for col, v in enumerate(values):
                if v is None or v == "":
                    continue
                fmt = rate if (name == "重复文字" and col == 2) or (name == "同比变化" and values[3] == RATE and col >= 4) \
                    else None
                sheet.write(n, col, v, fmt) if fmt else sheet.write(n, col, v)
    book.close()
