"""Scale-out: the same per-document pipeline on Ray Data.

Each actor of a fixed pool loads the model once and analyses batches of input
files; results come back in input order. Inputs are paths every worker can
read: a shared filesystem, or an object-store URI (s3://, gs://, hdfs://)
read through pyarrow's filesystems. `pip install .[ray]`.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from model.document import Document
from model.readers import DOCUMENT_SECONDS, EXTENSIONS, ReadError, read_path

BATCH_FILES = 4


def is_uri(path: str) -> bool:
    return "://" in path


def read_any(path: str, budget: float = DOCUMENT_SECONDS, analyse=None) -> list[Document]:
    """A local or shared path, or a URI read through pyarrow, through the readers and
    analysed within the per-document budget (`read_path`)."""
    return list(read_path(path, budget, analyse=analyse, fetch=_fetch_uri if is_uri(path) else None))


def _fetch_uri(path: str) -> bytes:
    from pyarrow import fs

    try:
        filesystem, inner = fs.FileSystem.from_uri(path)
        with filesystem.open_input_file(inner) as f:
            return f.read()
    except Exception as e:  # one unreachable object is one error record
        raise ReadError(f"无法读取 {path}（{type(e).__name__}: {e}）") from None


def expand_uris(paths: list[str]) -> list[str]:
    """Object-store folders listed recursively, in sorted order, like local ones."""
    from pyarrow import fs

    out = []
    for p in paths:
        if not is_uri(p):
            out.append(p)
            continue
        filesystem, inner = fs.FileSystem.from_uri(p)
        info = filesystem.get_file_info(inner)
        if info.type == fs.FileType.Directory:
            scheme = p.split("://", 1)[0]
            found = filesystem.get_file_info(fs.FileSelector(inner, recursive=True))
            out += sorted(f"{scheme}://{f.path}" for f in found
                          if f.type == fs.FileType.File and f.path.lower().endswith(EXTENSIONS))
        else:
            out.append(p)
    return out


class AnalyzeBatch:
    """A Ray Data actor: the pipeline (and its model) is built once per actor."""

    def __init__(self, model: str | None, summarizer: str | None = None, budget: float = DOCUMENT_SECONDS):
        from model.pipeline import Pipeline

        self.pipeline = Pipeline(model, summarizer=summarizer)
        self.budget = budget

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        def analyse(docs: list[Document]) -> list[Document]:
            return list(self.pipeline.analyze_many(docs))

        per_file = [[json.dumps(doc.to_json(), ensure_ascii=False) for doc in read_any(str(path), self.budget, analyse)]
                    for path in batch["path"]]
        # One row per input file (a .jsonl file holds many documents), in order.
        return {"records": np.array([json.dumps(r, ensure_ascii=False) for r in per_file], dtype=object)}


def analyze_with_ray(paths: list[str], model: str | None, workers: int, address: str | None = None,
                     summarizer: str | None = None, budget: float = DOCUMENT_SECONDS) -> Iterator[dict]:
    import ray

    ray.init(address=address, ignore_reinit_error=True, include_dashboard=False, log_to_driver=False,
             configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    dataset = ray.data.from_items([{"path": p} for p in expand_uris(paths)])
    dataset = dataset.map_batches(AnalyzeBatch, fn_constructor_kwargs={"model": model, "summarizer": summarizer, "budget": budget},
                                  compute=ray.data.ActorPoolStrategy(size=workers), batch_size=BATCH_FILES)
    for row in dataset.iter_rows():
        for record in json.loads(row["records"]):
            yield json.loads(record)
