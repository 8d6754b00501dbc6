"""Runs the network over Documents: every document's sentences as one token
stream in windows (model/features.py), batched across documents; section
decoding that knows the order sections come in; the fact head's reading of the
numbers the deterministic number reader finds (the Document's layer).
Numpy around the backend (model/backends.py): no per-sentence loop over tensors.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from model.backends import load_backend
from model.document import Document, Fact
from model.facts import unit_fits
from model.features import Stream, batch, sentences_of, streams, window_width, windows
from model.numbers import Number
from model.taxonomy import metrics

# A number becomes a model fact when the fact head gives one metric this much
# probability (fixed in advance, not tuned on the evaluation reports).
FACT_THRESHOLD = 0.5


@dataclass
class NumberReading:
    """The fact head's reading of one number the number reader found."""
    number: Number
    metric: str
    prob: float


@dataclass
class Reading:
    """The network's reading of one document: a label and its probability per
    sentence, and the fact head's reading of each number."""
    labels: list[str]
    probs: list[float]
    numbers: list[NumberReading]


def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray) -> list[int]:
    """Best label sequence under per-sentence log-probs plus label-transition scores."""
    score = start + emissions[0]
    back = []
    for e in emissions[1:]:
        total = score[:, None] + transitions  # (from, to)
        back.append(total.argmax(0))
        score = total.max(0) + e
    best = [int(score.argmax())]
    for idx in reversed(back):
        best.append(int(idx[best[-1]]))
    return best[::-1]


def log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    return x - np.log(np.exp(x).sum(-1, keepdims=True))


def mean_by_sentence(states: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """(n, H): the mean state of each sentence's tokens (`owner` ascending, -1 skipped)."""
    keep = owner >= 0
    idx, x = owner[keep], states[keep]
    out = np.zeros((n, states.shape[-1]), dtype=np.float32)
    if len(idx):
        starts = np.flatnonzero(np.r_[True, idx[1:] != idx[:-1]])
        counts = np.diff(np.r_[starts, len(idx)])
        out[idx[starts]] = np.add.reduceat(x, starts, axis=0) / counts[:, None]
    return out


class Tagger:
    def __init__(self, path: str | os.PathLike, batch_tokens: int = 16384, backend: str | None = None):
        """`backend`: "onnx" or "torch" (default: ONNX where the directory holds a current export)."""
        self.path = Path(path)
        config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        self.special = {t: self.tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")}
        self.backend = load_backend(self.path, backend)
        self.labels = config["section_labels"]
        self.core, self.context = config["core_tokens"], config["context_tokens"]
        # Sums B-m and I-m tag probabilities into one column per metric.
        tags = config["fact_tags"]
        self.fact_metrics = sorted({t.split("-", 1)[1] for t in tags if t != "O"})
        self.tag_to_metric = np.zeros((len(tags), len(self.fact_metrics)), dtype=np.float32)
        for i, tag in enumerate(tags):
            if tag != "O":
                self.tag_to_metric[i, self.fact_metrics.index(tag.split("-", 1)[1])] = 1.0
        self.transitions = np.array(config["transitions"], dtype=np.float32)
        self.start = np.array(config["start_scores"], dtype=np.float32)
        self.batch_tokens = batch_tokens
        self.name = config.get("xxgk_name", self.path.name)
        self.version = config.get("xxgk_version", "")

    def encode(self, texts: list[Stream]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Core token states and fact logits of each stream, in stream order."""
        cuts = [windows(len(s), self.core, self.context) for s in texts]
        states = [None] * len(texts)
        facts = [None] * len(texts)
        rows = [(d, w) for d, ws in enumerate(cuts) for w in ws]
        per_batch = max(1, self.batch_tokens // window_width(self.core, self.context))
        for lo in range(0, len(rows), per_batch):
            chunk = rows[lo:lo + per_batch]
            docs = sorted({d for d, _ in chunk})
            b = batch([texts[d] for d in docs], [[w for d, w in chunk if d == k] for k in docs],
                      self.special["[CLS]"], self.special["[PAD]"])
            out_states, out_facts = self.backend.tokens(b.input_ids, b.attention_mask)
            for r in range(len(b.doc)):
                d = docs[b.doc[r]]
                if states[d] is None:
                    states[d] = np.zeros((len(texts[d]), out_states.shape[-1]), dtype=np.float32)
                    facts[d] = np.zeros((len(texts[d]), out_facts.shape[-1]), dtype=np.float32)
                keep = b.core[r]
                states[d][b.position[r, keep]] = out_states[r, keep]
                facts[d][b.position[r, keep]] = out_facts[r, keep]
        return states, facts

    def run(self, docs: list[Document], alone: bool = False, with_facts: bool = False,
            fixed: list[dict[int, str]] | None = None) -> list[Reading]:
        """Per document: section labels, their probabilities and, with `with_facts`,
        the fact head's reading of every number the number reader finds. `alone`:
        every sentence read by itself, no neighbours (an evaluation condition).
        `fixed`: per document, sentences whose label is known (a heading the rules
        read): decoding goes through them, so their neighbours follow."""
        sep = self.special["[SEP]"]
        if alone:
            texts = streams(self.tokenizer, [[s] for d in docs for s in sentences_of(d)], sep)
        else:
            texts = streams(self.tokenizer, [sentences_of(d) for d in docs], sep)
        states, fact_logits = self.encode(texts)
        out, k = [], 0
        for d, doc in enumerate(docs):
            n = len(doc.sentences)
            own = range(k, k + (n if alone else 1))  # this document's streams (an empty one has one too)
            k = own.stop
            if n == 0:
                out.append(Reading([], [], []))
                continue
            if alone:
                pooled = np.stack([mean_by_sentence(states[i], texts[i].sentence, 1)[0] for i in own])
                logp = log_softmax(self.backend.sections(pooled[:, None, :])[:, 0])
                path = logp.argmax(-1).tolist()
                read = []
            else:
                i = own.start
                pooled = mean_by_sentence(states[i], texts[i].sentence, n)
                logp = log_softmax(self.backend.sections(pooled[None])[0])
                for at, label in (fixed[d] if fixed else {}).items():
                    logp[at] = np.where(np.arange(len(self.labels)) == self.labels.index(label), 0.0, -1e9)
                path = viterbi(logp, self.transitions, self.start)
                read = self._read_numbers(doc, texts[i], fact_logits[i]) if with_facts else []
            probs = np.exp(logp[np.arange(n), path]).tolist()
            out.append(Reading([self.labels[p] for p in path], probs, read))
        return out

    def _read_numbers(self, doc: Document, stream: Stream, logits: np.ndarray) -> list[NumberReading]:
        """The tag distribution averaged over each number's tokens, B- and I-
        mass added per metric: decoding is constrained to the spans of the
        deterministic number reader, which also gives the value."""
        numbers = [n for s in doc.sentences for n in doc.numbers(s.start, s.end) if n.unit != "%"]
        if not numbers:
            return []
        token_of = np.full(len(doc.text) + 1, -1, dtype=np.int64)
        real = np.flatnonzero(stream.sentence >= 0)
        lengths = stream.spans[real, 1] - stream.spans[real, 0]
        chars = np.repeat(stream.spans[real, 0], lengths) + _ranges(lengths)
        token_of[chars] = np.repeat(real, lengths)
        metric_mass = np.exp(log_softmax(logits)) @ self.tag_to_metric  # (tokens, metrics)
        cumulative = np.vstack([np.zeros((1, metric_mass.shape[1]), np.float32), np.cumsum(metric_mass, 0)])
        out = []
        for n in numbers:
            inside = token_of[n.start:n.end]
            inside = inside[inside >= 0]
            if not len(inside):
                continue
            first, last = int(inside.min()), int(inside.max())
            mass = (cumulative[last + 1] - cumulative[first]) / (last + 1 - first)
            best = int(mass.argmax())
            out.append(NumberReading(n, self.fact_metrics[best], float(mass[best])))
        return out

    @staticmethod
    def facts(read: list[NumberReading], threshold: float = FACT_THRESHOLD) -> list[Fact]:
        """Numbers the fact head gives a metric with at least `threshold`
        probability, where the measure word suits the metric."""
        return [Fact(r.metric, r.number.value, r.number.unit or metrics()[r.metric]["unit"], r.number.start,
                     r.number.end, "text", round(r.prob, 3), r.number.approximate)
                for r in read if r.prob >= threshold and unit_fits(r.metric, r.number.unit)]


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """0..l-1 for each l, concatenated."""
    ends = np.cumsum(lengths)
    return np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - lengths, lengths)
