"""The fixed vocabulary (section labels, metrics, identities), loaded in one place.

The file is a copy of the shared spec's taxonomy.json; its names are a public
interface, so code refers to them through this module rather than literals.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def taxonomy() -> dict:
    with resources.files("model.resources").joinpath("taxonomy.json").open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def labels() -> list[str]:
    return [s["label"] for s in taxonomy()["sections"]]


@lru_cache(maxsize=1)
def label_zh() -> dict[str, str]:
    return {s["label"]: s["zh"] for s in taxonomy()["sections"]}


@lru_cache(maxsize=1)
def metrics() -> dict[str, dict]:
    return {m["metric"]: m for m in taxonomy()["metrics"]}


@lru_cache(maxsize=1)
def metric_names() -> dict[str, str]:
    """Metric id -> its Chinese name without the gloss in brackets, as a reader sees it in a sentence."""
    return {m: spec["zh"].split("（")[0] for m, spec in metrics().items()}


@lru_cache(maxsize=1)
def body_names() -> dict[str, str]:
    """A body's usual short name (国资委, 工商局, ending a name or before its 办公室) -> the full one, longest first."""
    names = taxonomy()["bodies"]["short_to_full"]
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def required_sections(template: str) -> list[str]:
    return list(taxonomy()["required_sections"].get(template, []))


@lru_cache(maxsize=1)
def check_zh() -> dict[str, str]:
    """Rule id -> the name a reader sees (checks.py, sections.py and tables.py emit these ids)."""
    return dict(taxonomy()["checks"])


@lru_cache(maxsize=1)
def indicators() -> list[dict]:
    """Indicator definitions, each term a metric id, a glob over metric ids
    (`t3.refused.*.total`), or either with a leading '-' to subtract it."""
    return list(taxonomy()["indicators"])


@lru_cache(maxsize=1)
def headline_metrics() -> list[str]:
    return list(taxonomy()["headline_metrics"])


@lru_cache(maxsize=1)
def tables() -> dict:
    """Rows, columns, label patterns and format markers of tables 二/三/四."""
    return taxonomy()["tables"]


def identities() -> list[dict]:
    """The arithmetic identities as terms: sum(parts) = sum(total), over bindings."""
    return list(taxonomy()["identities"])


def text_vs_table() -> list[dict]:
    """Prose metrics that restate a table cell (or a sum of cells)."""
    return list(taxonomy()["text_vs_table"])


_WORD = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=1)
def prose() -> dict:
    """Label phrases of the narrative metrics ("prose"): `labels` before a number,
    `after` it, the things a statement of none denies (`none`), and the `negation`
    words; every pattern with its `{word}` groups written out."""
    section = taxonomy()["prose"]
    words = section["words"]

    def expand(pattern: str | None) -> str | None:
        return pattern and _WORD.sub(lambda m: words[m.group(1)], pattern)

    def rows(key: str) -> list[dict]:
        return [{k: expand(v) if isinstance(v, str) and k not in ("metric", "template", "why") else v
                 for k, v in row.items()} for row in section[key]]

    return {"words": dict(words), "negation": section["negation"],
            "labels": rows("labels"), "after": rows("after"), "none": rows("none")}
