"""Runs the network over Documents: batching across documents, section
decoding that knows the order sections come in, and the fact head's reading
of the numbers the deterministic number reader finds."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoTokenizer
from transformers.utils import logging as hf_logging

hf_logging.set_verbosity_error()
hf_logging.disable_progress_bar()

from model.document import Document, Fact, Sentence
from model.facts import unit_fits
from model.features import encode, sentence_pairs
from model.network import XxgkModel
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


def viterbi(emissions: torch.Tensor, transitions: torch.Tensor, start: torch.Tensor) -> list[int]:
    """Best label sequence under per-sentence log-probs plus label-transition scores."""
    score = start + emissions[0]
    back = []
    for e in emissions[1:]:
        total = score.unsqueeze(1) + transitions  # (from, to)
        score, idx = total.max(0)
        score = score + e
        back.append(idx)
    best = [int(score.argmax())]
    for idx in reversed(back):
        best.append(int(idx[best[-1]]))
    return best[::-1]


class Tagger:
    def __init__(self, path: str | os.PathLike, batch_sentences: int = 256, onnx: str | None = None):
        """`onnx`: an encoder exported by model/onnx_runtime.py to run instead of torch's."""
        self.path = Path(path)
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self.model = XxgkModel.from_pretrained(self.path).eval()
        if onnx:
            from model.onnx_runtime import OrtEncoder

            self.encode = OrtEncoder(onnx)
        else:
            self.encode = self.model.encode_sentences
        config = self.model.config
        self.labels = config.section_labels
        # Sums B-m and I-m tag probabilities into one column per metric.
        self.fact_metrics = sorted({t.split("-", 1)[1] for t in config.fact_tags if t != "O"})
        self.tag_to_metric = torch.zeros(len(config.fact_tags), len(self.fact_metrics))
        for i, tag in enumerate(config.fact_tags):
            if tag != "O":
                self.tag_to_metric[i, self.fact_metrics.index(tag.split("-", 1)[1])] = 1.0
        self.transitions = torch.tensor(config.transitions)
        self.start = torch.tensor(config.start_scores)
        self.batch_sentences = batch_sentences
        self.name = getattr(config, "xxgk_name", self.path.name)
        self.version = getattr(config, "xxgk_version", "")

    @torch.inference_mode()
    def run(self, docs: list[Document], alone: bool = False, with_facts: bool = False) -> list[Reading]:
        """Per document: section labels, their probabilities and, with `with_facts`,
        the fact head's reading of every number the number reader finds. `alone`: every sentence read by itself,
        no neighbours (an evaluation condition)."""
        cfg = self.model.config
        pairs, where = [], []
        for doc in docs:
            pairs += sentence_pairs(doc, cfg.context_chars, not alone)
            where += [(doc, s) for s in doc.sentences]
        pooled = [None] * len(pairs)
        facts: list[list] = [[] for _ in pairs]
        order = sorted(range(len(pairs)), key=lambda k: len(pairs[k][0]) + len(pairs[k][1]))
        for lo in range(0, len(order), self.batch_sentences):
            idx = order[lo:lo + self.batch_sentences]
            enc = encode(self.tokenizer, [pairs[k] for k in idx], cfg.max_tokens)
            vecs, fact_logits = self.encode(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
            probs = fact_logits.float().softmax(-1) if with_facts else None  # one softmax per batch
            for row, k in enumerate(idx):
                pooled[k] = vecs[row]
                doc, s = where[k]
                if with_facts and doc.numbers(s.start, s.end):  # most sentences hold no number
                    facts[k] = self._read_numbers(doc, s, probs[row], enc["offset_mapping"][row].tolist(),
                                                  enc["token_type_ids"][row].tolist())
        out = []
        pos = 0
        for doc in docs:
            n = len(doc.sentences)
            if n == 0:
                out.append(Reading([], [], []))
                continue
            if alone:
                logp = self.model.section_logits(torch.stack(pooled[pos:pos + n]), [1] * n).log_softmax(-1)
                path = logp.argmax(-1).tolist()
            else:
                logp = self.model.section_logits(torch.stack(pooled[pos:pos + n]), [n]).log_softmax(-1)
                path = viterbi(logp, self.transitions, self.start)
            probs = logp.exp()[torch.arange(n), torch.tensor(path)].tolist()
            out.append(Reading([self.labels[p] for p in path], probs,
                               [f for sentence in facts[pos:pos + n] for f in sentence]))
            pos += n
        return out

    def _read_numbers(self, doc: Document, s: Sentence, probs: torch.Tensor, offsets: list[list[int]],
                      types: list[int]) -> list[NumberReading]:
        """The tag distribution averaged over each number's tokens, B- and I-
        mass added per metric: decoding is constrained to the spans of the
        deterministic number reader, which also gives the value."""
        out = []
        for n in doc.numbers(s.start, s.end):
            if n.unit == "%":
                continue
            a, b = n.start - s.start, n.end - s.start
            rows = [i for i, ((x, y), t) in enumerate(zip(offsets, types)) if t == 1 and x < b and a < y]
            if not rows:  # cut off by max_tokens
                continue
            mass = probs[rows].mean(0) @ self.tag_to_metric
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
