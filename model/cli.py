"""`xxgk`: the command line. Talks to the pipeline, never to its internals."""
from __future__ import annotations

import argparse
import json
import os
import sys

from model.serialise import CSV_FIELDS, csv_rows  # noqa: F401  app.py's CSV download, until it imports model.serialise

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
    analyze.add_argument("--format", choices=("jsonl", "csv", "xlsx", "parquet"), default="jsonl",
                         help="jsonl: one document per line; csv: one row per fact; xlsx: a workbook (reports, "
                              "facts, checks; needs --out); parquet: one row per report, metric ids as columns")
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
    compare = sub.add_parser("compare", help="compare each agency's reports across years",
                             description="Group reports by agency, order their years, check last year's carry-over "
                                         "and in-force counts, year-on-year changes and repeated text. PATHs are "
                                         "reports, or JSONL that `xxgk analyze` wrote.")
    compare.add_argument("paths", nargs="+", metavar="PATH")
    compare.add_argument("--out", "-o", help="FILE.json or FILE.xlsx (default: JSON to stdout)")
    compare.add_argument("--mapping", help="agency names and years the reports do not give: a JSON object "
                                           "{name|id|file: agency or {agency, year}} or JSON lines with file, agency, year")
    compare.add_argument("--model", help="as for analyze (reports only; analysed JSONL is read as it is)")
    return parser


def run_analyze(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from model.serialise import BINARY, ResumeError, completed_sources, open_writer

    from model.readers import expand_paths, read_path

    if args.model and args.model != "rules" and not os.path.isfile(os.path.join(args.model, "config.json")):
        print(f"xxgk: error: --model {args.model}: no model there (expected config.json)", file=sys.stderr)
        return 2
    if args.resume and not args.out:
        print("xxgk: error: --resume needs --out", file=sys.stderr)
        return 2
    if args.format in BINARY and not args.out:
        print(f"xxgk: error: --format {args.format} needs --out", file=sys.stderr)
        return 2
    try:
        done = completed_sources(args.out, args.format) if args.resume else set()
    except ResumeError as e:
        print(f"xxgk: error: --resume: {e}", file=sys.stderr)
        return 2
    paths = expand_paths(args.paths)
    writer = open_writer(args.out, args.format, append=args.resume)
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


def run_compare(args: argparse.Namespace) -> int:
    from model.compare import compact, compare, load_mapping, write_json, write_xlsx
    from model.readers import expand_paths, read_path

    if args.out and not args.out.endswith((".json", ".xlsx")):
        print("xxgk: error: compare --out must end in .json or .xlsx", file=sys.stderr)
        return 2
    try:
        mapping = load_mapping(args.mapping) if args.mapping else None
    except (OSError, ValueError, KeyError) as e:
        print(f"xxgk: error: --mapping {args.mapping}: {e}", file=sys.stderr)
        return 2
    reports, analysed = [], []
    for path in expand_paths(args.paths):
        if _is_analysed(path):  # compacted line by line: only what comparing needs is kept
            analysed += [compact(r, mapping) for r in _read_analysed(path)]
        else:
            reports.append(path)
    if reports:
        from model.pipeline import ModelError, Pipeline

        try:
            pipeline = Pipeline(args.model)
        except ModelError as e:
            print(f"xxgk: error: --model {args.model}: {e}", file=sys.stderr)
            return 2
        docs = (doc for path in reports for doc in read_path(path))
        analysed += [compact(doc.to_json(), mapping) for doc in pipeline.analyze_many(docs)]
    result = compare(analysed, mapping)
    if not args.out:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    elif args.out.endswith(".xlsx"):
        write_xlsx(result, args.out)
    else:
        write_json(result, args.out)
    return 0


def _is_analysed(path: str) -> bool:
    """A JSONL file `xxgk analyze` wrote (its lines carry facts), not reports to analyse."""
    if not path.endswith(".jsonl") or not os.path.isfile(path):
        return False
    with open(path, encoding="utf-8-sig") as f:
        try:
            return "facts" in json.loads(f.readline())
        except (json.JSONDecodeError, TypeError):
            return False


def _read_analysed(path: str):
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args)
    if args.command == "compare":
        return run_compare(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
