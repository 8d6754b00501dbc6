"""`xxgk analyze` end to end, as a user runs it."""
import csv
import io
import json
import os
import signal
import subprocess
import time
from importlib import resources

import jsonschema
import pytest

from conftest import FIXTURES, REPORTS, ROOT, SEED, XXGK


def xxgk(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*XXGK, *args], capture_output=True, text=True, cwd=ROOT, **kw)


@pytest.fixture(scope="module")
def corpus_output(corpus_run) -> list[dict]:
    return corpus_run


def test_whole_corpus_and_seed_one_line_each_in_order_no_errors(corpus_output):
    assert len(corpus_output) == 213
    assert [d["id"] for d in corpus_output] == sorted(p.name for p in REPORTS.glob("*.txt")) + [SEED.name]
    assert [d for d in corpus_output if d["error"]] == []
    assert all(d["sentences"] and d["template"] in ("old", "new") for d in corpus_output)


def test_output_validates_against_the_contract_schema(corpus_output):
    schema = json.loads(resources.files("model.resources").joinpath("output.schema.json").read_text())
    for doc in corpus_output:
        jsonschema.validate(doc, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**corpus_output[0], "template": "modern"}, schema)


def test_bad_files_are_error_records_and_the_run_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [str(FIXTURES / "image.txt"), str(empty), str(SEED), str(FIXTURES / "scanned.pdf"),
             str(tmp_path / "missing.txt")]
    result = xxgk("analyze", *paths)
    assert result.returncode == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["image.txt", "empty.txt", SEED.name, "scanned.pdf", "missing.txt"]
    assert [bool(d["error"]) for d in docs] == [True, True, False, True, True]
    assert all(d["text"] == "" and d["sentences"] == [] for d in docs if d["error"])


def test_csv_one_row_per_fact_with_a_header(tmp_path):
    out = tmp_path / "out.csv"
    assert xxgk("analyze", str(SEED), str(FIXTURES / "image.txt"), "--format", "csv", "--out", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")  # a BOM: Excel on Chinese Windows reads UTF-8
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[-1]["id"] == "image.txt" and "图片" in rows[-1]["error"]
    assert {r["id"] for r in rows} == {SEED.name, "image.txt"}


def test_stdin_dash():
    result = xxgk("analyze", "-", input=SEED.read_text(encoding="utf-8"))
    doc = json.loads(result.stdout)
    assert doc["id"] == "stdin" and doc["agency"] == "一拉溪镇人民政府"


@pytest.mark.parametrize("args", [[], ["analyze"], ["analyze", "x.txt", "--format", "xml"], ["frobnicate"]])
def test_wrong_command_line_exits_2_with_a_message(args):
    result = xxgk(*args)
    assert result.returncode == 2
    assert "usage: xxgk" in result.stderr


RULES = ["--model", "rules"]


@pytest.fixture(scope="module")
def earlier_outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    (folder / "garbage.jsonl").write_text("hello\n")
    assert xxgk("analyze", str(SEED), *RULES, "--out", str(folder / "out.jsonl")).returncode == 0
    assert xxgk("analyze", str(SEED), *RULES, "--format", "csv", "--out", str(folder / "out.csv")).returncode == 0
    return folder


@pytest.mark.parametrize("args,message", [
    (["--out", "/nonexistent/folder/out.jsonl"], "不存在"),
    (["--out", "{tmp}"], "这是一个文件夹"),
    (["--summarizer", "/nonexistent"], "找不到这个模型"),
    (["--workers", "0"], "应为正整数"),
    (["--resume", "--out", "{tmp}/garbage.jsonl"], "不是 xxgk 的 jsonl 输出"),
    (["--resume", "--format", "csv", "--out", "{tmp}/out.jsonl"], "不是 xxgk 的 csv 输出"),
    (["--resume", "--out", "{tmp}/out.csv"], "不是 xxgk 的 jsonl 输出"),
])
def test_wrong_arguments_exit_2_with_one_line_and_no_traceback(earlier_outputs, args, message):
    before = {p.name: p.read_bytes() for p in earlier_outputs.iterdir()}
    result = xxgk("analyze", str(SEED), *RULES, *[a.format(tmp=earlier_outputs) for a in args])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]  # argparse's usage may come first
    assert last.startswith("xxg") and message in last
    assert {p.name: p.read_bytes() for p in earlier_outputs.iterdir()} == before  # nothing touched


def test_output_inside_an_input_folder_is_never_read_back(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for extra in ([], [], ["--resume"]):
        result = xxgk("analyze", str(tmp_path), *RULES, "--out", str(out), *extra)
        assert result.returncode == 0, result.stderr
        assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == \
            ["a.txt", "b.txt", "c.txt"]


def test_every_skipped_file_in_a_folder_is_named(tmp_path):
    (tmp_path / "report.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "README").write_text("no extension")
    (tmp_path / "loop").symlink_to(tmp_path)  # a link back to the folder: never followed
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    result = xxgk("analyze", str(tmp_path), *RULES)
    assert result.returncode == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["report.txt"]
    warned = result.stderr.splitlines()
    for name in ("notes.md", "README", "loop", "gone.txt"):
        assert any(line.startswith("xxgk: 警告：跳过") and name in line for line in warned), (name, warned)


def test_csv_with_newline_and_carriage_return_in_file_names_resumes_without_doubling(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("line\nbreak.txt", "carriage\rreturn.txt", "plain.txt"):
        (folder / name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert xxgk("analyze", str(folder), *RULES, "--format", "csv", "--out", str(out)).returncode == 0
    first = out.read_bytes()
    rows = list(csv.DictReader(io.StringIO(first.decode("utf-8-sig"), newline="")))
    assert {r["id"] for r in rows} == {"line\nbreak.txt", "carriage\rreturn.txt", "plain.txt"}
    assert all(len(r) == len(rows[0]) and None not in r for r in rows)  # no row broken by the odd names
    assert xxgk("analyze", str(folder), *RULES, "--format", "csv", "--out", str(out), "--resume").returncode == 0
    assert out.read_bytes() == first


def test_line_separators_never_appear_raw_in_jsonl_and_resume_reads_them(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("。", "。\u2028", 3) + "\x85\u2029", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert xxgk("analyze", str(path), *RULES, "--out", str(out)).returncode == 0
    data = out.read_bytes()
    assert not any(sep.encode() in data for sep in ("\u2028", "\u2029", "\x85"))
    assert json.loads(data)["text"] == path.read_text(encoding="utf-8")
    result = xxgk("analyze", str(path), *RULES, "--out", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == data


def test_resume_recognises_a_file_however_its_path_is_spelt(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "r070.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = dict(cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert subprocess.run([*XXGK, "analyze", "d/r070.txt", *RULES, "--out", str(out)], **run).returncode == 0
    first = out.read_bytes()
    for spelling in (str(tmp_path / "d"), "./d", "d/../d/r070.txt"):
        assert subprocess.run([*XXGK, "analyze", spelling, *RULES, "--out", str(out), "--resume"],
                              **run).returncode == 0
        assert out.read_bytes() == first


def test_ctrl_c_stops_with_one_line(tmp_path):
    out = tmp_path / "out.jsonl"
    # Ctrl-C restored in the child: a test run started in the background (`cmd &`)
    # inherits SIGINT ignored, and then no Ctrl-C reaches xxgk at all.
    proc = subprocess.Popen([*XXGK, "analyze", str(REPORTS), *RULES, "--out", str(out)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    while time.time() < deadline and not (out.exists() and out.stat().st_size):  # mid-run, records written
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stderr = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130
    assert stderr.strip() == "xxgk: 已中断：已写出的记录完整，可加 --resume 继续"


def test_one_budget_bounds_reading_and_analysing_each_document(tmp_path, monkeypatch, capsys):
    import model.pipeline
    from model.cli import main
    from model.readers import read_path

    # A report whose analysis hangs (its summary step never ends) between two good ones;
    # reading it takes a few milliseconds, so only a budget that runs on through the
    # analysis can stop it.
    slow = tmp_path / "slow.txt"
    slow.write_text(SEED.read_text(encoding="utf-8") + "\n卡住", encoding="utf-8")
    summarise = model.pipeline.summarise

    def hanging(doc):
        while "卡住" in doc.text:
            time.sleep(0.01)
        summarise(doc)

    monkeypatch.setattr(model.pipeline, "summarise", hanging)
    assert next(read_path(str(slow), budget=1)).error is None  # the read alone fits the budget
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(SEED), str(slow), str(SEED), "--model", "rules", "--budget", "1", "--out", str(out)]) == 0
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == [SEED.name, "slow.txt", SEED.name]
    assert docs[1]["error"] == "无法完成：超过每份文件 1 秒的读取和分析时限，文件可能损坏或过于复杂"
    assert docs[0]["error"] is None and docs[2]["error"] is None and docs[2]["facts"]


def test_each_record_of_a_jsonl_has_a_budget_of_its_own(tmp_path, seed_text):
    from model.readers import read_path

    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": seed_text + i}, ensure_ascii=False)
                              for i in ("快一", "卡住", "快二")), encoding="utf-8")

    def analyse(docs):  # 0.4 s a record: three would overrun one 1 s budget, each fits its own
        time.sleep(0.4)
        while "卡住" in docs[0].text:
            time.sleep(0.01)
        return docs

    docs = list(read_path(str(path), budget=1, analyse=analyse))
    assert [d.id for d in docs] == ["快一", "卡住", "快二"]
    assert [d.error is None for d in docs] == [True, False, True] and "读取和分析时限" in docs[1].error
