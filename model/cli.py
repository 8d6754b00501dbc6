"""`xxgk`: the command line. Talks to the pipeline, never to its internals."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys

from model.serialise import BINARY

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

FORMATS = ".txt .html .pdf（含扫描件）.docx .doc .xlsx .xls .png .jpg .tif .jsonl"


class UsageError(Exception):
    """A wrong command line: one line on stderr, exit status 2."""


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是 {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是 {n}")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为秒数，而不是 {value!r}") from None
    if not n > 0:
        raise argparse.ArgumentTypeError(f"应为正的秒数，而不是 {value}")
    return n


def _parser() -> argparse.ArgumentParser:
    from model.readers import DOCUMENT_SECONDS

    parser = argparse.ArgumentParser(
        prog="xxgk", description="Analyse Chinese government information-disclosure annual reports.")
    sub = parser.add_subparsers(dest="command", required=True)
    analyze = sub.add_parser("analyze", help="analyse report files and folders",
                             description=f"Analyse reports ({FORMATS}; folders recursively, "
                                         "'-' for stdin); one JSON line per report.")
    analyze.add_argument("paths", nargs="+", metavar="PATH")
    analyze.add_argument("--out", "-o", help="output file (default: stdout)")
    analyze.add_argument("--format", choices=("jsonl", "csv", "xlsx", "parquet"), default="jsonl",
                         help="jsonl: one document per line; csv: one row per fact (UTF-8 with BOM, for Excel); "
                              "xlsx: a workbook (reports, facts, checks; needs --out); parquet: one row per "
                              "report, metric ids as columns")
    analyze.add_argument("--model", help="a model directory saved by `python -m training.train` "
                                         "(default: the shipped model); 'rules' for the rules alone")
    analyze.add_argument("--resume", action="store_true",
                         help="append to --out, skipping the documents it already holds")
    analyze.add_argument("--engine", choices=("local", "ray"), default="local",
                         help="ray: run on Ray Data (pip install .[ray]); RAY_ADDRESS or --ray-address picks the cluster")
    analyze.add_argument("--ray-address", help="a Ray cluster address (default: RAY_ADDRESS, else a local Ray)")
    analyze.add_argument("--workers", type=_positive, default=2, help="Ray actors, each with the model loaded once")
    analyze.add_argument("--summarizer", help="a Hugging Face seq2seq checkpoint (Chinese BART/T5) to rewrite "
                                              "the summary; kept only where every number in it is a fact")
    analyze.add_argument("--budget", type=_seconds, default=DOCUMENT_SECONDS, metavar="SECONDS",
                         help="seconds one document may take to read and analyse; past it, the document is "
                              f"an error record and the batch goes on (default {DOCUMENT_SECONDS})")
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


def _say(message: str) -> None:
    print(f"xxgk: {message}", file=sys.stderr, flush=True)


_LINE = re.compile(r"^(.*):(\d+)$")


def source_key(source: str) -> str:
    """One spelling per input, whatever path led to it (d/r.txt, ./d/r.txt, $PWD/d/r.txt):
    the resolved path, with a .jsonl record's ':line' kept."""
    if source == "-" or "://" in source:
        return source
    m = _LINE.match(source)
    if m and not os.path.exists(source) and os.path.exists(m.group(1)):
        return f"{os.path.realpath(m.group(1))}:{m.group(2)}"
    return os.path.realpath(source)


def _check_arguments(args: argparse.Namespace) -> None:
    if args.model and args.model != "rules" and not os.path.isfile(os.path.join(args.model, "config.json")):
        raise UsageError(f"--model {args.model}: no model there (expected config.json)：这里没有模型")
    if args.resume and not args.out:
        raise UsageError("--resume needs --out：续跑需要用 --out 指定输出文件")
    if args.format in BINARY and not args.out:
        raise UsageError(f"--format {args.format} needs --out：请用 --out 指定输出文件")
    if args.out:
        folder = os.path.dirname(os.path.abspath(args.out))
        if os.path.isdir(args.out):
            raise UsageError(f"--out {args.out}：这是一个文件夹，请给出文件名")
        if not os.path.isdir(folder):
            raise UsageError(f"--out {args.out}：文件夹 {folder} 不存在")
        if not os.access(folder, os.W_OK) or os.path.exists(args.out) and not os.access(args.out, os.W_OK):
            raise UsageError(f"--out {args.out}：没有写入权限")
    if args.summarizer:
        _check_summarizer(args.summarizer)


def _check_summarizer(name: str) -> None:
    """A local checkpoint folder, or a hub id already in the offline cache."""
    if os.path.isdir(name):
        if not os.path.isfile(os.path.join(name, "config.json")):
            raise UsageError(f"--summarizer {name}：这里没有模型（缺少 config.json）")
        return
    from huggingface_hub import try_to_load_from_cache

    try:
        cached = try_to_load_from_cache(name, "config.json")  # the cache only, never the network
    except ValueError:  # not even a valid hub id
        cached = None
    if not isinstance(cached, str):
        raise UsageError(f"--summarizer {name}：找不到这个模型（既不是本地文件夹，也不在离线缓存中）")


def run_analyze(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from model.readers import expand_paths, read_path
    from model.serialise import ResumeError, completed_sources, open_writer

    _check_arguments(args)
    done: set[str] = set()
    if args.resume:
        try:
            done = {source_key(s) for s in completed_sources(args.out, args.format)}
        except ResumeError as e:
            raise UsageError(f"--resume：{args.out} 不是 xxgk 的 {args.format} 输出（{e}），不能续写") from None
    paths = expand_paths(args.paths, warn=lambda m: _say(f"警告：{m}"), exclude=args.out)
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

        todo = [p for p in paths if source_key(p) not in done]
        bar.update(len(paths) - len(todo))
        for record in analyze_with_ray(todo, args.model, args.workers, args.ray_address or os.environ.get("RAY_ADDRESS"),
                                       args.summarizer, args.budget):
            if source_key(record["source"]) not in done:
                yield record
        bar.update(len(todo))
        return
    from model.pipeline import Pipeline

    pipeline = Pipeline(args.model, summarizer=args.summarizer)

    def progress(message: str) -> None:
        bar.set_postfix_str(message, refresh=True)

    def analyse(docs):
        return list(pipeline.analyze_many(d for d in docs if source_key(d.source) not in done))

    for path in paths:
        if source_key(path) not in done:  # a .jsonl's records are keyed path:line, so it is read
            for doc in read_path(path, args.budget, progress, analyse):
                yield doc.to_json()
        bar.update(1)


def run_compare(args: argparse.Namespace) -> int:
    from model.compare import compact, compare, load_mapping, write_json, write_xlsx
    from model.readers import expand_paths, read_path

    if args.out and not args.out.endswith((".json", ".xlsx")):
        raise UsageError("compare --out must end in .json or .xlsx：输出文件应以 .json 或 .xlsx 结尾")
    try:
        mapping = load_mapping(args.mapping) if args.mapping else None
    except (OSError, ValueError, KeyError) as e:
        raise UsageError(f"--mapping {args.mapping}: {e}") from None
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
            raise UsageError(f"--model {args.model}: {e}") from None
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
    try:
        if args.command == "analyze":
            return run_analyze(args)
        if args.command == "compare":
            return run_compare(args)
    except UsageError as e:
        _say(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        _say("已中断：已写出的记录完整，可加 --resume 继续")
        return 130
    except BrokenPipeError:  # `xxgk analyze … | head`: the reader has gone
        sys.stderr.close()
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
