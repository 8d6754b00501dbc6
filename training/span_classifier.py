"""Prose figures read by the encoder (issue 14's span classification), measured
by province fold beside the rules. It is an experiment, not a product part: the
measurement (model/weights/README.md, "Prose facts: the encoder as a span
classifier") shows it reads worse than the rules on every fold, so the product
keeps the rules' readings.

    python -m training.span_classifier                       # one classifier per dev fold, and web part 1
    python -m training.span_classifier --test dev:3 --test web:1   # the held-out groups only

Candidates: every number the number reader finds (dates, phone numbers,
document and article numbers are never numbers there) with a measure word
other than %, outside headings and table rows. The classifier reads the
folded text around it with a [MASK] in the number's place
("…主动公开政府信息[MASK]条，其中…": what a figure counts is said by its words;
shown the digits, a classifier learns them) and gives a metric or "none".
The encoder is the shipped model's (our MLM, fine-tuned on sections) or any
Hugging Face BERT (`--encoder`); its vector is the [CLS] state beside the state
at the [MASK].

Labels: in the dev and web sets, a candidate inside the evidence of a gold prose
fact whose value it carries takes that metric (the first narrative one where a
figure states two); in the corpus, the rules' readings (silver). Each test
group's classifier trains on the corpus, its damaged copies, and the gold of
every province outside the group (dev and web sets alike); it is scored on the
group's candidates against the rules' reading of the same candidates, and the
combinations (the model overruling the rules where it is sure: adding,
vetoing, or both).
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch import nn
from transformers import BertModel

from model.document import Document
from model.facts import mentions, prose_numbers
from model.normalise import simplified
from model.numbers import Number
from model.taxonomy import metrics
from training.optim import optimise

ROOT = Path(__file__).resolve().parent.parent
NONE = "none"
MARK = "[MASK]"
LEFT_CHARS = 20   # most label phrases end within a clause of this length (40 read worse)
RIGHT_CHARS = 12  # the measure word and what may follow ("1名兼职工作人员")


@dataclass
class Recipe:
    encoder: str = str(ROOT / "model" / "weights")  # an xxgk model directory (its encoder) or an HF BERT
    epochs: int = 4
    lr: float = 3e-4
    batch_size: int = 32
    devset_repeat: int = 3  # the dev gold counts this many times the corpus silver
    seed: int = 13
    threads: int = 2


def candidates(doc: Document) -> list[Number]:
    """The numbers the rules read prose figures from (model/facts.py), with a measure word."""
    return [n for _, n in prose_numbers(doc, doc.simplified) if n.unit]


def context(doc: Document, n: Number) -> str:
    norm = simplified(doc.folded)
    return " ".join(f"{norm[max(0, n.start - LEFT_CHARS):n.start]}{MARK}{norm[n.end:n.end + RIGHT_CHARS]}".split())


def classes() -> list[str]:
    """"none", then the narrative metrics and the table metrics prose states."""
    return [NONE] + [m for m, spec in metrics().items() if spec["where"] == "text" or m.startswith(("t3.", "t4."))]


def devset_rows(rows: list[dict]) -> list[dict]:
    from training.data import analysed
    from training.devset import key

    units, known, out = metrics(), set(classes()), []
    for row in rows:
        doc = analysed(row["file"], row["text"])
        gold = []
        for f in row["facts"]:
            at = row["text"].find(f["evidence"])
            if f["origin"] == "prose" and at >= 0 and f["metric"] in known:
                gold.append((at, at + len(f["evidence"]), key(f["metric"], f["value"], units[f["metric"]]["unit"])))
        for n in candidates(doc):
            found = [k[0] for a, b, k in gold if a <= n.start and n.end <= b and key(k[0], n.value, n.unit) == k]
            narrative = [m for m in found if units[m]["where"] == "text"]
            out.append({**_row(doc, n, (narrative or found or [NONE])[0], row["fold"]), "province": row.get("province")})
    return out


def corpus_rows(reports: list[dict]) -> list[dict]:
    from training.data import analysed, silver_facts

    known, out = set(classes()), []
    for r in reports:
        doc = analysed(r["file"], r["text"])
        silver = {(f["start"], f["end"]): f["metric"] for f in silver_facts(doc)}
        out += [_row(doc, n, label if (label := silver.get((n.start, n.end), NONE)) in known else NONE, None)
                for n in candidates(doc)]
    return out


def _row(doc: Document, n: Number, label: str, fold: int | None) -> dict:
    return {"id": doc.id, "fold": fold, "text": context(doc, n), "label": label, "start": n.start}


def damaged(rows: list[dict], seed: int) -> list[dict]:
    """A damaged copy of each row: a PDF line break or spaces inside the words
    before the figure, or ASCII commas."""
    rng, out = random.Random(seed), []
    for r in rows:
        left, mark, rest = r["text"].partition(MARK)
        kind = rng.randrange(3)
        if kind == 0 and len(left) > 4:
            cut = rng.randrange(1, len(left))
            left = left[:cut] + " " + left[cut:]
        elif kind == 1:
            left = " ".join(left)
        else:
            left = left.replace("，", ",")
        out.append({**r, "text": left + mark + rest})
    return out


def encode(tokenizer, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """input_ids, attention_mask ([CLS] + the context, padded) and the [MASK]'s position mask."""
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    return batch["input_ids"], batch["attention_mask"], batch["input_ids"] == tokenizer.mask_token_id


class SpanClassifier(nn.Module):
    def __init__(self, encoder: BertModel, n_classes: int):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(2 * encoder.config.hidden_size, n_classes)

    def forward(self, input_ids, attention_mask, at_mask):
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        number = (states * at_mask.to(states.dtype).unsqueeze(-1)).sum(1)
        return self.head(torch.cat([states[:, 0], number], dim=-1))


def load_encoder(path: str):
    from transformers import AutoModel, AutoTokenizer

    from model.network import XxgkModel

    config = json.loads(Path(path, "config.json").read_text(encoding="utf-8"))
    tokenizer = AutoTokenizer.from_pretrained(path)
    if config.get("model_type") == "xxgk":
        return tokenizer, XxgkModel.from_pretrained(path).encoder
    return tokenizer, AutoModel.from_pretrained(path)


def train(rows: list[dict], recipe: Recipe, log=print):
    torch.manual_seed(recipe.seed)
    rng = random.Random(recipe.seed)
    tokenizer, encoder = load_encoder(recipe.encoder)
    index = {c: i for i, c in enumerate(classes())}
    model = SpanClassifier(encoder, len(index))

    def batches():
        order = list(rows)
        rng.shuffle(order)
        return [order[i:i + recipe.batch_size] for i in range(0, len(order), recipe.batch_size)]

    def loss(batch):
        logits = model(*encode(tokenizer, [r["text"] for r in batch]))
        return nn.functional.cross_entropy(logits.float(), torch.tensor([index[r["label"]] for r in batch]))

    optimise(model, batches, loss, recipe.epochs, recipe.epochs * len(batches()), recipe.lr, "span", log, every=200)
    return tokenizer, model.eval()


def predict(model: SpanClassifier, tokenizer, rows: list[dict]) -> list[tuple[str, float]]:
    names, out = classes(), []
    with torch.inference_mode():
        for i in range(0, len(rows), 256):
            p = torch.softmax(model(*encode(tokenizer, [r["text"] for r in rows[i:i + 256]])), -1)
            out += [(names[int(b)], float(p[j, b])) for j, b in enumerate(p.argmax(-1))]
    return out


def rules_reading(rows: list[dict], texts: dict[str, str]) -> list[str]:
    """The metric the rules read at each candidate ("none" where they read none)."""
    from training.data import analysed

    at: dict[tuple[str, int], str] = {}
    for file in sorted({r["id"] for r in rows}):
        for f in mentions(analysed(file, texts[file]))[0]:
            at.setdefault((file, f.start), f.metric)
    return [at.get((r["id"], r["start"]), NONE) for r in rows]


def scores(rows: list[dict], read: list[str]) -> dict:
    """Precision and recall of the metric read at each candidate against its label."""
    said = sum(r != NONE for r in read)
    right = sum(r != NONE and r == row["label"] for r, row in zip(read, rows))
    gold = sum(row["label"] != NONE for row in rows)
    return {"p": round(right / max(1, said), 3), "r": round(right / max(1, gold), 3), "right/read": f"{right}/{said}",
            "gold": gold}


def fold_figures(test: list[dict], rules: list[str], read: list[tuple[str, float]]) -> dict:
    line = {"rules": scores(test, rules), "model": scores(test, [c for c, _ in read])}
    # A report states a metric's figure for the year once: where the rules read the metric in the
    # excerpt, another candidate the model reads as it is more likely a part or another year's.
    ruled = {(row["id"], r) for row, r in zip(test, rules)}
    for t in (0.5, 0.9):
        sure = [(c, p >= t) for c, p in read]
        line[f"model overrules (p>={t})"] = scores(test, [c if s else r for r, (c, s) in zip(rules, sure)])
        line[f"model adds (p>={t})"] = scores(test, [c if s and r == NONE else r for r, (c, s) in zip(rules, sure)])
        line[f"model adds metrics the rules lack (p>={t})"] = scores(test, [
            c if s and r == NONE and (row["id"], c) not in ruled else r for row, r, (c, s) in zip(test, rules, sure)])
        line[f"model vetoes (p>={t})"] = scores(test, [NONE if s and c != r else r for r, (c, s) in zip(rules, sure)])
    return line


def main(argv: list[str] | None = None) -> None:
    from training.corpus import gold_reports
    from training.devset import WEB, excerpts, folds

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name, default in asdict(Recipe()).items():
        p.add_argument("--" + name.replace("_", "-"), type=type(default), default=default)
    p.add_argument("--test", action="append", help="test groups, as 'dev:K' or 'web:K' (default: every dev fold and "
                   "the web set's held-out part, web:1)")
    args = vars(p.parse_args(argv))
    groups = args.pop("test") or [f"dev:{k}" for k in sorted(set(folds().values()))] + ["web:1"]
    recipe = Recipe(**args)
    torch.set_num_threads(recipe.threads)
    gold = {"dev": excerpts(), "web": excerpts(root=WEB)}
    rows = {name: devset_rows(excerpts) for name, excerpts in gold.items()}
    corpus = corpus_rows(gold_reports())
    texts = {r["file"]: r["text"] for excerpts in gold.values() for r in excerpts}
    for group in groups:
        name, k = group.split(":")
        test = [r for r in rows[name] if r["fold"] == int(k)]
        # Trained on the gold of every other province (both sets), never on the test group's.
        held = {r["province"] for r in test}
        train_gold = [r for both in rows.values() for r in both if r["province"] not in held]
        data = corpus + damaged(corpus, recipe.seed) + (train_gold + damaged(train_gold, recipe.seed + 1)) * recipe.devset_repeat
        tokenizer, model = train(data, recipe, log=lambda *_: None)
        print(json.dumps({"test": group, "candidates": len(test), "trained on gold candidates": len(train_gold),
                          **fold_figures(test, rules_reading(test, texts), predict(model, tokenizer, test))},
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
