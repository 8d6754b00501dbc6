"""Indicators: the taxonomy's definitions, computed the same way for every
report; undefined is null with a reason, never 0."""
import json

import pytest

from conftest import REPORTS
from model.document import Document
from model.indicators import compute, expand, inputs
from model.pipeline import Pipeline
from model.taxonomy import indicators, metrics


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline("rules")


def record(template="new", not_reported=(), **values):
    facts = [{"metric": m.replace("__", "."), "value": v} for m, v in values.items()]
    return {"template": template, "facts": facts, "not_reported": list(not_reported)}


def test_definitions_name_only_known_metrics_and_are_unique():
    ids = [d["id"] for d in indicators()]
    assert len(ids) == len(set(ids)) >= 20
    for d in indicators():
        for term in d["numerator"] + d.get("denominator", []):
            sign, names = expand(term)
            assert names and all(n in metrics() for n in names), (d["id"], term)
    assert len(expand("t3.refused.*.total")[1]) == 8 and expand("-t2.regulations.repealed")[0] == -1


def test_rates_sums_and_differences():
    rec = record(**{"t3__disclosed__total": 3, "t3__partial__total": 1, "t3__result_total__total": 8,
                    "t3__new__total": 7, "t3__carried_over__total": 1, "t3__new__natural_person": 5,
                    "t2__normative_docs__made": 4, "t2__normative_docs__repealed": 1})
    out = compute(rec)
    assert out["disclosure_rate"] == {"value": 0.5, "numerator": 4, "denominator": 8, "reason": None}
    assert out["accepted"]["value"] == 8 and out["accepted"]["denominator"] is None
    assert out["natural_person_share"]["value"] == pytest.approx(5 / 7, abs=1e-6)
    assert out["normative_docs_net"]["value"] == 3


def test_undefined_is_null_with_a_reason_never_zero():
    out = compute(record(not_reported=["t3.partial.total"],
                         **{"t3__disclosed__total": 0, "t3__result_total__total": 0,
                            "t4__review__upheld": 0, "t4__review__corrected": 0, "t4__review__other": 0}))
    assert out["disclosure_rate"]["value"] is None
    assert out["disclosure_rate"]["reason"] == "未填报：表三 三（二）部分公开 / 总计"
    assert out["review_correction_rate"] == {"value": None, "numerator": 0, "denominator": 0, "reason": "分母为0"}
    assert out["accepted"]["reason"].startswith("未读出：")
    old = compute(record(template="old", request_fees=0))
    assert old["disclosure_rate"]["reason"] == "不适用于旧格式报告"
    assert old["request_fees"]["value"] == 0  # a reported 0 stays 0


def test_hand_read_report_through_the_pipeline(pipeline):
    # r038 (平潭综合实验区公安局 2022), read by hand: 表三 新收1 上年结转1, 部分公开1, 逾期不补正1,
    # 总计2, 结转下年度0; 表二 行政规范性文件 "417" (cells run together): 制发4 废止1 现行有效7.
    path = REPORTS / "r038.txt"
    doc = pipeline.analyze(Document(id=path.name, source=str(path), text=path.read_text(encoding="utf-8")))
    ind = doc.indicators
    assert ind["accepted"]["value"] == 2
    assert ind["disclosure_rate"] == {"value": 0.5, "numerator": 1, "denominator": 2, "reason": None}
    assert ind["refusal_rate"]["value"] == 0 and ind["carry_forward_rate"]["value"] == 0
    assert ind["natural_person_share"]["value"] == 1
    assert ind["normative_docs_net"] == {"value": 3, "numerator": 3, "denominator": None, "reason": None}
    assert ind["review_correction_rate"]["reason"] == "分母为0"
    assert json.loads(json.dumps(doc.to_json()))["indicators"] == ind
    assert "实质公开率50%" in doc.summary


def test_every_new_template_corpus_report_has_every_indicator(pipeline):
    docs = [Document(id=p.name, source=str(p), text=p.read_text(encoding="utf-8"))
            for p in sorted(REPORTS.glob("*.txt"))[:60]]
    new = [d for d in pipeline.analyze_many(docs) if d.template == "new"]
    assert len(new) >= 25
    ids = {d["id"] for d in indicators()}
    for doc in new:
        assert set(doc.indicators) == ids, doc.id
        have = {f.metric for f in doc.facts}
        for d in indicators():
            entry = doc.indicators[d["id"]]
            if entry["value"] is None:
                assert entry["reason"], (doc.id, d["id"])
            else:
                assert set(inputs(d)) <= have, (doc.id, d["id"])
