"""`xxgk analyze` end to end, as a user runs it."""
import csv
import json
import subprocess
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
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows[-1]["id"] == "image.txt" and "PNG" in rows[-1]["error"]
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
