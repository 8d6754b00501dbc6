"""HTML: the article body found, page chrome dropped, tables kept as tables."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from model.document import Document
from model.readers.builder import TextBuilder, resolve_spans
from model.readers.text import decode

CHROME = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "form",
          "button", "select", "input", "textarea", "aside", "head", "svg", "template")
BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3",
          "h4", "h5", "h6", "blockquote", "pre", "center", "dd", "dt", "dl", "body", "td", "th"}
_CJK = re.compile(r"[\u4e00-\u9fff0-9]")
# When one child holds this share of its parent's article text, the parent is chrome around it.
BODY_SHARE = 0.8


def _weight(el: Tag) -> int:
    """Characters of running text, not counting link text (menus, breadcrumbs)."""
    total = len(_CJK.findall(el.get_text()))
    links = sum(len(_CJK.findall(a.get_text())) for a in el.find_all("a"))
    return total - links


def article_body(root: Tag) -> Tag:
    node = root
    while True:
        own = _weight(node)
        children = [c for c in node.children if isinstance(c, Tag)]
        heavy = max(children, key=_weight, default=None)
        if heavy is None or own == 0 or _weight(heavy) < BODY_SHARE * own or heavy.name in ("tr", "tbody", "table"):
            return node
        node = heavy


def _is_heading(el: Tag) -> bool:
    if el.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if el.get("align") == "center" or "text-align:center" in style or el.name == "center":
        return True
    text = el.get_text(strip=True)
    bold = "".join(b.get_text(strip=True) for b in el.find_all(("strong", "b")))
    return bool(text) and bold == text and len(text) <= 40


def _table(el: Tag, out: TextBuilder) -> None:
    rows = []
    for tr in el.find_all("tr"):
        if tr.find_parent("table") is not el:
            continue  # a nested table's rows belong to the nested table
        cells = []
        for td in tr.find_all(("td", "th"), recursive=False):
            cells.append((td.get_text(" ", strip=True), _int(td.get("rowspan")), _int(td.get("colspan"))))
        rows.append(cells)
    out.table(resolve_spans(rows))


def _int(v) -> int:
    try:
        return max(1, int(str(v).strip()))
    except (TypeError, ValueError):
        return 1


def _walk(el: Tag, out: TextBuilder, inline: list[str]) -> None:
    for child in el.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skip comments, CDATA, doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "table":
            out.block("".join(inline))
            inline.clear()
            _table(child, out)
        elif child.name == "br":
            out.block("".join(inline))
            inline.clear()
        elif child.name in BLOCKS:
            out.block("".join(inline))
            inline.clear()
            if _is_heading(child) and not child.find("table"):
                out.block(child.get_text(" "), heading=True)
            else:
                _walk(child, out, inline)
                out.block("".join(inline))
                inline.clear()
        else:
            _walk(child, out, inline)


def read(data: bytes, name: str, source: str) -> Document:
    soup = BeautifulSoup(decode(data), "lxml")
    for tag in soup.find_all(CHROME):
        tag.decompose()
    root = soup.body or soup
    out = TextBuilder()
    inline: list[str] = []
    _walk(article_body(root), out, inline)
    out.block("".join(inline))
    return out.document(name, source)
