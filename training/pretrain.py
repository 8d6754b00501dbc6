"""Masked-LM pretraining of a small BERT from scratch on all report text.

The inputs are windows of the documents' token streams (model/features.py),
as wide as the tagger's, so the encoder learns the text and the sentence
boundaries it will see. 15% of tokens masked (80/10/10).
"""
from __future__ import annotations

import math
import random

import torch
from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling

from model.features import streams
from training.optim import optimise


def pretrain(tokenizer, docs: list[list[tuple[int, int, str]]], size: dict, epochs: int, width: int,
             batch_size: int = 32, lr: float = 5e-4, seed: int = 0, log=print) -> BertForMaskedLM:
    """`docs`: each document's sentences as (start, end, folded text)."""
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(tokenizer), max_position_embeddings=width,
                        pad_token_id=tokenizer.pad_token_id, **size)
    model = BertForMaskedLM(config)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15, return_tensors="pt")
    tok = tokenizer.backend_tokenizer
    chunks = [[tokenizer.cls_token_id, *s.ids[lo:lo + width - 1].tolist()]
              for s in streams(tok, docs, tokenizer.sep_token_id) for lo in range(0, len(s), width - 1)]
    steps = epochs * math.ceil(len(chunks) / batch_size)
    rng = random.Random(seed)

    def batches():
        rng.shuffle(chunks)
        for lo in range(0, len(chunks), batch_size):
            yield chunks[lo:lo + batch_size]

    def loss_of(batch):
        return model(**collator([{"input_ids": ids} for ids in batch])).loss

    log(f"MLM on {len(chunks)} windows of up to {width} tokens")
    optimise(model, batches, loss_of, epochs, steps, lr, "mlm", log, every=50)
    return model
