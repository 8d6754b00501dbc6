"""Runs the network over Documents: batching across documents, section
decoding that knows the order sections come in, fact spans from BIO tags."""
from __future__ import annotations

import os
from pathlib import Path

import torch
from transformers import AutoTokenizer
from transformers.utils import logging as hf_logging

hf_logging.set_verbosity_error()
hf_logging.disable_progress_bar()

from model.document import Document, Fact
from model.features import encode, sentence_pairs
from model.network import XxgkModel
from model.numbers import find_numbers
from model.taxonomy import metrics

DEFAULT_MODEL = Path(__file__).parent / "weights"


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
    def __init__(self, path: str | os.PathLike = DEFAULT_MODEL, batch_sentences: int = 256, onnx: str | None = None):
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
        self.tags = config.fact_tags
        self.transitions = torch.tensor(config.transitions)
        self.start = torch.tensor(config.start_scores)
        self.batch_sentences = batch_sentences
        self.name = getattr(config, "xxgk_name", self.path.name)
        self.version = getattr(config, "xxgk_version", "")

    @torch.inference_mode()
    def run(self, docs: list[Document], alone: bool = False, with_facts: bool = False) -> list[dict]:
        """Per document: section labels, their probabilities and, with `with_facts`,
        the fact head's spans (the product does not use them; evaluation does).
        `alone`: every sentence read by itself, no neighbours (an evaluation condition)."""
        cfg = self.model.config
        pairs = [pair for doc in docs for pair in sentence_pairs(doc, cfg.context_chars, not alone)]
        pooled = [None] * len(pairs)
        facts: list[list[tuple[int, int, str]]] = [[] for _ in pairs]
        order = sorted(range(len(pairs)), key=lambda k: len(pairs[k][0]) + len(pairs[k][1]))
        for lo in range(0, len(order), self.batch_sentences):
            idx = order[lo:lo + self.batch_sentences]
            enc = encode(self.tokenizer, [pairs[k] for k in idx], cfg.max_tokens)
            vecs, fact_logits = self.encode(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
            tags = fact_logits.argmax(-1) if with_facts else None
            for row, k in enumerate(idx):
                pooled[k] = vecs[row]
                if with_facts:
                    facts[k] = self._spans(tags[row].tolist(), enc["offset_mapping"][row].tolist(),
                                           enc["token_type_ids"][row].tolist())
        out = []
        pos = 0
        for doc in docs:
            n = len(doc.sentences)
            if n == 0:
                out.append({"labels": [], "probs": [], "facts": []})
                continue
            if alone:
                logp = self.model.section_logits(torch.stack(pooled[pos:pos + n]), [1] * n).log_softmax(-1)
                path = logp.argmax(-1).tolist()
            else:
                logp = self.model.section_logits(torch.stack(pooled[pos:pos + n]), [n]).log_softmax(-1)
                path = viterbi(logp, self.transitions, self.start)
            probs = logp.exp()[torch.arange(n), torch.tensor(path)].tolist()
            out.append({"labels": [self.labels[p] for p in path], "probs": probs, "facts": facts[pos:pos + n]})
            pos += n
        return out

    def _spans(self, tags: list[int], offsets: list[list[int]], types: list[int]) -> list[tuple[int, int, str]]:
        spans: list[list] = []
        for tag_id, (a, b), t in zip(tags, offsets, types):
            if t != 1 or a == b:
                continue
            tag = self.tags[tag_id]
            if tag == "O":
                continue
            prefix, metric = tag.split("-", 1)
            if prefix == "I" and spans and spans[-1][2] == metric and spans[-1][1] >= a - 1:
                spans[-1][1] = b
            else:
                spans.append([a, b, metric])
        return [tuple(s) for s in spans]

    def facts(self, doc: Document, spans_per_sentence: list[list[tuple[int, int, str]]]) -> list[Fact]:
        """Values come from the deterministic number reader over each tagged span."""
        out = []
        for s, spans in zip(doc.sentences, spans_per_sentence):
            for a, b, metric in spans:
                numbers = find_numbers(doc.text, s.start + a, min(s.end, s.start + b + 4))
                if not numbers:
                    continue
                n = numbers[0]
                out.append(Fact(metric, n.value, n.unit or metrics()[metric]["unit"], n.start, n.end,
                                "text", 0.8, n.approximate))
        return out
