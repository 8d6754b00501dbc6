"""The pipeline: named components in order, the model only where asked for, and
how the rules and the model combine."""
import json
import subprocess
import sys

import pytest
import numpy as np

from conftest import ROOT, SEED
from model.document import Document
from model.pipeline import ModelError, Pipeline
from model.readers import from_text
from model.tagger import viterbi


def test_rules_pipeline_names_its_components_and_drops_a_disabled_one():
    assert Pipeline("rules").pipe_names == ["segment", "meta", "headings", "tables", "facts", "checks", "indicators",
                                           "summary"]
    without = Pipeline("rules", disable=["summary"])
    assert "summary" not in without.pipe_names
    doc = without.analyze(from_text(SEED.read_text(encoding="utf-8")))
    assert doc.facts and doc.summary == ""
    with pytest.raises(ValueError, match="unknown components"):
        Pipeline("rules", disable=["sumary"])


def test_the_shipped_pipeline_runs_the_model_after_the_rules():
    names = Pipeline().pipe_names
    assert names.index("facts") < names.index("model") < names.index("checks")


def test_a_rules_run_never_imports_torch():
    code = ("import sys; from model.pipeline import Pipeline; from model.readers import read_path; "
            f"doc = Pipeline('rules').analyze(next(read_path({str(SEED)!r}))); "
            "print(len(doc.facts), 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    facts, torch_loaded, transformers_loaded = out.split()
    assert int(facts) > 5 and torch_loaded == "False" and transformers_loaded == "False"


def test_the_shipped_model_runs_on_its_onnx_export_without_torch():
    code = ("import sys; from model.pipeline import Pipeline; from model.readers import read_path; "
            "p = Pipeline(); doc = p.analyze(next(read_path(%r))); "
            "print(type(p.get_pipe('model').tagger.backend).__name__, len({s.label for s in doc.sentences}), "
            "'torch' in sys.modules, 'transformers' in sys.modules)" % str(SEED))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    backend, labels, torch_loaded, transformers_loaded = out.split()
    assert backend == "OnnxBackend" and int(labels) >= 5
    assert torch_loaded == "False" and transformers_loaded == "False"


def test_missing_or_broken_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="模型目录不存在"):
        Pipeline(tmp_path / "nowhere")
    with pytest.raises(ModelError, match="缺少 config.json"):
        Pipeline(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "xxgk"}))
    with pytest.raises(ModelError, match="模型无法加载"):
        Pipeline(tmp_path)


def _labels(doc: Document) -> list[str]:
    return [s.label for s in doc.sentences]


def test_clean_headings_keep_the_rules_labels_elsewhere_the_models(seed_text):
    rules, combined, model = Pipeline("rules"), Pipeline(), Pipeline(policy="model")
    assert _labels(combined.analyze(from_text(seed_text))) == _labels(rules.analyze(from_text(seed_text)))
    # Headings deleted: the rules find no section, the combined pipeline takes the model's labels.
    flat = "\n".join(line for line in seed_text.splitlines() if not line.lstrip().startswith(("一、", "二、", "三、",
                                                                                             "四、", "五、", "六、")))
    by_rules, by_combined = rules.analyze(from_text(flat)), combined.analyze(from_text(flat))
    assert len({s.label for s in by_rules.sentences if s.heading}) < 3
    assert _labels(by_combined) == _labels(model.analyze(from_text(flat))) != _labels(by_rules)
    assert {"proactive", "on_request"} <= set(_labels(by_combined))


def test_a_heading_the_rules_cannot_name_hands_the_report_to_the_model(seed_text):
    # Renamed (as OCR garbles it): the rules would label the section by position only.
    renamed = seed_text.replace("五、行政复议、诉讼和举报投诉情况", "五、其它工作")
    rules, combined = Pipeline("rules"), Pipeline()
    by_rules = rules.analyze(from_text(renamed))
    assert len({s.label for s in by_rules.sentences if s.heading}) >= 3  # the former test called this clean
    by_combined = combined.analyze(from_text(renamed))
    assert _labels(by_combined) != _labels(by_rules)
    # Every heading the rules name keeps its label; the model labels the rest.
    for s, r in zip(by_combined.sentences, by_rules.sentences):
        if s.heading and by_rules.sentence_text(r) != "五、其它工作":
            assert s.label == r.label
    # Two headings, both named: the rules' labels stand (an excerpt of a report).
    short = seed_text[:seed_text.index("三、回应解读情况")]
    assert _labels(combined.analyze(from_text(short))) == _labels(rules.analyze(from_text(short)))


def test_a_gap_in_the_heading_numbers_hands_the_report_to_the_model(seed_text):
    # A PDF's wrap broke "四、依申请公开…" so that no heading is found there: every
    # heading found is named, but 四、 is missing and its section would count as 三's.
    broken = seed_text.replace("四、依申请公开政府信息情况", "四\n\n\n依申请公开政府信\n\n息情况")
    rules, combined = Pipeline("rules"), Pipeline()
    by_rules = rules.analyze(from_text(broken))
    assert all(s.named for s in by_rules.sentences if s.heading)
    assert [s.ordinal for s in by_rules.sentences if s.heading] == [1, 2, 3, 5, 6, 7]
    by_combined = combined.analyze(from_text(broken))
    assert _labels(by_combined) != _labels(by_rules)
    assert "on_request" in _labels(by_combined) and "on_request" not in _labels(by_rules)


def test_viterbi_follows_the_transitions_where_per_sentence_argmax_does_not():
    emissions = np.array([[0.0, -1.0], [-1.0, 0.0], [0.0, -0.5]])
    transitions = np.array([[0.0, 0.0], [-100.0, 0.0]])  # 1 -> 0 is (nearly) impossible
    start = np.zeros(2)
    assert emissions.argmax(-1).tolist() == [0, 1, 0]
    assert viterbi(emissions, transitions, start) == [0, 1, 1]
    # a start score can outweigh the first emission
    assert viterbi(emissions, transitions, np.array([-5.0, 0.0])) == [1, 1, 1]


def test_a_heading_the_rules_name_keeps_its_label_and_the_network_labels_around_it():
    from model.pipeline import anchors

    text = ("某镇2021年政府信息公开工作年度报告\n根据条例编制本报告。\n二、突出重点\n全年开展培训3次。\n"
            "三、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议。\n我镇将继续做好公开工作。")
    rules = Pipeline("rules").analyze(from_text(text))
    fixed = anchors(rules)
    # Only the heading whose words name a section is fixed ("二、突出重点" names none).
    assert list(fixed.values()) == ["review_litigation"]
    doc = Pipeline().analyze(from_text(text))  # fewer than three sections named: the network labels it
    assert all(doc.sentences[i].label == label and doc.sentences[i].score == 1.0 for i, label in fixed.items())
    # The mechanism itself: a fixed label the network would never give that sentence.
    tagger = Pipeline().get_pipe("model").tagger
    reading = tagger.run([rules], fixed=[{0: "fees"}])[0]
    assert reading.labels[0] == "fees" and tagger.run([rules])[0].labels[0] != "fees"
