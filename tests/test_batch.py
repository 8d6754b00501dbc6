"""Batch runs never lose work: resume after a kill; and the same output on Ray."""
import json
import os
import signal
import subprocess
import time

import pytest

from conftest import REPORTS, ROOT, SEED, XXGK


def records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def uninterrupted(corpus_run):
    return corpus_run


def test_killed_run_resumes_to_the_same_result(tmp_path, uninterrupted):
    out = tmp_path / "run.jsonl"
    cmd = [*XXGK, "analyze", str(REPORTS), str(SEED), "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 40):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = out.read_bytes()
    assert 40 <= partial.count(b"\n") < len(uninterrupted)
    # a half-written last line, as a full disk or a crash mid-write could leave
    with out.open("ab") as f:
        f.write(b'{"id": "r999.txt", "source": "half')
    result = subprocess.run([*cmd, "--resume"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert records(out) == uninterrupted


def test_resume_needs_an_output_file():
    result = subprocess.run([*XXGK, "analyze", str(SEED), "--resume"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "--resume needs --out" in result.stderr


@pytest.mark.slow
def test_ray_engine_with_two_workers_matches_the_local_engine(tmp_path, uninterrupted):
    pytest.importorskip("ray")
    files = sorted(REPORTS.glob("*.txt"))[:12]
    out = tmp_path / "ray.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"} | {"RAY_USAGE_STATS_ENABLED": "0"}
    result = subprocess.run([*XXGK, "analyze", *map(str, files), "--engine", "ray", "--workers", "2",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert records(out) == uninterrupted[:12]


def test_hostile_folder_gives_one_record_per_document_and_finishes(tmp_path):
    """The bad-input audit's cases side by side in one folder: each is one record (a .jsonl
    one per line), none hangs the run, none takes another down."""
    import hostile

    d = tmp_path / "in"
    d.mkdir()
    hostile.big5(d / "a_big5.txt")
    hostile.utf16_without_bom(d / "b_utf16.txt")
    hostile.line_separators_jsonl(d / "c_separators.jsonl")
    hostile.deep_html(d / "d_deep.html", 20_000)
    hostile.docx_empty_paragraph_bomb(d / "e_bomb.docx")
    hostile.locked_pdf(d / "f_locked.pdf")
    hostile.empty(d / "g_empty.txt")
    hostile.random_bytes(d / "h_random.txt")
    out = tmp_path / "out.jsonl"
    start = time.time()
    result = subprocess.run([*XXGK, "analyze", str(d), "--model", "rules", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    got = {r["id"]: r["error"] for r in records(out)}
    assert list(got) == ["a_big5.txt", "b_utf16.txt", "sep", "c_separators.jsonl:2", "d_deep.html",
                         "e_bomb.docx", "f_locked.pdf", "g_empty.txt", "h_random.txt"]
    assert [k for k, e in got.items() if e is None] == ["a_big5.txt", "b_utf16.txt", "sep", "d_deep.html"]
    assert "压缩炸弹" in got["e_bomb.docx"] and "加密" in got["f_locked.pdf"]
    assert time.time() - start < 300


def test_an_object_store_uri_is_read_and_analysed_within_the_one_budget(tmp_path):
    from model.distributed import read_any
    from model.pipeline import Pipeline

    (tmp_path / "r.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    pipeline = Pipeline("rules")

    def analyse(docs):
        return list(pipeline.analyze_many(docs))

    [doc] = read_any(f"file://{tmp_path}/r.txt", 120, analyse)  # pyarrow's filesystem, as for s3://
    assert doc.error is None and doc.facts
    [doc] = read_any(f"file://{tmp_path}/missing.txt", 120, analyse)
    assert doc.error.startswith(f"无法读取 file://{tmp_path}/missing.txt")

    def hang(docs):
        while True:
            time.sleep(0.01)

    [doc] = read_any(f"file://{tmp_path}/r.txt", 0.5, hang)
    assert "超过每份文件 0.5 秒的读取和分析时限" in doc.error
