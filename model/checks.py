"""Checks of a report against itself: required sections, the arithmetic
identities of taxonomy.json (expanded by model.identities), and prose figures
against the tables. Each check quotes the numbers, so a reader can see what
disagrees."""
from __future__ import annotations

from model.document import Check, Document, Fact, number_text
from model.identities import equations, parts_over_whole
from model.taxonomy import (
    identities,
    label_zh,
    metric_names,
    metrics,
    required_sections,
    tables,
    text_vs_table,
)


def check_sections(doc: Document) -> list[Check]:
    if doc.template == "unknown":
        return []
    missing = [label_zh()[m] for m in doc.missing_sections]
    required = len(required_sections(doc.template))
    if missing:
        return [Check("required_sections", False,
                      f"{'新' if doc.template == 'new' else '旧'}格式要求的{required}个部分缺少：{'、'.join(missing)}。")]
    return [Check("required_sections", True, f"{required}个必备部分齐全。")]


def _names_zh() -> dict[str, dict[str, str]]:
    """Chinese names of the identities' placeholders: {R} rows, {C} columns, {B} blocks."""
    t = tables()
    return {"R": {r["row"]: r["zh"] for r in t["t3"]["rows"]},
            "C": dict(zip(t["t3"]["columns"], t["t3"]["columns_zh"])),
            "B": dict(zip(t["t4"]["blocks"], t["t4"]["blocks_zh"]))}


def check_identities(values: dict[str, float]) -> list[Check]:
    """Every identity whose terms the report gives; a failed one quotes both sides.
    Tables 三 and 四 that pass every identity get one line each saying so."""
    zh = {i["id"]: i["zh"] for i in identities()}
    names = _names_zh()
    checks, table_ok = [], {}
    # A part above its whole fails the identity whatever the parts the report leaves out.
    over = parts_over_whole(values)
    for eq in equations():
        sides = eq.sides(values)
        if sides is None:
            checks += [Check(eq.rule, False, _over_whole(part, eq, values)) for e, part in over if e == eq]
            continue
        lhs, rhs = sides
        ok = abs(lhs - rhs) < 1e-6
        table = eq.rule.split("_")[0]
        if table in ("t3", "t4"):
            table_ok[table] = table_ok.get(table, True) and ok
            if ok:
                continue
        terms = {f"{side}{i}": number_text(values[m]) if m in values else "—"
                 for side, ms in (("p", eq.parts), ("t", eq.total)) for i, m in enumerate(ms)}
        message = zh[eq.rule].format(lhs=number_text(lhs), rhs=number_text(rhs), **terms,
                                     **{k: names[k][v] for k, v in eq.binding})
        if table not in ("t3", "t4"):  # a sum the prose gives: say which way it went
            message = message.rstrip("。") + ("，一致。" if ok else "，不一致。")
        checks.append(Check(eq.rule, ok, message))
    if table_ok.get("t3"):
        checks.append(Check("t3_identities", True, "表三各行、各列合计与“一+二=三+四”勾稽关系一致。"))
    if table_ok.get("t4"):
        checks.append(Check("t4_identities", True, "表四各栏合计一致。"))
    return checks


def _over_whole(part: str, eq, values: dict[str, float]) -> str:
    """A part above its whole, in words ("政府网站主动公开数3636大于主动公开总数1913，不一致。")."""
    name = metric_names()
    whole = "、".join(name[t] for t in eq.total)
    return (f"{name[part]}{number_text(values[part])}大于{whole}"
            f"{number_text(sum(values[t] for t in eq.total))}，不一致。")


def check_text_vs_table(values: dict[str, float]) -> list[Check]:
    """Prose that restates a table cell (or a sum of cells) must agree with it;
    some reports count last year's carried-over applications in 受理申请 too."""
    checks = []
    for pair in text_vs_table():
        prose, cells = pair["text"], pair["table"]
        if prose not in values or not all(c in values for c in cells):
            continue
        table = sum(values[c] for c in cells)
        alt = pair.get("or_table")
        alt_value = sum(values[c] for c in alt) if alt and all(c in values for c in alt) else None
        ok = values[prose] in (table, alt_value)
        note = f"（含上年结转为{number_text(alt_value)}件）" if alt_value not in (None, table) else ""
        checks.append(Check("text_vs_table", ok,
                            f"正文{pair['zh']}{number_text(values[prose])}件，表格为{number_text(table)}件{note}"
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
