"""Scores as the spec defines them.

Sections: agreement per non-whitespace character between the gold label and
the label of the predicted sentence covering it (accuracy and macro-F1).
Facts: precision/recall/F1 over (metric, value) pairs, values equal after unit scaling.
"""
from __future__ import annotations

from collections import Counter

from model.document import Document
from model.taxonomy import metrics


def char_labels(spans: list[dict], length: int) -> list[str | None]:
    out: list[str | None] = [None] * length
    for s in spans:
        for i in range(s["start"], min(s["end"], length)):
            out[i] = s["label"]
    return out


def predicted_char_labels(doc: Document) -> list[str | None]:
    return char_labels([{"start": s.start, "end": s.end, "label": s.label} for s in doc.sentences],
                       len(doc.text))


class SectionScore:
    """Accumulates per-character confusion over many documents."""

    def __init__(self) -> None:
        self.pairs: Counter = Counter()

    def add(self, text: str, gold: list[dict], predicted: list[str | None]) -> None:
        g = char_labels(gold, len(text))
        for i, c in enumerate(text):
            if not c.isspace() and g[i] is not None:
                self.pairs[(g[i], predicted[i])] += 1

    @property
    def total(self) -> int:
        return sum(self.pairs.values())

    def accuracy(self) -> float:
        right = sum(n for (g, p), n in self.pairs.items() if g == p)
        return right / self.total if self.total else 0.0

    def label_f1(self) -> dict[str, float]:
        """F1 of each gold label, per character."""
        out = {}
        for label in sorted({g for g, _ in self.pairs}):
            tp = self.pairs[(label, label)]
            fp = sum(n for (g, p), n in self.pairs.items() if p == label and g != label)
            fn = sum(n for (g, p), n in self.pairs.items() if g == label and p != label)
            out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        return out

    def macro_f1(self) -> float:
        f1s = list(self.label_f1().values())
        return sum(f1s) / len(f1s) if f1s else 0.0


UNIT_SCALE = {"万元": 10000, "万": 10000, "亿元": 1e8, "亿": 1e8}


def gold_reads(metric: str) -> bool:
    """Whether the hand-read golds (corpus and dev set) record this metric: the
    2019-format table 二 columns with no 2021 equivalent (本年新公开数量, 上一年项目数量,
    本年增/减 …) have metrics of their own but are left out of both golds."""
    return metrics().get(metric, {}).get("format") != "2019"


def fact_key(metric: str, value: float, unit: str) -> tuple[str, float]:
    return metric, round(float(value) * UNIT_SCALE.get(unit, 1), 4)


class FactScore:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: list[tuple[str, float]], predicted: list[tuple[str, float]]) -> None:
        g, p = Counter(gold), Counter(predicted)
        tp = sum((g & p).values())
        self.tp += tp
        self.fp += sum(p.values()) - tp
        self.fn += sum(g.values()) - tp

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0
