"""A span classifier for prose figures on the fine-tuned encoder, scored beside
the rules by province fold of the dev set.

Every number the number reader finds in a sentence is a candidate. The shipped
encoder (frozen) reads its context: the sentence window around it paired with
the item heading above a bare number or the previous sentence's tail. The
candidate's features are the encoder states pooled over the number's tokens, the
words before it and the words after it, its measure word, and the metric the
rules read at that span (or none). A linear layer classifies it into a metric or
none. Labels: the dev set's gold (a candidate inside a fact's evidence with the
fact's value takes its metric) and, as silver, the rules' readings of the corpus.

    python -m training.facts_head            # 3-fold CV by province: rules vs rules + head

Each fold's head is trained on the other two folds' gold plus the corpus silver
and scored on the held-out fold; the threshold of the combine policy is chosen on
folds 0 and 1 and reported on fold 2 too. Minutes on 2 CPU cores.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict

import torch
from torch import nn

from model.document import Document
from model.pipeline import Pipeline
from model.taxonomy import metrics
from training.devset import DEVSET, excerpts, key

REPORTS = DEVSET.parent / "raw" / "corpus" / "reports"

UNITS = ["", "条", "件", "篇", "个", "次", "人", "名", "人次", "元", "万元", "期", "场", "份", "起", "例", "宗", "项"]
WINDOW = 40  # characters of the sentence before the number the encoder reads


def candidates(doc: Document) -> list[tuple]:
    """(number, context, window, number's offset in the window) per candidate."""
    out = []
    norm = doc.folded
    sentences = doc.sentences
    for i, s in enumerate(sentences):
        if s.heading:
            continue
        for n in doc.numbers(s.start, s.end):
            if n.unit == "%":
                continue
            a = max(s.start, n.start - WINDOW)
            window = norm[a:min(s.end, n.end + 12)]
            before = norm[sentences[i - 1].start:sentences[i - 1].end][-24:] if i else ""
            out.append((n, before, window, n.start - a, n.end - a))
    return out


@torch.inference_mode()
def featurise(tagger, docs: list[Document], rule_metric: list[dict]) -> tuple[torch.Tensor, list]:
    """Features per candidate (encoder pools, unit, the rules' metric) and the candidates."""
    model, tok = tagger.model, tagger.tokenizer
    all_metrics = list(metrics())
    rows, feats = [], []
    for doc, read in zip(docs, rule_metric):
        cands = candidates(doc)
        if not cands:
            continue
        enc = tok([c[1] for c in cands], [c[2] for c in cands], truncation="only_first", max_length=96,
                  padding=True, return_offsets_mapping=True, return_tensors="pt")
        states = model.encoder(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                               token_type_ids=enc["token_type_ids"]).last_hidden_state
        for row, (n, _, _, a, b) in enumerate(cands):
            types = enc["token_type_ids"][row].tolist()
            offs = enc["offset_mapping"][row].tolist()
            mask = enc["attention_mask"][row].tolist()
            parts = [[], [], []]
            for t, ((x, y), ty, m) in enumerate(zip(offs, types, mask)):
                if not m or ty != 1 or x == y:
                    continue
                parts[0 if y <= a else 1 if x < b else 2].append(t)
            pooled = [states[row, idx].mean(0) if idx else torch.zeros(states.size(-1)) for idx in parts]
            unit = torch.zeros(len(UNITS) + 1)
            unit[UNITS.index(n.unit) if n.unit in UNITS else len(UNITS)] = 1
            rule = torch.zeros(len(all_metrics) + 1)
            m = read.get((n.start, n.end))
            rule[all_metrics.index(m) if m else len(all_metrics)] = 1
            feats.append(torch.cat(pooled + [unit, rule]))
            rows.append((doc, n, m))
    return torch.stack(feats), rows


def gold_labels(row: dict, rows: list) -> list[str]:
    """The gold metric of each candidate of one excerpt, or "none"."""
    units = metrics()
    spans = []
    for f in row["facts"]:
        start = row["text"].find(f["evidence"])
        if start >= 0:
            spans.append((start, start + len(f["evidence"]), f["metric"], key(f["metric"], f["value"], units[f["metric"]]["unit"])))
    out = []
    for _, n, _ in rows:
        label = "none"
        for s, e, metric, k in spans:
            if s <= n.start and n.end <= e and key(metric, n.value, n.unit) == k:
                label = metric
                break
        out.append(label)
    return out


def analyse(pipeline: Pipeline, tagger, texts: list[tuple[str, str]]):
    docs = list(pipeline.analyze_many(Document(id=i, source=i, text=t) for i, t in texts))
    reads = [{(f.start, f.end): f.metric for f in d.facts if f.origin == "text"} for d in docs]
    x, rows = featurise(tagger, docs, reads)
    return docs, x, rows


def train_head(x: torch.Tensor, y: torch.Tensor, weight: torch.Tensor, classes: int, epochs: int = 300) -> nn.Module:
    torch.manual_seed(0)
    head = nn.Linear(x.size(1), classes)
    opt = torch.optim.Adam(head.parameters(), lr=1e-2, weight_decay=1e-4)
    for _ in range(epochs):
        opt.zero_grad()
        loss = (nn.functional.cross_entropy(head(x), y, reduction="none") * weight).mean()
        loss.backward()
        opt.step()
    return head


def combine(docs, rows, probs, classes, threshold: float, veto: float | None) -> dict[str, set]:
    """Per excerpt id, the prose facts (metric, value) of the policy: the rules'
    readings; plus the head's where it gives a metric the rules did not read at
    that number with `threshold`; minus the rules' where the head says none with `veto`."""
    out = {d.id: {(f.metric, f.value, f.unit, f.start, f.end, f.approximate) for f in d.facts if f.origin == "text"}
           for d in docs}
    have = defaultdict(set)
    for d in docs:
        have[d.id] = {f.metric for f in d.facts}
    for (doc, n, rule), p in zip(rows, probs):
        best = int(p.argmax())
        label, conf = classes[best], float(p[best])
        if rule is None and label != "none" and conf >= threshold and label not in have[doc.id]:
            out[doc.id].add((label, n.value, n.unit, n.start, n.end, n.approximate))
            have[doc.id].add(label)
        if rule is not None and veto is not None and label == "none" and conf >= veto:
            out[doc.id] = {f for f in out[doc.id] if (f[3], f[4]) != (n.start, n.end)}
    return out


def prose_score(gold_rows: list[dict], predicted: dict[str, set], docs) -> dict:
    units = metrics()
    tables = {d.id: {key(f.metric, f.value, f.unit) for f in d.facts if f.origin == "table"} for d in docs}
    read = right = found = total = 0
    for row in gold_rows:
        gold = {key(f["metric"], f["value"], units[f["metric"]]["unit"]) for f in row["facts"]}
        prose = {key(f["metric"], f["value"], units[f["metric"]]["unit"]) for f in row["facts"] if f["origin"] == "prose"}
        facts = {key(m, v, u) for m, v, u, _, _, approx in predicted[row["file"]] if not approx and m in units}
        every = facts | tables[row["file"]]
        read += len(facts)
        right += len(facts & gold)
        total += len(prose)
        found += len(prose & every)
    p, r = right / max(1, read), found / max(1, total)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / max(1e-9, p + r), 4),
            "read": f"{right}/{read}", "found": f"{found}/{total}"}


def main(argv: list[str] | None = None) -> None:
    from model.pipeline import DEFAULT_MODEL
    from model.tagger import Tagger

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--silver", type=int, default=212, help="corpus reports read for silver labels")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    pipeline, tagger = Pipeline("rules"), Tagger(DEFAULT_MODEL)
    dev = excerpts()
    docs, x, rows = analyse(pipeline, tagger, [(r["file"], r["text"]) for r in dev])
    by_file = {r["file"]: r for r in dev}
    labels = []
    for d in docs:
        labels += gold_labels(by_file[d.id], [r for r in rows if r[0] is d])
    corpus = sorted(REPORTS.glob("*.txt"))[:args.silver]
    _, xs, srows = analyse(pipeline, tagger, [(p.name, p.read_text(encoding="utf-8")) for p in corpus])
    slabels = [m or "none" for _, _, m in srows]
    classes = sorted(set(labels) | set(slabels))
    y = torch.tensor([classes.index(c) for c in labels])
    ys = torch.tensor([classes.index(c) for c in slabels])
    fold_of = {r["file"]: r["fold"] for r in dev}
    cand_fold = torch.tensor([fold_of[d.id] for d, _, _ in rows])
    probs = torch.zeros(len(rows), len(classes))
    for k in (0, 1, 2):
        train = cand_fold != k
        xt, yt = torch.cat([x[train], xs]), torch.cat([y[train], ys])
        w = torch.cat([torch.ones(int(train.sum())), torch.full((len(ys),), 0.3)])
        head = train_head(xt, yt, w, len(classes))
        with torch.no_grad():
            probs[~train] = head(x[~train]).softmax(-1)
    results = []
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95, 1.01):
        for veto in (None, 0.9, 0.97):
            predicted = combine(docs, rows, probs, classes, threshold, veto)
            for k in (0, 1, 2):
                gold_rows = [r for r in dev if r["fold"] == k]
                results.append({"threshold": threshold, "veto": veto, "fold": k,
                                **prose_score(gold_rows, predicted, [d for d in docs if fold_of[d.id] == k])})
    for r in results:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
