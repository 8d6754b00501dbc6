"""Fine-tunes the two-headed model on labelled documents (training/data.py).

A batch is a few documents (long ones cut into windows of sentences); the
section head reads each window's sentences in order, the fact head tags each
sentence's tokens. The label-transition scores used in decoding are counted
from the training labels, not learned by gradient.
"""
from __future__ import annotations

import math
import random
from collections import Counter

import torch
from transformers import BertModel

from model.features import bio_labels, encode, fact_tags
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


def _windows(dataset, window: int) -> list[dict]:
    out = []
    for row in dataset:
        for lo in range(0, len(row["pairs"]), window):
            out.append({k: row[k][lo:lo + window] for k in ("pairs", "labels", "facts")})
    return out


def _batches(windows: list[dict], rng: random.Random, batch_sentences: int) -> list[list[dict]]:
    rng.shuffle(windows)
    batches, current, size = [], [], 0
    for w in windows:
        if current and size + len(w["pairs"]) > batch_sentences:
            batches.append(current)
            current, size = [], 0
        current.append(w)
        size += len(w["pairs"])
    if current:
        batches.append(current)
    return batches


def tensors(tokenizer, batch: list[dict], config: XxgkConfig):
    pairs = [tuple(p) for w in batch for p in w["pairs"]]
    enc = encode(tokenizer, pairs, config.max_tokens)
    label_index = {l: i for i, l in enumerate(config.section_labels)}
    tag_index = {t: i for i, t in enumerate(config.fact_tags)}
    spans = [[(s["start"], s["end"], s["metric"]) for s in f] for w in batch for f in w["facts"]]
    fact_labels = [bio_labels(enc["offset_mapping"][i].tolist(), enc["token_type_ids"][i].tolist(), spans[i], tag_index)
                   for i in range(len(pairs))]
    return {
        "input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
        "token_type_ids": enc["token_type_ids"], "doc_lengths": [len(w["pairs"]) for w in batch],
        "section_labels": torch.tensor([label_index[l] for w in batch for l in w["labels"]]),
        "fact_labels": torch.tensor(fact_labels),
    }


def finetune(encoder: BertModel, tokenizer, train, cfg: TrainConfig, log=print) -> XxgkModel:
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    labels = section_labels()
    sequences = list(train["labels"])
    trans, start = transition_scores(sequences, labels)
    config = XxgkConfig(encoder=encoder.config.to_dict(), section_labels=labels, fact_tags=fact_tags(),
                        transitions=trans, start_scores=start, gru_hidden=cfg.gru_hidden,
                        max_tokens=cfg.max_length, context_chars=cfg.context_chars,
                        section_weights=section_weights(sequences, labels), fact_positive_weight=cfg.fact_weight,
                        sentence_loss_weight=cfg.sentence_weight)
    model = XxgkModel(config)
    model.use_encoder(encoder)
    windows = _windows(train, cfg.window)
    steps = cfg.epochs * len(_batches(list(windows), random.Random(0), cfg.batch_sentences))
    optimise(model, lambda: _batches(windows, rng, cfg.batch_sentences),
             lambda batch: model(**tensors(tokenizer, batch, config))["loss"], cfg.epochs, steps, cfg.lr,
             "finetune", log)
    model.eval()
    return model
