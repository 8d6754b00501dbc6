"""The recipe that makes the shipped model, in one command, seeded:

    python -m training.train                      # -> model/weights (≈ 19 min on 2 CPU cores)
    python -m training.train --base-model PATH    # start from any HF Chinese BERT instead of our MLM

Steps: corpus + gold section labels (data/) -> character vocabulary -> masked-LM
pretraining of a small BERT on all report text -> labelled documents with
augmentations -> fine-tuning of both heads -> save_pretrained.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SIZES = {
    "small": {"hidden_size": 128, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 512},
    "tiny": {"hidden_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 64},
}
DEFAULT_AUGMENTATIONS = ["no_headings", "no_headings_flat", "run_in", "pdf", "renamed"]
EPOCHS, MLM_EPOCHS = 3, 4


def make_encoder(reports: list[dict], args, log):
    """(tokenizer, encoder): our own MLM-pretrained BERT, or a given checkpoint's."""
    from transformers import AutoModel, AutoTokenizer

    base = args.base_model or getattr(args, "encoder", None)
    if base:
        return AutoTokenizer.from_pretrained(base), AutoModel.from_pretrained(base)
    from model.document import Document
    from model.features import sentence_pairs
    from model.segment import segment
    from training.pretrain import pretrain
    from training.tokenizer import build_tokenizer

    tokenizer = build_tokenizer([r["text"] for r in reports], Path(args.out))
    pairs = []
    for r in reports:
        doc = Document(id=r["file"], source=r["file"], text=r["text"])
        segment(doc)
        pairs += sentence_pairs(doc, args.context_chars)
    log(f"vocabulary {len(tokenizer)}, {len(pairs)} sentences for MLM")
    mlm = pretrain(tokenizer, pairs, SIZES[args.size], epochs=args.mlm_epochs, seed=args.seed,
                   max_length=args.max_length, log=log)
    if getattr(args, "save_encoder", None):
        mlm.bert.save_pretrained(args.save_encoder)
        tokenizer.save_pretrained(args.save_encoder)
    return tokenizer, mlm.bert


def train(reports: list[dict], args, log=print):
    from training.data import build
    from training.finetune import finetune

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    tokenizer, encoder = make_encoder(reports, args, log)
    data = build(reports, args.augment, args.context_chars, seed=args.seed)
    log(f"{len(data)} labelled documents, {sum(len(p) for p in data['pairs'])} sentences")
    model = finetune(encoder, tokenizer, data, epochs=args.epochs, seed=args.seed, max_length=args.max_length,
                     context_chars=args.context_chars, log=log)
    return tokenizer, model


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Train the xxgk model (MLM pretraining + fine-tuning).")
    p.add_argument("--out", default="model/weights")
    p.add_argument("--base-model", help="a Hugging Face BERT checkpoint (path or hub name) instead of our MLM")
    p.add_argument("--size", choices=SIZES, default="small")
    p.add_argument("--mlm-epochs", type=int, default=MLM_EPOCHS)
    p.add_argument("--epochs", type=int, default=EPOCHS)
    p.add_argument("--augment", nargs="*", default=DEFAULT_AUGMENTATIONS)
    p.add_argument("--max-reports", type=int, help="train on the first N reports only (smoke runs)")
    p.add_argument("--context-chars", type=int, default=24)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--save-encoder", help="also save the MLM-pretrained encoder here (for cross-validation)")
    p.add_argument("--encoder", help="a saved MLM encoder (--save-encoder) to fine-tune instead of pretraining")
    return p


def main(argv=None) -> None:
    from training.corpus import gold_reports

    args = parser().parse_args(argv)
    torch.set_num_threads(args.threads)
    reports = gold_reports()[: args.max_reports]
    started = time.time()
    tokenizer, model = train(reports, args)
    out = Path(args.out)
    model.config.xxgk_name = "xxgk-zh-" + ("custom" if args.base_model else args.size)
    model.config.xxgk_version = time.strftime("%Y.%m.%d")
    model.config.recipe = {k: v for k, v in vars(args).items() if k != "out"}
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    print(json.dumps({"saved": str(out), "minutes": round((time.time() - started) / 60, 1)}))


if __name__ == "__main__":
    main()
