"""Masked-LM pretraining of a small BERT from scratch on all report text.

The inputs are the same (context, sentence) pairs the tagger reads, so the
encoder learns the text it will see. 15% of tokens masked (80/10/10).
"""
from __future__ import annotations

import math
import random
import time

import torch
from transformers import BertConfig, BertForMaskedLM, DataCollatorForLanguageModeling

from training.optim import adamw


def pretrain(tokenizer, pairs: list[tuple[str, str]], size: dict, epochs: int, batch_size: int = 64,
             lr: float = 5e-4, max_length: int = 128, seed: int = 0, log=print) -> BertForMaskedLM:
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(tokenizer), max_position_embeddings=max_length + 32,
                        pad_token_id=tokenizer.pad_token_id, **size)
    model = BertForMaskedLM(config)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15, return_tensors="pt")
    order = list(range(len(pairs)))
    steps = epochs * math.ceil(len(order) / batch_size)
    optimizer, schedule = adamw(model.parameters(), lr, steps)
    rng = random.Random(seed)
    model.train()
    step, started = 0, time.time()
    for epoch in range(epochs):
        rng.shuffle(order)
        for lo in range(0, len(order), batch_size):
            batch = [pairs[i] for i in order[lo:lo + batch_size]]
            enc = tokenizer([a for a, _ in batch], [b for _, b in batch], truncation=True,
                            max_length=max_length)
            features = [{k: enc[k][i] for k in enc} for i in range(len(batch))]
            inputs = collator(features)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model(**inputs).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % 50 == 0 or step == steps:
                log(f"mlm epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} "
                    f"({time.time() - started:.0f}s)")
    return model
