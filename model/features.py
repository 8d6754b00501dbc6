"""Model inputs from a Document, shared by inference (tagger.py) and training.

A sentence is paired with the tail of the previous one (its context): a bare
"7" under "（三）从事政府信息公开工作人员数。" is only readable with it. Text is
the folded view (same offsets), so token offsets map back into the document.
"""
from __future__ import annotations

from model.document import Document
from model.taxonomy import metrics


def fact_tags() -> list[str]:
    narrative = [m for m, spec in metrics().items() if spec["where"] == "text"]
    return ["O"] + [f"{p}-{m}" for m in narrative for p in ("B", "I")]


def sentence_pairs(doc: Document, context_chars: int, with_context: bool = True) -> list[tuple[str, str]]:
    norm = doc.folded
    pairs = []
    previous = ""
    for s in doc.sentences:
        text = norm[s.start:s.end]
        pairs.append((previous[-context_chars:] if with_context else "", text))
        previous = text
    return pairs


def encode(tokenizer, pairs: list[tuple[str, str]], max_length: int):
    """Token ids with offsets; the context is cut first when a pair is too long."""
    return tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation="longest_first",
                     max_length=max_length, padding=True, return_offsets_mapping=True, return_tensors="pt")


def bio_labels(offsets, type_ids, spans: list[tuple[int, int, str]], tags: dict[str, int]) -> list[int]:
    """Per-token fact tags for one sentence: `spans` are (start, end, metric) in
    sentence offsets; tokens outside the sentence (context, padding) are -100."""
    out = []
    begun: set[int] = set()
    for (a, b), t in zip(offsets, type_ids):
        if t != 1 or a == b:
            out.append(-100)
            continue
        tag = "O"
        for i, (s, e, metric) in enumerate(spans):
            if s <= a < e:
                tag = f"{'I' if i in begun else 'B'}-{metric}"
                begun.add(i)
                break
        out.append(tags.get(tag, 0))
    return out
