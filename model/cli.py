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
    analyze.add_argument("--resume", action="store_true",
                         help="append to --out, skipping the documents it already holds")
    analyze.add_argument("--engine", choices=("local", "ray"), default="local",
                         help="ray: run on Ray Data (pip install .[ray]); RAY_ADDRESS or --ray-address picks the cluster")
    analyze.add_argument("--ray-address", help="a Ray cluster address (default: RAY_ADDRESS, else a local Ray)")
    analyze.add_argument("--workers", type=int, default=2, help="Ray actors, each with the model loaded once")
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
    """Writes each record whole, in one system call, so a killed run never
    leaves half a line (`--resume` drops one anyway, should the disk have)."""

    def __init__(self, path: str | None, fmt: str, append: bool = False):
        self.fmt = fmt
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC), 0o644) \
            if path else None
        if fmt == "csv" and not (append and os.path.getsize(path)):
            self._emit(self._csv(dict(zip(CSV_FIELDS, CSV_FIELDS))))

    @staticmethod
    def _csv(row: dict) -> str:
        buf = io.StringIO()
        csv.DictWriter(buf, CSV_FIELDS, lineterminator="\n").writerow(row)
        return buf.getvalue()

    def _emit(self, text: str) -> None:
        if self.fd is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        data = text.encode("utf-8")
        while data:
            data = data[os.write(self.fd, data):]

    def write(self, doc: dict) -> None:
        if self.fmt == "jsonl":
            self._emit(json.dumps(doc, ensure_ascii=False) + "\n")
        else:
            self._emit("".join(self._csv(row) for row in csv_rows(doc)))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


def completed_sources(path: str, fmt: str) -> set[str]:
    """Sources already in an output file; a trailing partial line is cut off."""
    if not os.path.exists(path):
        return set()
    with open(path, "rb+") as f:
        data = f.read()
        if data and not data.endswith(b"\n"):
            keep = data.rfind(b"\n") + 1
            f.truncate(keep)
            data = data[:keep]
    lines = data.decode("utf-8").splitlines()
    if fmt == "csv":
        return {row["source"] for row in csv.DictReader(lines)}
    return {json.loads(line)["source"] for line in lines if line.strip()}


def run_analyze(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from model.readers import expand_paths, read_path

    if args.model and args.model != "rules" and not os.path.isfile(os.path.join(args.model, "config.json")):
        print(f"xxgk: error: --model {args.model}: no model there (expected config.json)", file=sys.stderr)
        return 2
    if args.resume and not args.out:
        print("xxgk: error: --resume needs --out", file=sys.stderr)
        return 2
    done = completed_sources(args.out, args.format) if args.resume else set()
    paths = expand_paths(args.paths)
    writer = Writer(args.out, args.format, append=args.resume)
    bar = tqdm(total=len(paths), unit="file", file=sys.stderr, disable=not sys.stderr.isatty())
    try:
        for record in _records(paths, args, done, bar, read_path):
            writer.write(record)
    finally:
        bar.close()
        writer.close()
    return 0


def _records(paths, args, done, bar, read_path):
    if args.engine == "ray":
        from model.distributed import analyze_with_ray

        todo = [p for p in paths if p not in done]
        bar.update(len(paths) - len(todo))
        for record in analyze_with_ray(todo, args.model, args.workers, args.ray_address or os.environ.get("RAY_ADDRESS"),
                                       args.summarizer):
            if record["source"] not in done:
                yield record
        bar.update(len(todo))
        return
    from model.pipeline import Pipeline

    pipeline = Pipeline(args.model, summarizer=args.summarizer)

    def documents():
        for path in paths:
            for doc in read_path(path):
                if doc.source not in done:
                    yield doc
            bar.update(1)

    for doc in pipeline.analyze_many(documents()):
        yield doc.to_json()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
