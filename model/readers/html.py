"""HTML: the article body found, page chrome dropped, tables kept as tables.

Every pass over the tree is linear in its size, whatever its depth: text
weights are summed bottom-up once, and nesting deeper than any page layout
is read as plain text."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from model.document import Document
from model.readers import ReadError
from model.readers.builder import TextBuilder, resolve_spans
from model.readers.text import decode

CHROME = ("script", "style", "noscript", "iframe", "nav", "header", "footer", "form",
          "button", "select", "input", "textarea", "aside", "head", "svg", "template")
BLOCKS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3",
          "h4", "h5", "h6", "blockquote", "pre", "center", "dd", "dt", "dl", "body", "td", "th"}
_CJK = re.compile(r"[\u4e00-\u9fff0-9]")
# When one child holds this share of its parent's article text, the parent is chrome around it.
BODY_SHARE = 0.8
# Headings are short: longer blocks are not searched for bold text.
HEADING_CHARS = 40
# Real layouts nest a few dozen levels; below this everything is read as one block of text.
MAX_DEPTH = 120
# Markup left once scripts, styles and inline images are gone: a long report page has
# < 1 MB and < 10,000 elements; parsing 100,000 takes ~20 s on 2 busy cores.
MAX_MARKUP_BYTES = 8 * 1024 * 1024
MAX_ELEMENTS = 100_000
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_BULK = re.compile(rb"<(script|style)\b.*?</\1\s*>|data:[a-z/+\-]+;base64,[A-Za-z0-9+/=\s]+", re.I | re.S)


class _Sizes:
    """Per element, in one bottom-up pass: characters of running text (CJK and
    digits, not counting link text: menus, breadcrumbs) and all characters."""

    def __init__(self, root: Tag):
        total: dict[int, int] = {}
        links: dict[int, int] = {}
        self.weight: dict[int, int] = {}
        self.chars: dict[int, int] = {}
        for node in reversed([root, *root.descendants]):  # every child before its parent
            if isinstance(node, Tag):
                key = id(node)
                node_total = total.get(key, 0)
                node_links = node_total if node.name == "a" else links.get(key, 0)
                self.weight[key] = node_total - node_links
                node_chars = self.chars.get(key, 0)
            elif type(node) is NavigableString:
                node_total, node_links, node_chars = len(_CJK.findall(node)), 0, len(node)
            else:
                continue
            if node is root or node.parent is None:
                continue
            parent = id(node.parent)
            total[parent] = total.get(parent, 0) + node_total
            links[parent] = links.get(parent, 0) + node_links
            self.chars[parent] = self.chars.get(parent, 0) + node_chars

    def of(self, el: Tag) -> int:
        return self.weight.get(id(el), 0)


def article_body(root: Tag, sizes: _Sizes) -> Tag:
    node = root
    while True:
        own = sizes.of(node)
        children = [c for c in node.children if isinstance(c, Tag)]
        heavy = max(children, key=sizes.of, default=None)
        if heavy is None or own == 0 or sizes.of(heavy) < BODY_SHARE * own or heavy.name in ("tr", "tbody", "table"):
            return node
        node = heavy


def _is_heading(el: Tag, sizes: _Sizes) -> bool:
    if el.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if el.get("align") == "center" or "text-align:center" in style or el.name == "center":
        return True
    if sizes.chars.get(id(el), 0) > 4 * HEADING_CHARS:
        return False
    text = el.get_text(strip=True)
    bold = "".join(b.get_text(strip=True) for b in el.find_all(("strong", "b")))
    return bool(text) and bold == text and len(text) <= HEADING_CHARS


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
        return max(1, min(int(str(v).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _walk(el: Tag, out: TextBuilder, inline: list[str], sizes: _Sizes, depth: int = 0) -> None:
    for child in el.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skip comments, CDATA, doctype
                inline.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        if depth >= MAX_DEPTH:
            inline.append(child.get_text(" "))
        elif child.name == "table":
            out.block("".join(inline))
            inline.clear()
            _table(child, out)
        elif child.name == "br":
            out.block("".join(inline))
            inline.clear()
        elif child.name in BLOCKS:
            out.block("".join(inline))
            inline.clear()
            if _is_heading(child, sizes) and not child.find("table"):
                out.block(child.get_text(" "), heading=True)
            else:
                _walk(child, out, inline, sizes, depth + 1)
                out.block("".join(inline))
                inline.clear()
        else:
            _walk(child, out, inline, sizes, depth + 1)


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def read(data: bytes, name: str, source: str) -> Document:
    charset = declared_charset(data)
    data = _BULK.sub(b" ", data)
    if len(data) > MAX_MARKUP_BYTES:
        raise ReadError(f"网页过大：去掉脚本和内嵌图片后仍有 {len(data) / 2**20:.1f} MB 标记"
                        f"（上限 {MAX_MARKUP_BYTES // 2**20} MB），不像一份年度报告")
    if data.count(b"<") - data.count(b"</") > MAX_ELEMENTS:
        raise ReadError(f"网页过于复杂：超过 {MAX_ELEMENTS:,} 个标记元素，不像一份年度报告")
    soup = BeautifulSoup(decode(data, charset), "lxml")
    for tag in soup.find_all(CHROME):
        tag.decompose()
    root = soup.body or soup
    sizes = _Sizes(root)
    out = TextBuilder()
    inline: list[str] = []
    _walk(article_body(root, sizes), out, inline, sizes)
    out.block("".join(inline))
    return out.document(name, source)
