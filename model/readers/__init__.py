"""Readers: one module per format, each turning a file into Documents.

A reader yields the plain `text` every later offset points into, plus the
tables it could keep as structure and the spans it saw styled as headings.
Readers know nothing of sections or facts. Anything unreadable raises
ReadError with a message meant for the user (in Chinese: the page shows it);
`read_path` turns it into an error Document so a batch never loses a file.
Every reader is guarded so that no input can make it hang or blow up memory:
size limits before parsing, and a wall-clock budget around the whole read
(in a batch, the read and the analysis).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from model.document import Document

MAX_FILE_BYTES = 64 * 1024 * 1024
# The largest report the per-document time budget allows (benchmarks/largest_report.py:
# analysis runs at ≥ 3,000 characters/s on 2 busy cores); a long annual report is ~100k.
MAX_TEXT_CHARS = 300_000
# Wall-clock seconds one document may take to read (OCR of a long scan included)
# and, in a batch, to analyse.
DOCUMENT_SECONDS = 120
TEXT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl")
OFFICE_SUFFIXES = (".docx", ".doc", ".wps", ".xlsx", ".xls")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
EXTENSIONS = TEXT_SUFFIXES + (".pdf",) + OFFICE_SUFFIXES + IMAGE_SUFFIXES


class ReadError(Exception):
    """The file cannot be turned into a report text; the message says why."""


class OverBudget(BaseException):
    """Raised by the alarm inside whatever a reader is doing. A BaseException so
    that no library's `except Exception` swallows it."""


@contextmanager
def time_budget(seconds: float):
    """Interrupts the block after `seconds` (Unix main thread; elsewhere, such as
    a Ray actor thread, the readers' size guards alone bound the work)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def ring(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extend_budget(seconds: float) -> None:
    """More time for a read whose length shows only as it goes (OCR, page by page)."""
    if hasattr(signal, "ITIMER_REAL") and threading.current_thread() is threading.main_thread():
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining + seconds)


def check_text(text: str) -> str:
    if not text.strip():
        raise ReadError("空文档：没有可分析的文字")
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(
            f"文字过长：{len(text):,} 字（上限 {MAX_TEXT_CHARS:,} 字）；"
            "一份年度报告远短于此，是否把几个文件合在了一起？")
    return text


# Magic bytes of images no reader takes.
_UNREADABLE = ((b"GIF8", "GIF 图片"), (b"BM", "BMP 图片"), (b"Rar!", "RAR 压缩包"),
               (b"\x1f\x8b", "gzip 压缩包"), (b"7z\xbc\xaf", "7z 压缩包"))


def sniff(data: bytes, suffix: str) -> str:
    """The format by content first (magic bytes), by extension second."""
    from model.readers.archive import zip_kind

    head = data[:1024]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return zip_kind(data, suffix)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: Word 97, Excel 97, WPS
        return "xls" if suffix == ".xls" else "doc"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    for magic, what in _UNREADABLE:
        if head.startswith(magic):
            raise ReadError(f"无法读取：这是{what}，不是报告文字")
    if suffix == ".jsonl":
        return "jsonl"
    if suffix in (".html", ".htm"):
        return "html"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in (".txt", "", ".text"):
        return "txt"
    raise ReadError(f"不支持的文件类型“{suffix}”：可读取 {' '.join(EXTENSIONS)}")


def documents_from_bytes(data: bytes, name: str, source: str,
                         progress: Callable[[str], None] | None = None) -> Iterator[Document]:
    from model.readers import doc, docx, html, image, jsonl, pdf, sheet, text

    kind = sniff(data, Path(name).suffix.lower())
    if kind == "jsonl":
        yield from jsonl.read(data, name, source)
        return
    readers = {"txt": text.read, "html": html.read, "docx": docx.read, "doc": doc.read,
               "xlsx": sheet.read_xlsx, "xls": sheet.read_xls}
    if kind in ("pdf", "image"):
        document = (pdf.read if kind == "pdf" else image.read)(data, name, source, progress=progress)
    else:
        document = readers[kind](data, name, source)
    check_text(document.text)
    yield document


def read_path(path: str, budget: float = DOCUMENT_SECONDS,
              progress: Callable[[str], None] | None = None,
              analyse: Callable[[list[Document]], list[Document]] | None = None,
              fetch: Callable[[str], bytes] | None = None) -> Iterator[Document]:
    """Documents in one file (a .jsonl holds many); '-' reads stdin.
    Never raises for bad input: a failure, or a document over `budget` seconds, is
    an error Document. `progress` hears about long reads (OCR page by page).
    `analyse` (a batch's pipeline; it may leave documents out, such as those done
    before a resume) runs within the same budget: the clock that starts with the
    read goes on through the analysis, so one budget bounds reading and analysing a
    document; each further record of a .jsonl is analysed within a budget of its own.
    `fetch` gets the file's bytes from elsewhere (an object store); it raises
    ReadError when it cannot."""
    name = "stdin" if path == "-" else Path(path).name
    what = "读取和分析" if analyse else "读取"

    def read() -> list[Document]:
        data = fetch(path) if fetch else sys.stdin.buffer.read() if path == "-" else _file_bytes(path)
        return list(documents_from_bytes(data, name, path, progress))

    docs = _within(budget, name, path, what, read, analyse if analyse else None)
    if analyse and len(docs) > 1:
        for doc in docs:
            yield from _within(budget, doc.id, doc.source, what, lambda doc=doc: [doc], analyse) if doc.error is None else [doc]
        return
    yield from docs


def _within(budget: float, name: str, source: str, what: str, read: Callable[[], list[Document]],
            analyse: Callable[[list[Document]], list[Document]] | None) -> list[Document]:
    """The documents `read` gives, analysed when there is one (several wait for a budget
    each), or one error Document when either step fails or the two overrun `budget`."""
    analysing = False
    try:
        with time_budget(budget):
            docs = read()
            if analyse is None or len(docs) != 1:
                return docs
            analysing = True
            return analyse(docs)
    except ReadError as e:
        message = str(e)
    except OverBudget:
        message = f"无法完成：超过每份文件 {budget:g} 秒的{what}时限，文件可能损坏或过于复杂"
    except MemoryError:
        message = "无法完成：文件展开后过大，内存不足"
    except RecursionError:
        message = "无法完成：文件结构嵌套过深"
    except Exception as e:  # a library choking on a malformed file is still one bad file
        message = (f"分析出错（{type(e).__name__}: {e}）" if analysing
                   else f"无法读取：文件已损坏或格式不符（{type(e).__name__}: {e}）")
    return [Document.failed(name, source, message)]


def _file_bytes(path: str) -> bytes:
    p = Path(path)
    if not p.exists():
        raise ReadError(f"无法读取：文件不存在：{path}")
    if not p.is_file():
        raise ReadError(f"无法读取：不是普通文件：{path}")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(f"文件过大：{size / 2**20:.1f} MB（上限 {MAX_FILE_BYTES // 2**20} MB）")
    try:
        return p.read_bytes()
    except PermissionError:
        raise ReadError(f"无法读取：没有读取权限：{path}") from None


def from_text(text: str, id: str = "pasted", source: str = "pasted") -> Document:
    """A pasted report, normalised like a .txt file."""
    from model.readers.text import normalise_newlines

    return Document(id=id, source=source, text=check_text(normalise_newlines(text)))


def expand_paths(paths: list[str], warn: Callable[[str], None] = lambda message: None,
                 exclude: str | None = None) -> list[str]:
    """Folders recursively, in a stable (sorted) order; the given order is kept.
    Whatever a folder holds that is not read (another file type, an unreadable
    subfolder, a broken link) is named through `warn`; `exclude` (the output
    file) is never an input."""
    skip = os.path.realpath(exclude) if exclude else None
    out: list[str] = []
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            if skip and p != "-" and os.path.realpath(p) == skip:
                warn(f"跳过 {p}：这是输出文件")
            else:
                out.append(p)
            continue

        def unreadable(error: OSError) -> None:
            warn(f"跳过 {error.filename}：无法打开文件夹（{error.strerror}）")

        found = []
        # Links to folders are not followed (a link loop would never end); links to files are.
        for folder, subfolders, files in os.walk(p, onerror=unreadable):
            subfolders.sort()
            for link in (d for d in subfolders if os.path.islink(os.path.join(folder, d))):
                warn(f"跳过 {os.path.join(folder, link)}：指向文件夹的链接不跟随")
            for f in files:
                found.append(os.path.join(folder, f))
        for f in sorted(found, key=lambda f: Path(f).parts):
            if not os.path.isfile(f):
                warn(f"跳过 {f}：链接失效或不是普通文件")
            elif skip and os.path.realpath(f) == skip:
                warn(f"跳过 {f}：这是输出文件")
            elif Path(f).suffix.lower() not in EXTENSIONS:
                warn(f"跳过 {f}：不支持的文件类型（可读取 {' '.join(EXTENSIONS)}）")
            else:
                out.append(f)
    return out
