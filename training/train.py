"""The recipe that makes the shipped model, in one command, seeded:

    python -m training.train --out model/weights  # the shipped model (≈ 19 min on 2 CPU cores)
    python -m training.train                      # -> runs/model (never the shipped model by default)
    python -m training.train --base-model PATH    # start from any HF Chinese BERT instead of our MLM

Steps: corpus + gold section labels (data/) -> character vocabulary -> masked-LM
pretraining of a small BERT on all report text -> labelled documents with
augmentations -> fine-tuning of both heads -> save_pretrained, with the
vocabulary and the recipe (training/config.py) beside the weights.
"""
from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import torch

from training.config import SIZES, TrainConfig, from_args

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def make_encoder(reports: list[dict], cfg: TrainConfig, log):
    """(tokenizer, encoder): our own MLM-pretrained BERT, or a given checkpoint's."""
    from transformers import AutoModel, AutoTokenizer

    base = cfg.base_model or cfg.encoder
    if base:
        return AutoTokenizer.from_pretrained(base), AutoModel.from_pretrained(base)
    from model.features import sentences_of, window_width
    from training.data import analysed
    from training.pretrain import pretrain
    from training.tokenizer import build_tokenizer

    tokenizer = build_tokenizer([r["text"] for r in reports], cfg.min_char_count)
    docs = [sentences_of(analysed(r["file"], r["text"])) for r in reports]
    log(f"vocabulary {len(tokenizer)}, {sum(map(len, docs))} sentences for MLM")
    mlm = pretrain(tokenizer, docs, SIZES[cfg.size], epochs=cfg.mlm_epochs,
                   width=window_width(cfg.core_tokens, cfg.context_tokens), batch_size=cfg.mlm_batch_size,
                   lr=cfg.mlm_lr, seed=cfg.seed, log=log)
    if cfg.save_encoder:
        mlm.bert.save_pretrained(cfg.save_encoder)
        tokenizer.save_pretrained(cfg.save_encoder)
    return tokenizer, mlm.bert


def train(reports: list[dict], cfg: TrainConfig, log=print):
    from training.data import build
    from training.finetune import finetune

    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    tokenizer, encoder = make_encoder(reports, cfg, log)
    data = build(reports, cfg.augment, seed=cfg.seed)
    log(f"{len(data)} labelled documents, {sum(len(t) for t in data['texts'])} sentences")
    return tokenizer, finetune(encoder, tokenizer, data, cfg, log=log)


def main(argv=None) -> None:
    from training.corpus import gold_reports
    from training.data import rules_labelled
    from training.devset import excerpts
    from training.export import export

    cfg = from_args(argv, "Train the xxgk model (MLM pretraining + fine-tuning).")
    torch.set_num_threads(cfg.threads)
    reports = gold_reports()[: cfg.max_reports]
    if cfg.devset_folds:
        reports += rules_labelled([r for r in excerpts() if r["fold"] in cfg.devset_folds])
    started = time.time()
    tokenizer, model = train(reports, cfg)
    out = Path(cfg.out)
    model.config.xxgk_name = "xxgk-zh-" + ("custom" if cfg.base_model else cfg.size)
    model.config.xxgk_version = time.strftime("%Y.%m.%d")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    cfg.save(out)
    export(out)
    print(json.dumps({"saved": str(out), "minutes": round((time.time() - started) / 60, 1)}))


if __name__ == "__main__":
    main()
