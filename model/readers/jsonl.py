"""JSONL: one report per line, {"id": ..., "text": ...}; a bad line is one error record."""
from __future__ import annotations

import json
from collections.abc import Iterator

from model.document import Document
from model.readers import ReadError, check_text
from model.readers.text import decode, normalise_newlines


def read(data: bytes, name: str, source: str) -> Iterator[Document]:
    # Records end at "\n" only: str.splitlines() would also break inside a record at
    # U+2028, U+2029 or U+0085, which JSON allows raw in a string.
    lines = [line.removesuffix("\r") for line in decode(data).split("\n")]
    if not any(line.strip() for line in lines):
        raise ReadError("空的 JSONL 文件：没有记录")
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fallback = f"{name}:{n}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ReadError('应为含 "text" 字符串的 JSON 对象')
            doc_id = str(record.get("id") or fallback)
            yield Document(id=doc_id, source=f"{source}:{n}",
                           text=check_text(normalise_newlines(record["text"])))
        except ReadError as e:
            yield Document.failed(fallback, f"{source}:{n}", f"第 {n} 行：{e}")
        except json.JSONDecodeError as e:
            yield Document.failed(fallback, f"{source}:{n}", f"第 {n} 行：不是有效的 JSON（{e.msg}，第 {e.colno} 列）")
