"""Checks of a report against itself: required sections, the arithmetic
identities of taxonomy.json, and prose figures against the tables.
Each check quotes the numbers, so a reader can see what disagrees."""
from __future__ import annotations

from model.document import Check, Document, Fact, number_text
from model.tables import RESULT_ROWS, T3_COLUMNS, T4_BLOCKS
from model.taxonomy import label_zh, metrics, required_sections

ROWS_ZH = {"new": "本年新收", "carried_over": "上年结转", "result_total": "办理结果总计",
           "carried_forward": "结转下年度"}


def check_sections(doc: Document) -> list[Check]:
    if doc.template == "unknown":
        return []
    missing = [label_zh()[m] for m in doc.missing_sections]
    required = len(required_sections(doc.template))
    if missing:
        return [Check("required_sections", False,
                      f"{'新' if doc.template == 'new' else '旧'}格式要求的{required}个部分缺少：{'、'.join(missing)}。")]
    return [Check("required_sections", True, f"{required}个必备部分齐全。")]


def check_identities(values: dict[str, float]) -> list[Check]:
    checks = []

    def have(*names):
        return all(n in values for n in names)

    for row in ["new", "carried_over", *RESULT_ROWS, "result_total", "carried_forward"]:
        cols = [f"t3.{row}.{c}" for c in T3_COLUMNS]
        if have(*cols):
            parts = sum(values[c] for c in cols[:-1])
            total = values[cols[-1]]
            if parts != total:
                checks.append(Check("t3_row_total", False,
                                    f"表三“{ROWS_ZH.get(row, row)}”一行：各类申请人合计{number_text(parts)}，总计栏为{number_text(total)}。"))
    result_cols_ok = True
    for col in T3_COLUMNS:
        rows = [f"t3.{r}.{col}" for r in RESULT_ROWS]
        present = [r for r in rows if r in values]
        total = f"t3.result_total.{col}"
        if len(present) >= len(RESULT_ROWS) - 3 and total in values:
            parts = sum(values[r] for r in present)
            if parts != values[total]:
                result_cols_ok = False
                checks.append(Check("t3_result_total", False,
                                    f"表三“{col}”列：各项办理结果之和{number_text(parts)}，（七）总计为{number_text(values[total])}。"))
        names = [f"t3.{r}.{col}" for r in ("new", "carried_over", "result_total", "carried_forward")]
        if have(*names):
            a, b, c, d = (values[n] for n in names)
            if a + b != c + d:
                checks.append(Check("t3_balance", False,
                                    f"表三“{col}”列：本年新收{number_text(a)}+上年结转{number_text(b)}={number_text(a + b)}，"
                                    f"而办理结果{number_text(c)}+结转下年度{number_text(d)}={number_text(c + d)}。"))
    if any(k.startswith("t3.") for k in values) and not any(c.rule.startswith("t3") for c in checks) and result_cols_ok:
        checks.append(Check("t3_identities", True, "表三各行、各列合计与“一+二=三+四”勾稽关系一致。"))

    t4_ok = None
    for block in T4_BLOCKS:
        cols = [f"t4.{block}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")]
        if have(*cols):
            parts = sum(values[c] for c in cols[:-1])
            t4_ok = t4_ok is not False and parts == values[cols[-1]]
            if parts != values[cols[-1]]:
                checks.append(Check("t4_block_total", False,
                                    f"表四“{block}”：维持、纠正、其他、未审结之和{number_text(parts)}，总计为{number_text(values[cols[-1]])}。"))
    if t4_ok:
        checks.append(Check("t4_identities", True, "表四各栏合计一致。"))

    for total, parts, what in (("proactive_total", ("proactive_website", "proactive_other"), "主动公开"),
                               ("staff", ("staff_fulltime", "staff_parttime"), "工作人员")):
        if have(total, *parts):
            s = sum(values[p] for p in parts)
            ok = s == values[total]
            checks.append(Check(f"{total}_sum", ok,
                                f"{what}总数{number_text(values[total])}，分项之和{number_text(s)}" + ("，一致。" if ok else "，不一致。")))
    return checks


def check_text_vs_table(values: dict[str, float]) -> list[Check]:
    """Prose that restates table 三/四 must agree with it."""
    checks = []
    pairs = [("requests_received", "t3.new.total", "本年新收申请"), ("reviews", "t4.review.total", "行政复议")]
    for prose, table, what in pairs:
        if prose in values and table in values:
            # "受理申请749件" often counts last year's carried-over ones too.
            with_carried = values[table] + values.get("t3.carried_over.total", 0) if table == "t3.new.total" else None
            ok = values[prose] in (values[table], with_carried)
            note = f"（含上年结转为{number_text(with_carried)}件）" if with_carried not in (None, values[table]) else ""
            checks.append(Check("text_vs_table", ok,
                                f"正文{what}{number_text(values[prose])}件，表格为{number_text(values[table])}件{note}"
                                + ("，一致。" if ok else "，不一致。")))
    return checks


def fact_values(facts: list[Fact]) -> dict[str, float]:
    known = metrics()
    out: dict[str, float] = {}
    for f in facts:
        if f.metric in known:
            out.setdefault(f.metric, f.value)
    return out


def run_checks(doc: Document) -> None:
    values = fact_values(doc.facts)
    doc.checks.extend(check_sections(doc) + check_identities(values) + check_text_vs_table(values))
