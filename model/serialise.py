"""Analysed records out to files: JSONL, CSV (one row per fact), an Excel
workbook (one row per report, the facts, the checks) and Parquet (one row per
report). The one place both the command line and the page serialise.

Every writer streams: `open_writer(path, fmt).write(record)` per report, then
`.close()`. Nothing keeps the records: JSONL and CSV go out a record at a time
in one system call each; the workbook goes through xlsxwriter's constant-memory
mode (rows flushed to temporary files as written, strings inline), the passed
checks wait in a temporary file to go after the failed ones; Parquet goes out
in row groups.

JSONL is split on "\n" only: the line separators JSON allows raw inside strings
(U+2028, U+2029, U+0085) are escaped, so no line-splitting reader can break a
record. CSV goes through the csv module with rows ending in CRLF (a field
holding "\r" or "\n" is quoted) and a UTF-8 BOM (Excel on Chinese Windows).

Resuming (`append=True`): JSONL and CSV append to the file. A workbook or
Parquet file cannot be appended to, so the writer copies the finished file's
rows into a new one (written beside it, renamed over it on close) and goes on;
a file a killed run left unfinished cannot be read back (ResumeError) — a run
that may be killed is safest as JSONL, which resumes from any point.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator

from model.indicators import RATE
from model.taxonomy import indicators, metrics

FORMATS = ("jsonl", "csv", "xlsx", "parquet")
BINARY = ("xlsx", "parquet")
TEMPLATE_ZH = {"new": "新格式", "old": "旧格式", "unknown": "未识别"}
ORIGIN_ZH = {"text": "正文", "table": "表格"}
CONTEXT_CHARS = 300          # a fact's sentence, cut to what a cell shows
TABLE_WINDOW = (60, 20)      # characters before and after a cell of a table flattened into one line
PARQUET_ROWS_PER_GROUP = 256


class ResumeError(Exception):
    """An output file --resume cannot continue (not this tool's output in this format)."""


_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_SEPARATOR = re.compile("[\u2028\u2029\x85]")


def json_line(record: dict) -> str:
    # The separators can only occur inside JSON strings, where the escape means the same.
    return _SEPARATOR.sub(lambda m: _SEPARATORS[m.group()], json.dumps(record, ensure_ascii=False)) + "\n"


# ---------------------------------------------------------------- long CSV

CSV_FIELDS = ["id", "source", "source_kind", "template", "agency", "year", "metric", "metric_zh", "value", "unit",
              "start", "end", "origin", "span", "error"]
BOM = "\ufeff"


def metric_zh(metric: str) -> str:
    return metrics()[metric]["zh"] if metric in metrics() else metric


def csv_rows(record: dict) -> Iterator[dict]:
    base = {k: record.get(k) for k in ("id", "source", "source_kind", "template", "agency", "year")}
    if record.get("error") or not record.get("facts"):
        yield {**base, "error": record.get("error") or ""}
        return
    for f in record["facts"]:
        yield {**base, **{k: f[k] for k in ("metric", "value", "unit", "start", "end", "origin")},
               "metric_zh": metric_zh(f["metric"]), "span": record["text"][f["start"]:f["end"]], "error": ""}


# ------------------------------------------------- one row per report

def _columns() -> list[tuple[str, str, str]]:
    """(machine key, Chinese header, kind) of the report table, in order."""
    cols = [("source", "文件", "text"), ("agency", "机关", "text"), ("year", "年份", "int"),
            ("template", "格式", "text")]
    for m, spec in metrics().items():
        cols.append((m, f"{spec['zh']}（{spec['unit']}）", "number"))
    for d in indicators():
        header = d["zh"] if d["unit"] == RATE else f"{d['zh']}（{d['unit']}）"
        cols.append((f"indicator.{d['id']}", header, "rate" if d["unit"] == RATE else "number"))
    cols += [("failed_checks", "未通过核对数", "int"), ("summary", "摘要", "text"), ("error", "错误", "text"),
             ("id", "编号", "text")]
    return cols


COLUMNS = _columns()


def report_values(record: dict) -> dict:
    """The report table's row keyed by machine names (metric ids, indicator.<id>)."""
    values: dict = {}
    for f in record.get("facts") or []:
        values.setdefault(f["metric"], f["value"])
    row = {key: values.get(key) for key, _, kind in COLUMNS if kind in ("number", "rate")}
    for k, v in (record.get("indicators") or {}).items():
        row[f"indicator.{k}"] = v.get("value")
    row.update(source=record.get("source"), agency=record.get("agency"), year=record.get("year"),
               template=record.get("template"), id=record.get("id"), summary=record.get("summary") or "",
               error=record.get("error") or "",
               failed_checks=sum(1 for c in record.get("checks") or [] if c.get("ok") is False))
    return row


def report_row(record: dict) -> dict:
    """The same row with the Chinese headers a person reads."""
    values = report_values(record)
    values["template"] = TEMPLATE_ZH.get(values["template"], values["template"])
    return {zh: values.get(key) for key, zh, _ in COLUMNS}


FACT_HEADERS = [("文件", 40), ("机关", 28), ("年份", 6), ("指标编号", 30), ("指标名称", 40), ("数值", 10),
                ("单位", 6), ("来源", 6), ("原文", 16), ("所在句子或表格行", 80), ("起", 8), ("止", 8)]
CHECK_HEADERS = [("文件", 40), ("机关", 28), ("年份", 6), ("结果", 8), ("规则", 18), ("说明", 100)]
CHECK_ZH = {False: "未通过", True: "通过", None: "无法判断"}


def fact_context_rows(record: dict) -> Iterator[list]:
    """One row per fact with the sentence (or flattened table row) it was read from."""
    text, sentences = record.get("text") or "", record.get("sentences") or []
    starts = [s["start"] for s in sentences]
    for f in record.get("facts") or []:
        if f["origin"] == "table":
            context = _table_row(text, f["start"], f["end"])
        else:
            i = bisect.bisect_right(starts, f["start"]) - 1
            s = sentences[i] if i >= 0 and sentences[i]["end"] >= f["end"] else f
            context = " ".join(text[s["start"]:s["end"]].split())[:CONTEXT_CHARS]
        yield [record.get("source"), record.get("agency"), record.get("year"), f["metric"],
               metric_zh(f["metric"]), f["value"], f["unit"], ORIGIN_ZH.get(f["origin"], f["origin"]),
               text[f["start"]:f["end"]], context, f["start"], f["end"]]


def _table_row(text: str, start: int, end: int) -> str:
    """A table cell's line; where the table was flattened into one long line,
    the stretch before the cell that holds its row label."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > TABLE_WINDOW[0] + TABLE_WINDOW[1]:
        line_start, line_end = max(line_start, start - TABLE_WINDOW[0]), min(line_end, end + TABLE_WINDOW[1])
    return " ".join(text[line_start:line_end].split())


def check_rows(record: dict) -> Iterator[tuple[bool, list]]:
    """(failed?, row) per check; an error record is one failed row."""
    head = [record.get("source"), record.get("agency"), record.get("year")]
    if record.get("error"):
        yield True, head + ["未通过", "error", record["error"]]
    for c in record.get("checks") or []:
        yield c.get("ok") is False, head + [CHECK_ZH[c.get("ok")], c["rule"], c["message"]]


# ---------------------------------------------------------------- writers

class _LineWriter:
    """JSONL or CSV: each record whole in one system call, so a killed run
    never leaves half a line (resume drops one anyway, should the disk have)."""

    def __init__(self, path: str | None, fmt: str, append: bool = False):
        self.fmt = fmt
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC), 0o644) \
            if path else None
        if fmt == "csv" and not (append and os.path.getsize(path)):
            # The BOM makes Excel and WPS read the file as UTF-8; a pipe gets none.
            self._emit((BOM if path else "") + self._csv([dict(zip(CSV_FIELDS, CSV_FIELDS))]))

    @staticmethod
    def _csv(rows: Iterable[dict]) -> str:
        buf = io.StringIO()
        # CRLF ends a row, so the writer quotes any field holding "\r" or "\n".
        csv.DictWriter(buf, CSV_FIELDS, lineterminator="\r\n").writerows(rows)
        return buf.getvalue()

    def _emit(self, text: str) -> None:
        if self.fd is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        data = text.encode("utf-8")
        while data:
            data = data[os.write(self.fd, data):]

    def write(self, record: dict) -> None:
        self._emit(json_line(record) if self.fmt == "jsonl" else self._csv(csv_rows(record)))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


class _Replacing:
    """A binary format written beside its path and renamed over it on close,
    so the path always holds a finished file."""

    def __init__(self, path: str):
        self.path = path
        self.partial = path + ".partial"

    def _finish(self) -> None:
        os.replace(self.partial, self.path)


class XlsxWriter(_Replacing):
    """Sheet 1 报告 (one row per report), 2 事实 (one per fact), 3 核对 (failed first)."""

    def __init__(self, path: str, append: bool = False):
        import xlsxwriter

        super().__init__(path)
        previous = path if append and os.path.exists(path) else None
        self.book = xlsxwriter.Workbook(self.partial, {"constant_memory": True, "strings_to_numbers": False,
                                                       "strings_to_formulas": False, "strings_to_urls": False})
        bold = self.book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.rate = self.book.add_format({"num_format": "0.0%"})
        self.rate_cols = [i for i, (_, _, kind) in enumerate(COLUMNS) if kind == "rate"]
        widths = [{"文件": 40, "机关": 28, "摘要": 80, "错误": 30}.get(zh, 6 if kind == "int" else 14)
                  for _, zh, kind in COLUMNS]
        self.sheets = {}
        for name, headers in (("报告", [(zh, w) for (_, zh, _), w in zip(COLUMNS, widths)]),
                              ("事实", FACT_HEADERS), ("核对", CHECK_HEADERS)):
            sheet = self.book.add_worksheet(name)
            for col, (zh, width) in enumerate(headers):
                sheet.set_column(col, col, width)
            sheet.write_row(0, 0, [zh for zh, _ in headers], bold)
            sheet.set_row(0, 45 if name == "报告" else None)
            sheet.freeze_panes(1, 1 if name == "报告" else 0)
            self.sheets[name] = [sheet, 1]
        # Passed checks go after every failed one: they wait here, on disk.
        self.passed = tempfile.TemporaryFile("w+", encoding="utf-8")
        if previous:
            self._copy(previous)

    def _row(self, name: str, values: list) -> None:
        sheet, n = self.sheets[name]
        for col, v in enumerate(values):
            if v is None or v == "":
                continue
            if name == "报告" and col in self.rate_cols:
                sheet.write_number(n, col, v, self.rate)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                sheet.write_number(n, col, v)
            else:
                sheet.write_string(n, col, str(v))
        self.sheets[name][1] = n + 1

    def write(self, record: dict) -> None:
        self._row("报告", list(report_row(record).values()))
        for values in fact_context_rows(record):
            self._row("事实", values)
        for failed, values in check_rows(record):
            if failed:
                self._row("核对", values)
            else:
                self.passed.write(json.dumps(values, ensure_ascii=False) + "\n")

    def _copy(self, path: str) -> None:
        """The rows of a finished workbook, read back a row at a time."""
        book = _open_xlsx(path)
        try:
            for name in ("报告", "事实", "核对"):
                for values in book[name].iter_rows(min_row=2, values_only=True):
                    if name == "核对" and values[3] != CHECK_ZH[False]:
                        self.passed.write(json.dumps(list(values), ensure_ascii=False) + "\n")
                    else:
                        self._row(name, list(values))
        finally:
            book.close()

    def close(self) -> None:
        self.passed.seek(0)
        for line in self.passed:
            self._row("核对", json.loads(line))
        self.passed.close()
        sheet, n = self.sheets["报告"]
        sheet.autofilter(0, 0, max(n - 1, 1), len(COLUMNS) - 1)
        self.book.close()
        self._finish()


def _open_xlsx(path: str):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
        if book.sheetnames[:3] != ["报告", "事实", "核对"]:
            raise ResumeError(f"{path}: not a workbook xxgk wrote (sheets {book.sheetnames})")
        return book
    except ResumeError:
        raise
    except Exception as e:  # zipfile.BadZipFile, KeyError …: an unfinished or foreign file
        raise ResumeError(f"{path}: cannot be read back ({type(e).__name__}); "
                          "an unfinished .xlsx cannot be resumed — start again, or use --format jsonl") from e


def parquet_schema():
    import pyarrow as pa

    kinds = {"text": pa.string(), "int": pa.int32(), "number": pa.float64(), "rate": pa.float64()}
    return pa.schema([(key, kinds[kind]) for key, _, kind in COLUMNS])


class ParquetWriter(_Replacing):
    """The report table with machine column names (metric ids, indicator.<id>)."""

    def __init__(self, path: str, append: bool = False):
        import pyarrow.parquet as pq

        super().__init__(path)
        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.rows: list[dict] = []
        if append and os.path.exists(path):
            for batch in _open_parquet(path).iter_batches(batch_size=PARQUET_ROWS_PER_GROUP):
                self.writer.write_batch(batch.select(self.schema.names).cast(self.schema))

    def write(self, record: dict) -> None:
        self.rows.append(report_values(record))
        if len(self.rows) >= PARQUET_ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        self._finish()


def _open_parquet(path: str):
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except Exception as e:  # pyarrow.ArrowInvalid: no footer, as a killed run leaves
        raise ResumeError(f"{path}: cannot be read back ({e}); an unfinished .parquet cannot be resumed — "
                          "start again, or use --format jsonl") from e
    missing = set(parquet_schema().names) - set(file.schema_arrow.names)
    if missing:
        raise ResumeError(f"{path}: written by another version (columns missing: {', '.join(sorted(missing)[:3])} …)")
    return file


def open_writer(path: str | None, fmt: str, append: bool = False):
    """A streaming writer with .write(record) and .close(); `append` resumes."""
    if fmt in ("jsonl", "csv"):
        return _LineWriter(path, fmt, append)
    if not path:
        raise ValueError(f"--format {fmt} needs --out")
    return XlsxWriter(path, append) if fmt == "xlsx" else ParquetWriter(path, append)


def completed_sources(path: str, fmt: str) -> set[str]:
    """Sources already in an output file. A trailing partial line of JSONL/CSV
    is cut off; a file that is not this tool's output in `fmt` raises ResumeError."""
    if not os.path.exists(path):
        return set()
    if fmt == "xlsx":
        book = _open_xlsx(path)
        try:
            return {row[0] for row in book["报告"].iter_rows(min_row=2, max_col=1, values_only=True)}
        finally:
            book.close()
    if fmt == "parquet":
        return set(_open_parquet(path).read(columns=["source"]).column("source").to_pylist())
    with open(path, "rb") as f:
        data = f.read()
    end = b"\r\n" if fmt == "csv" else b"\n"
    keep = len(data) if data.endswith(end) else data.rfind(end) + len(end)
    try:
        text = data[:keep].decode("utf-8")
    except UnicodeDecodeError:
        raise ResumeError(f"{path}: 不是 UTF-8 文本") from None
    sources = _csv_sources(path, text) if fmt == "csv" else _jsonl_sources(path, text)
    if keep < len(data):  # a record cut short by a killed run or a full disk
        with open(path, "rb+") as f:
            f.truncate(keep)
    return sources


def _jsonl_sources(path: str, text: str) -> set[str]:
    sources = set()
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise ResumeError(f"{path}: 第 {n} 行不是 JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("source"), str) or "facts" not in record:
            raise ResumeError(f"{path}: 第 {n} 行不是 xxgk 的输出记录")
        sources.add(record["source"])
    return sources


def _csv_sources(path: str, text: str) -> set[str]:
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))
    if next(reader, None) != CSV_FIELDS:
        raise ResumeError(f"{path}: 表头不是 xxgk 的 CSV 表头")
    return {row[CSV_FIELDS.index("source")] for row in reader if row}


def write_facts_csv(record: dict, path: str) -> str:
    """One report's facts for a person (the page's download): the workbook's 事实 sheet as
    CSV, Chinese headers and no metric ids; the CLI's CSV keeps the ids for programs."""
    keep = [i for i, (name, _) in enumerate(FACT_HEADERS) if name != "指标编号"]
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow([FACT_HEADERS[i][0] for i in keep])
    out.writerows([row[i] for i in keep] for row in fact_context_rows(record))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(BOM + buf.getvalue())
    return path


def write_xlsx(records: Iterable[dict], path: str) -> str:
    """The workbook of some records (the page's download)."""
    writer = XlsxWriter(path)
    try:
        for record in records:
            writer.write(record)
    finally:
        writer.close()
    return path
