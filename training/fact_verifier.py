"""A learned check on the rules' prose facts (issue 14: "a prose figure above a
threshold fixed on the dev set"), measured by province fold beside the rules.
It is an experiment, not a product part: the measurement (model/weights/README.md,
session 9) shows it removes a few wrong figures for about half as many right ones on
the text the rules were written against, and no wrong summary figure, so the
product's prose facts stay the rules'.

    python -m training.fact_verifier                         # the read groups: dev folds 0-2, web part 0
    python -m training.fact_verifier --test dev:3 --test web:1 --test web:2   # held out: aggregate only

The span classifier (training/span_classifier.py) asks which metric a number is;
this asks whether the rules' reading of it is right, given the words around it
and the metric the rules read (the rules' reading is its input, so it needs to
learn only where they fail). Each rules prose fact of the gold excerpts is one
example, right when the excerpt's gold holds its (metric, value). Features: the
characters before the number (20 here, where label phrases end) and after it,
as 1-3-grams bucketed by distance, each also paired with the metric read; the
words of a statement of none; how many figures of that metric the excerpt has.
A bag of hashed features (fastText-like: sum, tanh, a logistic output) learns
from a few thousand examples in seconds on 2 cores, and read better here than
the encoder's [MASK] state (the span classifier: P 0.70 alone).

Each test group's verifier trains on every gold excerpt from provinces outside
the group (dev and web sets), three seeds averaged. Two uses are scored with
`training.facts_eval.score`: a fact the verifier gives p below a threshold is
dropped (prose P/R move), or only kept out of the summary (its score lowered
below the summary's CONFIDENT; P/R stay).
"""
from __future__ import annotations

import argparse
import json
import random
import zlib
from collections.abc import Iterable, Iterator

import torch
from torch import nn

from model.document import Document, Fact
from model.normalise import simplified
from model.pipeline import Pipeline
from model.summary import summarise
from training.devset import DEVSET, WEB, excerpts, key
from training.facts_eval import gold_keys, read_from_text, score

BUCKETS = 1 << 18  # hashed features (collisions measured harmless against 1 << 20)
DIM = 16
LEFT_CHARS, RIGHT_CHARS = 24, 10  # 12 and 40 before the number read no better
SEEDS = (1, 2, 3)
THRESHOLDS = (0.1, 0.3, 0.5)


def _distance_bucket(d: int, edges: tuple[int, ...]) -> int:
    return next((i for i, e in enumerate(edges) if d < e), len(edges))


def features(norm: str, fact: Fact, facts: list[Fact]) -> list[int]:
    """Hashed feature ids of one prose fact in its (simplified) text."""
    m = fact.metric
    left = "".join(norm[max(0, fact.start - LEFT_CHARS):fact.start].split())
    right = "".join(norm[fact.end:fact.end + RIGHT_CHARS].split())
    span = "".join(norm[fact.start:fact.end].split())
    said_none = not any(c.isdigit() for c in span)  # "未收到…申请": the words are the evidence
    same = [f for f in facts if f.metric == m and f.origin == "text"]
    other_values = len({f.value for f in same}) > 1
    out = [f"M:{m}", f"N:{min(len(same), 3)}", f"NV:{other_values}", f"{m}|NV:{other_values}"]
    for n in (1, 2, 3):
        for i in range(len(left) - n + 1):
            g, b = left[i:i + n], _distance_bucket(len(left) - i - n, (2, 6, 12))
            out += [f"L{b}:{g}", f"L:{g}", f"{m}|L{b}:{g}", f"{m}|L:{g}"]
        for i in range(len(right) - n + 1):
            g, b = right[i:i + n], _distance_bucket(i, (2, 5))
            out += [f"R{b}:{g}", f"R:{g}", f"{m}|R{b}:{g}"]
        if said_none:
            out += [f"{p}S:{span[i:i + n]}" for i in range(len(span) - n + 1) for p in ("", f"{m}|")]
    return [zlib.crc32(x.encode()) % BUCKETS for x in out]


class Verifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.bag = nn.EmbeddingBag(BUCKETS, DIM, mode="sum", sparse=True)
        self.out = nn.Sequential(nn.Tanh(), nn.Linear(DIM, 1))
        nn.init.zeros_(self.bag.weight)

    def forward(self, ids: list[list[int]]) -> torch.Tensor:
        offsets = torch.tensor([0] + [len(f) for f in ids[:-1]]).cumsum(0)
        return self.out(self.bag(torch.tensor([i for f in ids for i in f]), offsets)).squeeze(-1)


def examples(rows: list[dict], rules: Pipeline) -> list[tuple[list[int], float]]:
    out = []
    docs = rules.analyze_many(Document(id=r["file"], source=r["file"], text=r["text"]) for r in rows)
    for row, doc in zip(rows, docs):
        gold, norm = gold_keys(row), simplified(doc.text)
        out += [(features(norm, f, doc.facts), float(key(f.metric, f.value, f.unit) in gold))
                for f in read_from_text(doc)]
    return out


def train(data: list[tuple[list[int], float]], seed: int, epochs: int = 6, lr: float = 1e-2) -> Verifier:
    torch.manual_seed(seed)
    rng, model = random.Random(seed), Verifier()
    # Sparse rows for the bag (only the features of a batch move), dense Adam for the rest.
    optimisers = [torch.optim.SparseAdam(list(model.bag.parameters()), lr=lr),
                  torch.optim.Adam(model.out.parameters(), lr=lr)]
    order = list(range(len(data)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in range(0, len(order), 32):
            batch = [data[j] for j in order[i:i + 32]]
            loss = nn.functional.binary_cross_entropy_with_logits(model([x for x, _ in batch]),
                                                                  torch.tensor([y for _, y in batch]))
            for o in optimisers:
                o.zero_grad()
            loss.backward()
            for o in optimisers:
                o.step()
    return model.eval()


class Verified:
    """The rules pipeline with the verifiers' check on its prose facts: below `threshold`
    a fact is dropped (`drop`) or only kept out of the summary."""

    def __init__(self, rules: Pipeline, models: list[Verifier], threshold: float, drop: bool):
        self.rules, self.models, self.threshold, self.drop = rules, models, threshold, drop

    def analyze_many(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in self.rules.analyze_many(docs):
            facts = read_from_text(doc)
            if facts:
                norm = simplified(doc.text)
                with torch.inference_mode():
                    ids = [features(norm, f, doc.facts) for f in facts]
                    p = sum(torch.sigmoid(m(ids)) for m in self.models) / len(self.models)
                doubted = {id(f): q for f, q in zip(facts, p.tolist()) if q < self.threshold}
                for f in facts:
                    f.score = min(f.score, doubted.get(id(f), f.score))  # below the summary's CONFIDENT
                if self.drop:
                    doc.facts = [f for f in doc.facts if id(f) not in doubted]
                summarise(doc)
            yield doc


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--test", action="append", help="test groups, as 'dev:K' or 'web:K' (default: the read "
                   "groups dev:0, dev:1, dev:2, web:0)")
    args = p.parse_args(argv)
    torch.set_num_threads(2)
    rules = Pipeline("rules")
    sets = {"dev": excerpts(root=DEVSET), "web": excerpts(root=WEB)}
    for group in args.test or ["dev:0", "dev:1", "dev:2", "web:0"]:
        name, k = group.split(":")
        test = [r for r in sets[name] if r["fold"] == int(k)]
        held = {r["province"] for r in test}
        data = examples([r for rows in sets.values() for r in rows if r["province"] not in held], rules)
        models = [train(data, seed) for seed in SEEDS]
        line = {"test": group, "trained on facts": len(data), "rules": _figures(score(rules, test))}
        for t in THRESHOLDS:
            line[f"drop p<{t}"] = _figures(score(Verified(rules, models, t, drop=True), test))
            line[f"summary only p<{t}"] = _figures(score(Verified(rules, models, t, drop=False), test))
        print(json.dumps(line, ensure_ascii=False), flush=True)


def _figures(s: dict) -> str:
    return f"P {s['prose_p']:.3f} R {s['prose_r']:.3f} · {s['prose_read']} · summary wrong {s['summary_wrong']}"


if __name__ == "__main__":
    main()
