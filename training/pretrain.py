"""Masked-LM pretraining of a small BERT from scratch on all report text.

The inputs are the same (context, sentence) pairs the tagger reads, so the
encoder learns the text it will see. 15% of tokens masked (80/10/10).
"""
from __future__ import annotations

import math
import random

import torch
from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling

from training.optim import optimise


def pretrain(tokenizer, pairs: list[tuple[str, str]], size: dict, epochs: int, batch_size: int = 64,
             lr: float = 5e-4, max_length: int = 128, seed: int = 0, log=print) -> BertForMaskedLM:
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(tokenizer), max_position_embeddings=max_length + 32,
                        pad_token_id=tokenizer.pad_token_id, **size)
    model = BertForMaskedLM(config)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15, return_tensors="pt")
    order = list(range(len(pairs)))
    steps = epochs * math.ceil(len(order) / batch_size)
    rng = random.Random(seed)

    def batches():
        rng.shuffle(order)
        for lo in range(0, len(order), batch_size):
            yield [pairs[i] for i in order[lo:lo + batch_size]]

    def loss_of(batch):
        enc = tokenizer([a for a, _ in batch], [b for _, b in batch], truncation=True, max_length=max_length)
        return model(**collator([{k: enc[k][i] for k in enc} for i in range(len(batch))])).loss

    optimise(model, batches, loss_of, epochs, steps, lr, "mlm", log, every=50)
    return model
