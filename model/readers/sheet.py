"""Spreadsheets of a report's tables (.xlsx through openpyxl, .xls through
xlrd): every sheet a table, its name a heading line above it."""
from __future__ import annotations

import io

from model.document import Document
from model.readers import ReadError
from model.readers.archive import slim_copy
from model.readers.builder import TextBuilder, plain_grid

# A report's tables have tens of rows; a sheet of more is data, not a report.
MAX_CELLS = 200_000


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # xlrd reads every number as a float: 95.0 is 95
    return str(value).strip()


def _build(sheets: list[tuple[str, list[list[str]]]], name: str, source: str) -> Document:
    out = TextBuilder()
    cells = 0
    for title, rows in sheets:
        while rows and not any(rows[-1]):
            rows.pop()
        rows = [r[:max((i + 1 for i, v in enumerate(r) if v), default=0)] for r in rows]
        if not any(rows):
            continue
        cells += sum(map(len, rows))
        if cells > MAX_CELLS:
            raise ReadError(f"表格过大：超过 {MAX_CELLS:,} 个单元格，不像一份年度报告")
        out.block(title, heading=True)
        out.table(plain_grid(rows))
    return out.document(name, source)


def read_xlsx(data: bytes, name: str, source: str) -> Document:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(slim_copy(data, "XLSX")), read_only=True, data_only=True)
    except ReadError:
        raise
    except Exception as e:
        raise ReadError(f"XLSX 文件已损坏：{type(e).__name__}: {e}") from e
    sheets = []
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) * max(len(row), 1) > MAX_CELLS:
                raise ReadError(f"表格过大：超过 {MAX_CELLS:,} 个单元格，不像一份年度报告")
        sheets.append((ws.title, rows))
    book.close()
    return _build(sheets, name, source)


def read_xls(data: bytes, name: str, source: str) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as e:
        raise ReadError(f"无法读取：不是 Excel 97–2003 表格，或文件已损坏、加密（{e}）") from e
    sheets = []
    for i in range(book.nsheets):
        ws = book.sheet_by_index(i)
        if ws.nrows * ws.ncols > MAX_CELLS:
            raise ReadError(f"表格过大：超过 {MAX_CELLS:,} 个单元格，不像一份年度报告")
        sheets.append((ws.name, [[_cell(v) for v in ws.row_values(r)] for r in range(ws.nrows)]))
    return _build(sheets, name, source)
