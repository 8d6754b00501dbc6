"""Fine-tunes the two-headed model on labelled documents (training/data.py).

A batch is a few documents (long ones cut into pieces of consecutive
sentences), each read in encoder windows as inference reads it; the section
head reads each piece's sentences in order, the fact head tags every token.
The label-transition scores used in decoding are counted from the training
labels, not learned by gradient.
"""
from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass

import numpy as np
import torch
from transformers import BertModel

from model.features import Stream, batch, bio_labels, fact_tags, streams, windows
from model.network import XxgkConfig, XxgkModel
from model.taxonomy import labels as section_labels
from training.config import TrainConfig
from training.optim import optimise


def transition_scores(sequences: list[list[str]], labels: list[str]) -> tuple[list[list[float]], list[float]]:
    """log P(next label | label) and log P(first label), add-one smoothed."""
    index = {l: i for i, l in enumerate(labels)}
    n = len(labels)
    counts = [[1.0] * n for _ in range(n)]
    starts = [1.0] * n
    for seq in sequences:
        if seq:
            starts[index[seq[0]]] += 1
        for a, b in zip(seq, seq[1:]):
            counts[index[a]][index[b]] += 1
    trans = [[math.log(c / sum(row)) for c in row] for row in counts]
    total = sum(starts)
    return trans, [math.log(s / total) for s in starts]


def section_weights(sequences: list[list[str]], labels: list[str]) -> list[float]:
    """Inverse square-root label frequency, mean 1 over the labels seen."""
    counts = Counter(l for seq in sequences for l in seq)
    raw = [(1.0 / counts[l]) ** 0.5 if counts[l] else 0.0 for l in labels]
    mean = sum(raw) / max(1, sum(1 for r in raw if r))
    return [r / mean for r in raw]


@dataclass
class Piece:
    """Consecutive sentences of one training document (the BiGRU's reach): its
    token stream, a label index per sentence and a fact tag per token."""
    stream: Stream
    labels: np.ndarray
    tags: np.ndarray


def pieces(tokenizer, train, config: XxgkConfig, piece_tokens: int) -> list[Piece]:
    """Every document tokenized once, cut at sentence boundaries into pieces of
    at most `piece_tokens` tokens."""
    label_index = {l: i for i, l in enumerate(config.section_labels)}
    tag_index = {t: i for i, t in enumerate(config.fact_tags)}
    texts = [[(a, b, t) for (a, b), t in zip(row["spans"], row["texts"])] for row in train]
    out = []
    for row, stream in zip(train, streams(tokenizer, texts, tokenizer.token_to_id("[SEP]"))):
        tags = bio_labels(stream, row["facts"], tag_index)
        labels = np.array([label_index[l] for l in row["labels"]])
        for first, stop, lo, hi in _cut(np.flatnonzero(stream.sentence < 0) + 1, piece_tokens):
            sentence = stream.sentence[lo:hi]
            out.append(Piece(Stream(stream.ids[lo:hi], np.where(sentence >= 0, sentence - first, -1),
                                    stream.spans[lo:hi]), labels[first:stop], tags[lo:hi]))
    return out


def _cut(ends: np.ndarray, limit: int) -> list[tuple[int, int, int, int]]:
    """(first sentence, stop sentence, first token, stop token) of each piece;
    `ends`: one past each sentence's last token ([SEP])."""
    out, first, lo = [], 0, 0
    for i, end in enumerate(ends):
        if end - lo > limit and i > first:
            out.append((first, i, lo, int(ends[i - 1])))
            first, lo = i, int(ends[i - 1])
    out.append((first, len(ends), lo, int(ends[-1]) if len(ends) else 0))
    return out


def _batches(items: list[Piece], rng: random.Random, batch_tokens: int) -> list[list[Piece]]:
    rng.shuffle(items)
    batches, current, size = [], [], 0
    for p in items:
        if current and size + len(p.stream) > batch_tokens:
            batches.append(current)
            current, size = [], 0
        current.append(p)
        size += len(p.stream)
    if current:
        batches.append(current)
    return batches


def tensors(batch_: list[Piece], config: XxgkConfig, cls_id: int, pad_id: int, rng: random.Random) -> dict:
    """The model's inputs for a batch of pieces, windows cut where inference cuts
    them but starting at a random phase."""
    cuts = [windows(len(p.stream), config.core_tokens, config.context_tokens, rng.randrange(config.core_tokens))
            for p in batch_]
    b = batch([p.stream for p in batch_], cuts, cls_id, pad_id)
    offsets = np.cumsum([0] + [len(p.labels) for p in batch_])
    token_sentence = np.full(b.input_ids.shape, -1, dtype=np.int64)
    fact_labels = np.full(b.input_ids.shape, -100, dtype=np.int64)
    for r, keep in enumerate(b.core):
        piece, positions = batch_[b.doc[r]], b.position[r, keep]
        sentence = piece.stream.sentence[positions]
        token_sentence[r, keep] = np.where(sentence >= 0, offsets[b.doc[r]] + sentence, -1)
        fact_labels[r, keep] = piece.tags[positions]
    return {"input_ids": torch.from_numpy(b.input_ids), "attention_mask": torch.from_numpy(b.attention_mask),
            "token_sentence": torch.from_numpy(token_sentence), "doc_lengths": [len(p.labels) for p in batch_],
            "section_labels": torch.from_numpy(np.concatenate([p.labels for p in batch_])),
            "fact_labels": torch.from_numpy(fact_labels)}


def finetune(encoder: BertModel, tokenizer, train, cfg: TrainConfig, log=print) -> XxgkModel:
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    labels = section_labels()
    sequences = list(train["labels"])
    trans, start = transition_scores(sequences, labels)
    config = XxgkConfig(encoder=encoder.config.to_dict(), section_labels=labels, fact_tags=fact_tags(),
                        transitions=trans, start_scores=start, gru_hidden=cfg.gru_hidden,
                        core_tokens=cfg.core_tokens, context_tokens=cfg.context_tokens,
                        section_weights=section_weights(sequences, labels), fact_positive_weight=cfg.fact_weight,
                        sentence_loss_weight=cfg.sentence_weight)
    model = XxgkModel(config)
    model.use_encoder(encoder)
    tok = tokenizer.backend_tokenizer
    items = pieces(tok, train, config, cfg.piece_tokens)
    cls_id, pad_id = tok.token_to_id("[CLS]"), tok.token_to_id("[PAD]")
    steps = cfg.epochs * len(_batches(list(items), random.Random(0), cfg.batch_tokens))
    optimise(model, lambda: _batches(items, rng, cfg.batch_tokens),
             lambda b: model(**tensors(b, config, cls_id, pad_id, rng))["loss"], cfg.epochs, steps, cfg.lr,
             "finetune", log)
    model.eval()
    return model
