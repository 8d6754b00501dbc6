"""Zip-based formats (DOCX, XLSX) opened without trusting the archive.

A zip's headers may lie about sizes and a few kilobytes can expand to
gigabytes, so every part is decompressed in chunks against a budget, markup is
capped in size and element count before any XML parser sees it, and images and
other media are replaced by empty parts: no reader needs them.
"""
from __future__ import annotations

import io
import zipfile
import zlib

from model.readers import ReadError

MAX_PARTS = 2_000
# Markup of a long report is a few megabytes; these allow ten times that.
MAX_MARKUP_BYTES = 48 * 1024 * 1024
MAX_ELEMENTS = 1_500_000
_CHUNK = 1 << 20
_MARKUP = (".xml", ".rels", ".vml")


def zip_kind(data: bytes, suffix: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError("无法读取：文件自称 zip 压缩格式（DOCX/XLSX），但已损坏") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if suffix in (".docx", ".xlsx"):
        raise ReadError(f"不是有效的 {suffix[1:].upper()} 文件：压缩包里没有正文部分")
    raise ReadError("无法读取：这是一个 zip 压缩包，不是报告文件")


def slim_copy(data: bytes, what: str) -> bytes:
    """The archive rewritten with its markup checked and its media emptied."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        infos = source.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise ReadError(f"{what} 文件已损坏：{e}") from None
    if len(infos) > MAX_PARTS:
        raise ReadError(f"{what} 文件异常：包含 {len(infos):,} 个部件（上限 {MAX_PARTS:,}）")
    out = io.BytesIO()
    markup = elements = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in infos:
            if info.is_dir():
                continue
            if not info.filename.lower().endswith(_MARKUP):
                target.writestr(info.filename, b"")
                continue
            part = bytearray()
            try:
                with source.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        part += chunk
                        if markup + len(part) > MAX_MARKUP_BYTES:
                            raise ReadError(f"{what} 文件异常：解压后的内容超过 "
                                            f"{MAX_MARKUP_BYTES // 2**20} MB（可能是压缩炸弹）")
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
                raise ReadError(f"{what} 文件已损坏：{info.filename}：{e}") from None
            markup += len(part)
            elements += part.count(b"<")
            if elements > MAX_ELEMENTS:
                raise ReadError(f"{what} 文件异常：超过 {MAX_ELEMENTS:,} 个元素")
            target.writestr(info.filename, bytes(part))
    return out.getvalue()

