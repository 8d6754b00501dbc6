"""Output records as bytes on disk, and read back for --resume.

JSONL: one document per line, split on "\\n" only; the line separators JSON
allows raw inside strings (U+2028, U+2029, U+0085) are escaped so that no
line-splitting reader can break a record. CSV: one row per fact, through the
csv module (a field holding a newline or carriage return is quoted), rows
ending in CRLF, and a UTF-8 BOM so that Excel on Chinese Windows reads UTF-8.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator

CSV_FIELDS = ["id", "source", "source_kind", "template", "agency", "year", "metric", "value", "unit",
              "start", "end", "origin", "span", "error"]
BOM = "\ufeff"
_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_SEPARATOR = re.compile("[\u2028\u2029\x85]")


class NotOurOutput(ValueError):
    """A file --resume cannot continue: not this tool's output in this format."""


def json_line(doc: dict) -> str:
    # The separators can only occur inside JSON strings, where the escape means the same.
    return _SEPARATOR.sub(lambda m: _SEPARATORS[m.group()], json.dumps(doc, ensure_ascii=False)) + "\n"


def csv_rows(doc: dict) -> Iterator[dict]:
    base = {k: doc.get(k) for k in ("id", "source", "source_kind", "template", "agency", "year")}
    if doc.get("error") or not doc["facts"]:
        yield {**base, "error": doc.get("error") or ""}
        return
    for f in doc["facts"]:
        yield {**base, **{k: f[k] for k in ("metric", "value", "unit", "start", "end", "origin")},
               "span": doc["text"][f["start"]:f["end"]], "error": ""}


def csv_lines(rows) -> str:
    buf = io.StringIO()
    # CRLF ends a row, so the writer quotes any field holding "\r" or "\n".
    csv.DictWriter(buf, CSV_FIELDS, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def csv_header() -> str:
    return BOM + csv_lines([dict(zip(CSV_FIELDS, CSV_FIELDS))])


def record_text(doc: dict, fmt: str) -> str:
    return json_line(doc) if fmt == "jsonl" else csv_lines(csv_rows(doc))


def completed_sources(path: str, fmt: str) -> list[str]:
    """Sources of the records already in an output file. A record cut short (a
    killed run, a full disk) is removed from the file; a file that is not this
    tool's output in `fmt` raises NotOurOutput and is left as it is."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    with open(path, "rb") as f:
        data = f.read()
    end = b"\r\n" if fmt == "csv" else b"\n"
    keep = data.rfind(end) + len(end) if not data.endswith(end) else len(data)
    try:
        text = data[:keep].decode("utf-8")
    except UnicodeDecodeError:
        raise NotOurOutput("不是 UTF-8 文本") from None
    sources = _csv_sources(text) if fmt == "csv" else _jsonl_sources(text)
    if keep < len(data):
        with open(path, "rb+") as f:
            f.truncate(keep)
    return sources


def _jsonl_sources(text: str) -> list[str]:
    sources = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise NotOurOutput(f"第 {n} 行不是 JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("source"), str) or "facts" not in record:
            raise NotOurOutput(f"第 {n} 行不是 xxgk 的输出记录")
        sources.append(record["source"])
    return sources


def _csv_sources(text: str) -> list[str]:
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))
    header = next(reader, None)
    if header != CSV_FIELDS:
        raise NotOurOutput("表头不是 xxgk 的 CSV 表头")
    return [row[CSV_FIELDS.index("source")] for row in reader if row]
