"""Model inputs from a Document, shared by inference (tagger.py) and training.

The document is read as one token stream: every sentence's tokens followed by
[SEP] (the sentence boundary). The stream is cut into windows of consecutive
sentences for the encoder (Cohan et al. 2019: all sentences of a passage in one
input): each window has a core, whose token states are kept, and up to
`context` tokens on either side that only give the core its neighbours. Cores
tile the stream, so every token is encoded in full context once (plus the
margins), instead of once per sentence with the tail of the previous one.
A sentence's vector is the mean of its tokens' core states, even where it
spans two cores. Tokenization uses the `tokenizers` library directly, so
inference needs neither torch nor transformers. Text is the folded view (same
offsets), so token offsets map back into the document.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.document import Document
from model.taxonomy import metrics


def fact_tags() -> list[str]:
    narrative = [m for m, spec in metrics().items() if spec["where"] == "text"]
    return ["O"] + [f"{p}-{m}" for m in narrative for p in ("B", "I")]


@dataclass
class Stream:
    """One document's tokens: `ids` (n,), `sentence` (n,) the sentence each token
    belongs to (-1 for the [SEP] boundaries), `spans` (n, 2) character offsets in
    the document (0, 0 for [SEP])."""
    ids: np.ndarray
    sentence: np.ndarray
    spans: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def streams(tokenizer, docs: list[list[tuple[int, int, str]]], sep_id: int) -> list[Stream]:
    """`tokenizer`: a `tokenizers.Tokenizer`; `docs`: per document, its sentences
    as (start, end, folded text). One batched tokenizer call for all sentences
    (whole: the windows, not the tokenizer, decide what fits)."""
    tokenizer.no_truncation()
    tokenizer.no_padding()
    texts = [t for doc in docs for _, _, t in doc]
    encodings = tokenizer.encode_batch(texts, add_special_tokens=False) if texts else []
    out, k = [], 0
    for doc in docs:
        ids, owner, spans = [], [], []
        for i, (start, _, _) in enumerate(doc):
            enc = encodings[k]
            k += 1
            ids += enc.ids + [sep_id]
            owner += [i] * len(enc.ids) + [-1]
            spans += [(start + a, start + b) for a, b in enc.offsets] + [(0, 0)]
        out.append(Stream(np.array(ids, dtype=np.int64), np.array(owner, dtype=np.int64),
                          np.array(spans, dtype=np.int64).reshape(-1, 2)))
    return out


def sentences_of(doc: Document) -> list[tuple[int, int, str]]:
    norm = doc.folded
    return [(s.start, s.end, norm[s.start:s.end]) for s in doc.sentences]


def window_width(core: int, context: int) -> int:
    """Tokens in the widest window: [CLS], the context before, the core, the context after."""
    return 1 + context + core + context


def windows(n: int, core: int, context: int, phase: int = 0) -> list[tuple[int, int, int, int]]:
    """(lo, hi, core_lo, core_hi) stream positions: cores tile [0, n); each window
    adds up to `context` tokens either side. `phase` shortens the first core
    (training varies where the cuts fall)."""
    out, lo = [], 0
    first = core - phase % core if phase else core
    while lo < n:
        hi = min(n, lo + (first if not out else core))
        out.append((max(0, lo - context), min(n, hi + context), lo, hi))
        lo = hi
    return out


@dataclass
class Batch:
    """Encoder inputs for the windows of several streams, and where each window's
    core lies: `core` (B, T) is True on the positions whose state is kept,
    `position` (B, T) the stream position (within its document) of each input token."""
    input_ids: np.ndarray
    attention_mask: np.ndarray
    core: np.ndarray
    position: np.ndarray
    doc: np.ndarray  # (B,) which stream each window reads


def batch(streams_: list[Stream], cuts: list[list[tuple[int, int, int, int]]], cls_id: int, pad_id: int) -> Batch:
    rows = [(d, w) for d, ws in enumerate(cuts) for w in ws]
    width = 1 + max((hi - lo for _, (lo, hi, _, _) in rows), default=0)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    core = np.zeros((len(rows), width), dtype=bool)
    position = np.full((len(rows), width), -1, dtype=np.int64)
    for r, (d, (lo, hi, clo, chi)) in enumerate(rows):
        ids[r, 0] = cls_id
        ids[r, 1:1 + hi - lo] = streams_[d].ids[lo:hi]
        mask[r, :1 + hi - lo] = 1
        core[r, 1 + clo - lo:1 + chi - lo] = True
        position[r, 1:1 + hi - lo] = np.arange(lo, hi)
    return Batch(ids, mask, core, position, np.array([d for d, _ in rows], dtype=np.int64))


def bio_labels(stream: Stream, facts: list[dict], tags: dict[str, int]) -> np.ndarray:
    """A fact tag per stream position: `facts` are {start, end, metric} in
    document offsets; [SEP] boundaries are -100 (never scored)."""
    out = np.where(stream.sentence >= 0, tags["O"], -100)
    for f in facts:
        inside = np.nonzero((stream.spans[:, 0] < f["end"]) & (f["start"] < stream.spans[:, 1])
                            & (stream.sentence >= 0))[0]
        if len(inside):
            out[inside[0]] = tags.get(f"B-{f['metric']}", tags["O"])
            out[inside[1:]] = tags.get(f"I-{f['metric']}", tags["O"])
    return out
