"""Readers: one module per format, each turning a file into Documents.

A reader yields the plain `text` every later offset points into, plus the
tables it could keep as structure and the spans it saw styled as headings.
Readers know nothing of sections or facts. Anything unreadable raises
ReadError with a message meant for the user; `read_path` turns it into an
error Document so a batch never loses a file.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from model.document import Document

MAX_FILE_BYTES = 64 * 1024 * 1024
# A long annual report is ~100k characters; ten times that is not a report.
MAX_TEXT_CHARS = 1_000_000
EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx", ".jsonl")


class ReadError(Exception):
    """The file cannot be turned into a report text; the message says why."""


def check_text(text: str) -> str:
    if not text.strip():
        raise ReadError("empty document: no text to analyse")
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(
            f"text too long: {len(text):,} characters (limit {MAX_TEXT_CHARS:,}); "
            "an annual report is far shorter — is this several files joined?")
    return text


def sniff(data: bytes, suffix: str) -> str:
    """The format by content first (magic bytes), by extension second."""
    head = data[:1024]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    for magic, what in ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                        (b"GIF8", "a GIF image"), (b"\xd0\xcf\x11\xe0", "an old binary Office file (.doc/.xls)")):
        if head.startswith(magic):
            raise ReadError(f"binary file: this is {what}, not a report text")
    if suffix == ".jsonl":
        return "jsonl"
    if suffix in (".html", ".htm"):
        return "html"
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix in (".txt", "", ".text"):
        return "txt"
    raise ReadError(f"unsupported file type '{suffix}': expected one of {', '.join(EXTENSIONS)}")


def documents_from_bytes(data: bytes, name: str, source: str) -> Iterator[Document]:
    from model.readers import docx, html, jsonl, pdf, text

    kind = sniff(data, Path(name).suffix.lower())
    if kind == "jsonl":
        yield from jsonl.read(data, name, source)
        return
    reader = {"txt": text.read, "html": html.read, "pdf": pdf.read, "docx": docx.read}[kind]
    doc = reader(data, name, source)
    check_text(doc.text)
    yield doc


def read_path(path: str) -> Iterator[Document]:
    """Documents in one file (a .jsonl holds many); '-' reads stdin.
    Never raises for bad input: a failure is an error Document."""
    name = "stdin" if path == "-" else Path(path).name
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            p = Path(path)
            if not p.is_file():
                raise ReadError(f"no such file: {path}")
            size = p.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ReadError(f"file too large: {size / 2**20:.1f} MB (limit {MAX_FILE_BYTES // 2**20} MB)")
            data = p.read_bytes()
        yield from documents_from_bytes(data, name, path)
    except ReadError as e:
        yield Document.failed(name, path, str(e))
    except Exception as e:  # a library choking on a malformed file is still one bad file
        yield Document.failed(name, path, f"could not read file: {type(e).__name__}: {e}")


def from_text(text: str, id: str = "pasted", source: str = "pasted") -> Document:
    """A pasted report, normalised like a .txt file."""
    from model.readers.text import normalise_newlines

    return Document(id=id, source=source, text=check_text(normalise_newlines(text)))


def expand_paths(paths: list[str]) -> list[str]:
    """Folders recursively, in a stable (sorted) order; the given order is kept."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*"))
                       if f.is_file() and f.suffix.lower() in EXTENSIONS)
        else:
            out.append(p)
    return out
