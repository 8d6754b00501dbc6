"""The recipe stays alive: a tiny model trained end to end in seconds, loaded
by the product; and the --base-model path from a local Hugging Face checkpoint."""
import json
import shutil
import subprocess
import sys

import pytest
from transformers import BertConfig, BertModel, BertTokenizerFast

from conftest import ROOT, SEED, XXGK
from model.document import Document
from model.network import XxgkModel
from model.pipeline import Pipeline
from model.readers import from_text
from training.augment import augment
from training.corpus import gold_reports
from training.data import agency_folds, analysed, build, rules_labelled, silver_facts
from training.finetune import transition_scores


def train(out, *extra):
    cmd = [sys.executable, "-m", "training.train", "--out", str(out), "--size", "tiny", "--mlm-epochs", "1",
           "--epochs", "1", "--max-reports", "4", "--augment", "no_headings", "--devset-folds", *extra]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny") / "model"
    train(out)
    return out


@pytest.mark.slow
def test_tiny_model_trains_end_to_end_and_the_product_loads_it(tiny_model, seed_text):
    out = tiny_model
    assert (out / "model.safetensors").exists() and (out / "tokenizer.json").exists()
    config = json.loads((out / "config.json").read_text())
    assert config["section_labels"][0] == "preamble" and config["fact_tags"][0] == "O"
    pipeline = Pipeline(out, policy="model")
    doc = pipeline.analyze(from_text(seed_text))
    assert doc.model["name"] == "xxgk-zh-tiny"
    assert len(doc.sentences) > 50 and all(s.label in config["section_labels"] for s in doc.sentences)
    assert all(0.0 <= s.score <= 1.0 for s in doc.sentences)
    result = subprocess.run([*XXGK, "analyze", str(SEED), "--model", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert json.loads(result.stdout)["model"]["name"] == "xxgk-zh-tiny"


@pytest.mark.slow
def test_base_model_path_starts_from_a_local_hf_checkpoint(tmp_path):
    base = tmp_path / "base"
    vocab = tmp_path / "vocab.txt"
    chars = sorted({c for r in gold_reports()[:4] for c in r["text"] if not c.isspace()})
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]), encoding="utf-8")
    BertTokenizerFast(vocab=str(vocab)).save_pretrained(base)
    BertModel(BertConfig(vocab_size=5 + len(chars), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=64)).save_pretrained(base)
    out = tmp_path / "from_base"
    train(out, "--base-model", str(base))
    model = XxgkModel.from_pretrained(out)
    assert model.config.encoder["vocab_size"] == 5 + len(chars)
    assert model.config.xxgk_name == "xxgk-zh-custom"


def test_cli_refuses_a_model_path_without_a_model(tmp_path):
    result = subprocess.run([*XXGK, "analyze", str(SEED), "--model", str(tmp_path)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 2 and "no model there" in result.stderr


def test_augmentations_keep_labels_exact():
    row = next(r for r in gold_reports() if r["file"] == "r043.txt")
    text, sections, _ = augment(row["text"], row["sections"], "no_headings", seed=1)
    assert "四、政府信息公开行政复议、行政诉讼情况" not in text
    review = next(s for s in sections if s["label"] == "review_litigation")
    assert text[review["start"]:review["start"] + 4] == "行政复议"
    text, sections, _ = augment(row["text"], row["sections"], "pdf", seed=1)
    assert "\n\n" in text
    assert sum(s["end"] - s["start"] for s in sections) == len(text)


def test_damaged_copies_keep_the_figures_read_from_the_published_text():
    row = next(r for r in gold_reports() if r["file"] == "r043.txt")
    facts = silver_facts(analysed(row["file"], row["text"]))
    assert {"proactive_total", "requests_received"} <= {f["metric"] for f in facts}
    for name in ("ocr", "run_in"):
        text, _, moved = augment(row["text"], row["sections"], name, seed=3, facts=facts)
        assert [f["metric"] for f in moved] == [f["metric"] for f in facts]
        assert [text[f["start"]:f["end"]].strip() for f in moved] == [row["text"][f["start"]:f["end"]] for f in facts]
    garbled, _, _ = augment(row["text"], row["sections"], "ocr", seed=3)
    assert garbled != row["text"] and len(garbled) == len(row["text"])


def test_folds_split_by_agency_never_by_file():
    reports = gold_reports()
    folds = agency_folds(reports, 3)
    assert set().union(*folds) == {r["agency"] for r in reports}
    assert sum(len(f) for f in folds) == len({r["agency"] for r in reports})
    sizes = [sum(r["agency"] in f for r in reports) for f in folds]
    assert max(sizes) - min(sizes) <= 15


def test_transition_scores_prefer_the_order_reports_use():
    trans, start = transition_scores([["preamble", "overview", "proactive", "problems"]] * 5,
                                     ["preamble", "overview", "proactive", "problems"])
    assert start[0] > start[3]
    assert trans[1][2] > trans[2][1]  # overview -> proactive, not back


def test_dataset_rows_carry_labels_and_silver_fact_spans():
    row = next(r for r in gold_reports() if r["file"] == "seed_yilaxi_2014.txt")
    data = build([row], [])
    assert len(data) == 1
    labels, texts, spans, facts = data[0]["labels"], data[0]["texts"], data[0]["spans"], data[0]["facts"]
    assert len(labels) == len(texts) == len(spans)
    i = texts.index("7")  # the bare number under "（三）从事政府信息公开工作人员数。"
    assert labels[i] == "institution"
    assert {"start": spans[i][0], "end": spans[i][0] + 1, "metric": "staff"} in facts


@pytest.mark.slow
def test_onnx_export_gives_the_torch_labels_and_a_stale_one_is_not_used(tiny_model, tmp_path, seed_text):
    from model.backends import OnnxBackend, TorchBackend
    from model.tagger import Tagger

    doc = Pipeline("rules").analyze(from_text(seed_text))
    onnx, torch_ = Tagger(tiny_model), Tagger(tiny_model, backend="torch")
    assert isinstance(onnx.backend, OnnxBackend) and isinstance(torch_.backend, TorchBackend)
    a, b = onnx.run([doc], with_facts=True)[0], torch_.run([doc], with_facts=True)[0]
    assert a.labels == b.labels and max(abs(p - q) for p, q in zip(a.probs, b.probs)) < 1e-4
    assert [(r.number.start, r.metric) for r in a.numbers] == [(r.number.start, r.metric) for r in b.numbers]
    stale = tmp_path / "retrained"
    shutil.copytree(tiny_model, stale)
    from safetensors.torch import load_file, save_file

    weights = load_file(stale / "model.safetensors")
    name = next(iter(weights))
    weights[name] = weights[name] + 1.0  # retrained: new weights, the old export beside them
    save_file(weights, stale / "model.safetensors", metadata={"format": "pt"})
    assert isinstance(Tagger(stale).backend, TorchBackend)


@pytest.mark.slow
def test_fact_decoding_reads_only_the_number_readers_spans_and_keeps_its_values(tiny_model):
    import numpy as np

    from model.features import sentences_of, streams
    from model.segment import segment
    from model.tagger import Tagger

    tagger = Tagger(tiny_model)
    tags = json.loads((tiny_model / "config.json").read_text())["fact_tags"]
    doc = Document(id="t", source="t", text="主动公幵政府信息九十五条，联系电话0591-23162606，专项经费3万元。")
    segment(doc)
    stream = streams(tagger.tokenizer, [sentences_of(doc)], tagger.special["[SEP]"])[0]
    logits = np.full((len(stream), len(tags)), -10.0, dtype=np.float32)
    logits[:, 0] = 10.0  # "O" everywhere ...
    for i, (a, b) in enumerate(stream.spans):  # ... but on 九十五 and 3万: B-proactive_total
        if b > a and doc.text[a] in "九十五3万":
            logits[i, 0], logits[i, tags.index("B-proactive_total")] = 0.0, 2.0
    read = tagger._read_numbers(doc, stream, logits)
    assert [(doc.text[r.number.start:r.number.end], r.metric) for r in read if r.metric == "proactive_total"] == \
        [("九十五", "proactive_total"), ("3", "proactive_total")]
    assert all("0591" not in doc.text[r.number.start:r.number.end] for r in read)  # a phone number is no candidate


def test_only_texts_with_clean_headings_join_training_with_the_rules_labels(seed_text):
    flat = "\n".join(line for line in seed_text.splitlines() if not line.lstrip().startswith(("一、", "二、", "三、",
                                                                                             "四、", "五、", "六、")))
    kept = rules_labelled([{"file": "a", "agency": "x", "text": seed_text}, {"file": "b", "agency": "x", "text": flat}])
    assert [r["file"] for r in kept] == ["a"]
    labels = {s["label"] for s in kept[0]["sections"]}
    assert {"overview", "proactive", "on_request"} <= labels
    request = next(s for s in kept[0]["sections"] if s["label"] == "on_request")
    assert request["start"] < request["end"] <= len(seed_text)


def test_span_classifier_candidates_hide_the_digits_and_take_the_gold_metric():
    from training.span_classifier import MARK, devset_rows

    text = "一、概述\n全年主动公开政府信息95条，办理热线电话1000件。\n联系电话：0591-23162606。"
    gold = {"file": "x.txt", "fold": 0, "text": text, "facts": [
        {"metric": "proactive_total", "value": 95, "origin": "prose", "evidence": "主动公开政府信息95条"}]}
    rows = devset_rows([gold])
    assert [r["label"] for r in rows] == ["proactive_total", "none"]  # the phone number is no candidate
    assert rows[0]["text"] == f"一、概述 全年主动公开政府信息{MARK}条,办理热线电话1000"  # folded, line break a space
    assert "95" not in rows[0]["text"]


def test_the_dev_set_scored_as_a_pdf_reads_the_figures_the_wraps_cut():
    """training.facts_eval --damage pdf: every excerpt wrapped like a PDF's text; the figures
    (175 cut as "1\n\n75" by some wrap) are read as in the published text."""
    from training.facts_eval import damaged, score

    text = ("2010年某局政府信息公开工作年度报告\n一、概述\n我局认真贯彻《条例》，推进主动公开和依申请公开工作。"
            "二、主动公开政府信息情况\n我局2010年共主动公开政府信息175条，其中全文电子化率达100%。\n"
            "三、依申请公开情况\n2010年我局共收到政府信息公开申请12件，均已按时答复。")
    row = {"file": "x.txt", "text": text, "agency": "某局", "year": 2010,
           "facts": [{"metric": "proactive_total", "value": 175, "origin": "prose"},
                     {"metric": "requests_received", "value": 12, "origin": "prose"}]}
    wrapped = damaged([row], "pdf", seed=14)  # a seed whose wraps cut 175 after its 1
    assert "信息1\n\n75条" in wrapped[0]["text"] and wrapped[0]["facts"] == row["facts"]
    scores = score(Pipeline("rules"), wrapped)
    assert scores["prose_found"] == "2/2" and scores["prose_read"] == "2/2"


def test_the_fact_verifier_learns_which_rules_readings_the_gold_rejects_and_drops_them():
    """training.fact_verifier: a rules prose fact is a right example when the excerpt's gold holds
    its (metric, value); a verifier taught that the requests reading is wrong drops it, and the
    summary no longer states it."""
    from training.fact_verifier import Verified, examples, train

    text = ("2020年某局政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息95条。"
            "二、依申请公开情况\n全年共收到政府信息公开申请12件。")
    row = {"file": "x.txt", "text": text, "facts": [
        {"metric": "proactive_total", "value": 95, "origin": "prose"},
        {"metric": "requests_received", "value": 13, "origin": "prose"}]}
    rules = Pipeline("rules")
    data = examples([row], rules)
    assert sorted(y for _, y in data) == [0.0, 1.0]
    verifier = train(data * 20, seed=1)
    doc = next(Verified(rules, [verifier], 0.5, drop=True).analyze_many(
        [Document(id="x", source="x", text=text)]))
    assert {(f.metric, f.value) for f in doc.facts if f.origin == "text"} == {("proactive_total", 95)}
    assert not any("requests_received" in s["metrics"] for s in doc.summary_sources)
    assert any(s["metrics"] == ["proactive_total"] for s in doc.summary_sources)
