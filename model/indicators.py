"""Indicators: rates and sums computed the same way for every report, from
the definitions under "indicators" in taxonomy.json.

An indicator is undefined — value null with a reason — when one of its inputs
was not reported or not read, or its denominator is 0; never 0 in their place,
so a report that leaves 表三 empty does not score a 0% disclosure rate.
"""
from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache

from model.document import number_text, plain_number
from model.taxonomy import indicators, metrics

RATE = "%"


@lru_cache(maxsize=None)
def expand(term: str) -> tuple[int, tuple[str, ...]]:
    """A term -> (sign, the metric ids it names)."""
    sign, pattern = (-1, term[1:]) if term.startswith("-") else (1, term)
    if any(ch in pattern for ch in "*?["):
        return sign, tuple(m for m in metrics() if fnmatchcase(m, pattern))
    return sign, (pattern,)


def inputs(definition: dict) -> list[str]:
    """Every metric an indicator reads, numerator first."""
    terms = definition["numerator"] + definition.get("denominator", [])
    return [m for term in terms for m in expand(term)[1]]


def _values(doc) -> tuple[dict[str, float], set[str], str]:
    """Metric values (first fact per metric), the not-reported ids and the
    template, from a Document or its JSON record."""
    if isinstance(doc, dict):
        facts = [(f["metric"], f["value"]) for f in doc.get("facts") or []]
        return _first(facts), set(doc.get("not_reported") or []), doc.get("template") or "unknown"
    return _first((f.metric, f.value) for f in doc.facts), set(doc.not_reported), doc.template


def _first(pairs) -> dict[str, float]:
    out: dict[str, float] = {}
    for metric, value in pairs:
        out.setdefault(metric, value)
    return out


def _zh(metric: str) -> str:
    """A metric's Chinese name; a prose metric's without its bracketed gloss (a table row keeps its （一）)."""
    spec = metrics().get(metric)
    if spec is None:
        return metric
    return spec["zh"] if spec["where"] == "table" else spec["zh"].split("（")[0]


def _sum(terms: list[str], values: dict[str, float], not_reported: set[str]) -> tuple[float | None, str | None]:
    total = 0.0
    for term in terms:
        sign, names = expand(term)
        for name in names:
            if name not in values:
                why = "未填报" if name in not_reported else "未读出"
                return None, f"{why}：{_zh(name)}"
            total += sign * values[name]
    return total, None


def _number(v: float | None) -> int | float | None:
    return None if v is None else plain_number(round(v, 6))


def compute(doc) -> dict:
    """id -> {value, numerator, denominator, reason}; rates are fractions (0.857),
    sums are in the definition's unit. A Document or a JSON record."""
    values, not_reported, template = _values(doc)
    out = {}
    for d in indicators():
        entry = {"value": None, "numerator": None, "denominator": None, "reason": None}
        out[d["id"]] = entry
        if template not in d["templates"]:
            entry["reason"] = "不适用于" + {"old": "旧格式", "new": "新格式"}.get(template, "未识别格式") + "报告"
            continue
        num, why = _sum(d["numerator"], values, not_reported)
        den, why_den = _sum(d["denominator"], values, not_reported) if "denominator" in d else (None, None)
        entry["numerator"], entry["denominator"] = _number(num), _number(den)
        if why or why_den:
            entry["reason"] = why or why_den
        elif "denominator" not in d:
            entry["value"] = _number(num)
        elif den == 0:
            entry["reason"] = "分母为0"
        else:
            entry["value"] = round(num / den, 6)
    return out


def add_indicators(doc) -> None:
    """The pipeline step."""
    doc.indicators = compute(doc)


def display(definition: dict, value: float) -> str:
    """How a person reads the value: rates in per cent, one decimal at most."""
    if definition["unit"] == RATE:
        return f"{round(value * 100, 1):g}%"
    return f"{number_text(value)}{definition['unit']}"
