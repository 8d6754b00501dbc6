"""The one object that flows through the pipeline.

A Document owns the text; every annotation is a span of character offsets into
that text, so the output can always be traced back to the source. Components
add annotations; none of them re-parses what another produced.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from model.normalise import fold, label_view
from model.numbers import Number, find_numbers


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Table:
    """A table a reader could keep as structure; rowspan/colspan already resolved
    (a spanned cell appears in every grid position it covers)."""
    rows: list[list[Cell]]
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    label: str = "preamble"
    score: float = 1.0
    heading: bool = False      # a top-level heading (一、…, 第X部分, #)
    subheading: bool = False   # （一）… item heading inside a section
    named: bool = False        # a heading whose words the heading rules know (else labelled by position)
    ordinal: int | None = None  # a numbered heading's number (三、 -> 3)


@dataclass
class Fact:
    metric: str
    value: float
    unit: str
    start: int
    end: int
    origin: str = "text"       # "text" | "table"
    score: float = 1.0
    approximate: bool = False  # 余/多/近: the number is a bound, not exact


@dataclass
class Check:
    rule: str
    ok: bool | None            # None: not assessable
    message: str


@dataclass
class Document:
    id: str
    source: str
    text: str
    tables: list[Table] = field(default_factory=list)
    # Spans the reader saw styled as headings (HTML <h*>/bold/centred, DOCX heading styles).
    heading_hints: list[tuple[int, int]] = field(default_factory=list)
    # Where the text came from: "text" (a text layer or file), "ocr" (recognised from
    # scanned pages), "text+ocr" (a PDF with some pages scanned): figures read by OCR
    # deserve a look at the scan.
    source_kind: str = "text"
    template: str = "unknown"
    template_score: float = 0.0
    agency: str | None = None
    year: int | None = None
    sentences: list[Sentence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    not_reported: list[str] = field(default_factory=list)
    missing_sections: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    indicators: dict = field(default_factory=dict)  # model.indicators: id -> {value, numerator, denominator, reason}
    summary: str = ""
    summary_sources: list[dict] = field(default_factory=list)
    summary_method: str = ""
    model: dict = field(default_factory=lambda: {"name": "rules", "version": ""})
    error: str | None = None
    # Layers derived from the text, computed once and read by every component
    # (the text never changes after a reader made the Document).
    _layers: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def folded(self) -> str:
        """`fold(text)`: full-width and compatibility forms made plain, same offsets."""
        if "folded" not in self._layers:
            self._layers["folded"] = fold(self.text)
        return self._layers["folded"]

    @property
    def simplified(self) -> str:
        """`label_view(folded)`: also traditional characters made simplified, same offsets (the view the rules match)."""
        if "simplified" not in self._layers:
            self._layers["simplified"] = label_view(self.folded)
        return self._layers["simplified"]

    def numbers(self, start: int, end: int) -> list[Number]:
        """The number reader's spans in text[start:end] (value, unit, approximate),
        read once per span: the fact rules and the model read the same list."""
        key = ("numbers", start, end)
        if key not in self._layers:
            self._layers[key] = find_numbers(self.text, start, end)
        return self._layers[key]

    @classmethod
    def failed(cls, id: str, source: str, error: str) -> "Document":
        return cls(id=id, source=source, text="", error=error)

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start:s.end]

    def to_json(self) -> dict:
        """The output contract (shared spec): one JSON object per document."""
        out = {
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "source_kind": self.source_kind,
            "template": self.template,
            "agency": self.agency,
            "year": self.year,
            "sentences": [
                {"start": s.start, "end": s.end, "label": s.label,
                 "score": round(s.score, 4), "heading": s.heading}
                for s in self.sentences
            ],
            "facts": [
                {"metric": f.metric, "value": plain_number(f.value), "unit": f.unit,
                 "start": f.start, "end": f.end, "origin": f.origin,
                 "score": round(f.score, 4), "approximate": f.approximate}
                for f in self.facts
            ],
            "not_reported": list(self.not_reported),
            "missing_sections": list(self.missing_sections),
            "checks": [asdict(c) for c in self.checks],
            "indicators": {k: dict(v) for k, v in self.indicators.items()},
            "summary": self.summary,
            "summary_sources": list(self.summary_sources),
            "summary_method": self.summary_method,
            "model": dict(self.model),
            "error": self.error,
        }
        return out

    @classmethod
    def from_json(cls, record: dict) -> "Document":
        """An analysed document back from its output record (comparison, tests)."""
        sentences = [Sentence(s["start"], s["end"], s["label"], s["score"], s["heading"]) for s in record["sentences"]]
        facts = [Fact(f["metric"], f["value"], f["unit"], f["start"], f["end"], f["origin"], f["score"],
                      f["approximate"]) for f in record["facts"]]
        scalar = ("id", "source", "source_kind", "text", "template", "agency", "year", "not_reported",
                  "missing_sections", "summary", "summary_sources", "summary_method", "model", "error")
        return cls(**{k: record[k] for k in scalar}, sentences=sentences, facts=facts,
                   checks=[Check(**c) for c in record["checks"]], indicators=dict(record.get("indicators") or {}))


def plain_number(v: float) -> int | float:
    """A value as the report writes it: 5, not 5.0 (the one number formatter)."""
    return int(v) if float(v).is_integer() else v


def number_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
