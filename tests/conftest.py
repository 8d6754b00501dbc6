import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
RAW = ROOT / "data" / "raw"
SEED = RAW / "seed_yilaxi_2014.txt"
REPORTS = RAW / "corpus" / "reports"
XXGK = [sys.executable, "-m", "model.cli"]
sys.path.insert(0, str(FIXTURES))  # hostile.py: the audit's hostile files, shared with benchmarks/audit.py


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory) -> list[dict]:
    """The whole corpus and the seed through `xxgk analyze` (the shipped model), once per
    test session: the CLI, batch and summary tests all read this one run."""
    out = tmp_path_factory.mktemp("corpus") / "out.jsonl"
    result = subprocess.run([*XXGK, "analyze", str(REPORTS), str(SEED), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # nothing but the file when --out is given
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
