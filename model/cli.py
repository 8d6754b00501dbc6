"""`xxgk`: the command line. Talks to the pipeline, never to its internals."""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterator

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk", description="Analyse Chinese government information-disclosure annual reports.")
    sub = parser.add_subparsers(dest="command", required=True)
    analyze = sub.add_parser("analyze", help="analyse report files and folders",
                             description="Analyse reports (.txt .html .pdf .docx .jsonl, folders "
                                         "recursively, '-' for stdin); one JSON line per report.")
    analyze.add_argument("paths", nargs="+", metavar="PATH")
    analyze.add_argument("--out", "-o", help="output file (default: stdout)")
    analyze.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                         help="jsonl: one document per line; csv: one row per fact")
    analyze.add_argument("--model", help="a model directory saved by `python -m training.train` "
                                         "(default: the shipped model); 'rules' for the rules alone")
    analyze.add_argument("--summarizer", help="a Hugging Face seq2seq checkpoint (Chinese BART/T5) to rewrite "
                                              "the summary; kept only where every number in it is a fact")
    return parser


CSV_FIELDS = ["id", "source", "template", "agency", "year", "metric", "value", "unit",
              "start", "end", "origin", "span", "error"]


def csv_rows(doc: dict) -> Iterator[dict]:
    base = {k: doc.get(k) for k in ("id", "source", "template", "agency", "year")}
    if doc.get("error") or not doc["facts"]:
        yield {**base, "error": doc.get("error") or ""}
        return
    for f in doc["facts"]:
        yield {**base, **{k: f[k] for k in ("metric", "value", "unit", "start", "end", "origin")},
               "span": doc["text"][f["start"]:f["end"]], "error": ""}


class Writer:
    """Writes each record whole, in one call, so a killed run never leaves half a line."""

    def __init__(self, stream, fmt: str):
        self.stream, self.fmt = stream, fmt
        if fmt == "csv":
            self._write_csv_row(dict(zip(CSV_FIELDS, CSV_FIELDS)))

    def _write_csv_row(self, row: dict) -> None:
        buf = io.StringIO()
        csv.DictWriter(buf, CSV_FIELDS, lineterminator="\n").writerow(row)
        self.stream.write(buf.getvalue())

    def write(self, doc: dict) -> None:
        if self.fmt == "jsonl":
            self.stream.write(json.dumps(doc, ensure_ascii=False) + "\n")
        else:
            for row in csv_rows(doc):
                self._write_csv_row(row)
        self.stream.flush()


def run_analyze(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from model.pipeline import Pipeline
    from model.readers import expand_paths, read_path

    if args.model and args.model != "rules" and not os.path.isfile(os.path.join(args.model, "config.json")):
        print(f"xxgk: error: --model {args.model}: no model there (expected config.json)", file=sys.stderr)
        return 2
    pipeline = Pipeline(args.model, summarizer=args.summarizer)
    paths = expand_paths(args.paths)
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        writer = Writer(out, args.format)
        bar = tqdm(paths, unit="file", file=sys.stderr, disable=not sys.stderr.isatty())
        docs = (doc for path in bar for doc in read_path(path))
        for doc in pipeline.analyze_many(docs):
            writer.write(doc.to_json())
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
