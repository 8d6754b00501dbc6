"""Comparing an agency's reports across years, on the Pingtan corpus."""
import json
import subprocess

import pytest
from openpyxl import load_workbook

from conftest import REPORTS, ROOT, XXGK
from model.compare import compare, load_mapping, normalise_agency
from model.document import Document
from model.pipeline import Pipeline

INDEX = REPORTS.parent / "index.jsonl"
# 平潭综合实验区交通与建设局 2019–2025: every report names the agency and year itself.
TRANSPORT = ["r140", "r139", "r138", "r037", "r137", "r083", "r070"]
# 平潭综合实验区公安局 2018, 2019, 2021, 2022, 2024: two of them name neither (the index does).
POLICE = ["r150", "r151", "r152", "r038", "r084"]


@pytest.fixture(scope="module")
def records():
    pipeline = Pipeline("rules")
    docs = [Document(id=f"{n}.txt", source=str(REPORTS / f"{n}.txt"),
                     text=(REPORTS / f"{n}.txt").read_text(encoding="utf-8")) for n in TRANSPORT + POLICE]
    return {d.id[:-4]: d.to_json() for d in pipeline.analyze_many(docs)}


def agency(result, name):
    return next(a for a in result["agencies"] if a["agency"] == name)


def test_a_carry_over_check_for_each_consecutive_year(records):
    result = compare([records[n] for n in TRANSPORT])
    a = agency(result, "平潭综合实验区交通与建设局")
    assert [r["year"] for r in a["reports"]] == list(range(2019, 2026))
    carry = [c for c in a["checks"] if c["rule"] == "carry_over"]
    assert [c["years"] for c in carry] == [[y, y + 1] for y in range(2019, 2025)]
    assert all(c["ok"] is True and c["values"]["total"] == [0, 0] for c in carry)
    assert len(a["repetition"]) == 6 and all(0 <= r["share"] <= 1 for r in a["repetition"])


def test_carry_over_against_values_read_by_hand(records):
    # Read by hand: r152 (2021) 表三 四、结转下年度继续办理 "1000001" (自然人1, 总计1);
    # r038 (2022) 二、上年结转政府信息公开申请数量 "1000001". Neither report's own text yields
    # both agency and year to the reader, so the index supplies them as a user's mapping.
    result = compare([records[n] for n in POLICE], load_mapping(INDEX))
    a = agency(result, "平潭综合实验区公安局")
    assert [r["year"] for r in a["reports"]] == [2018, 2019, 2021, 2022, 2024]
    by_years = {tuple(c["years"]): c for c in a["checks"] if c["rule"] in ("carry_over", "gap")}
    check = by_years[(2021, 2022)]
    assert check["ok"] is True
    assert check["values"]["natural_person"] == [1, 1] and check["values"]["total"] == [1, 1]
    assert check["values"]["business"] == [0, 0]
    assert "总计1件" in check["message"]
    # 表二 行政规范性文件, read by hand: r152 "002" (现行有效2), r038 "417" (制发4 废止1 现行有效7):
    # 2 + 4 - 1 = 5, not 7 — the reports do not add up across the years.
    docs = next(c for c in a["checks"] if c["rule"] == "in_force.normative_docs" and c["years"] == [2021, 2022])
    assert docs["ok"] is False
    assert docs["values"] == {"last_in_force": 2, "made": 4, "repealed": 1, "in_force": 7}
    assert "=5件" in docs["message"] and "现行有效7件" in docs["message"]
    assert by_years[(2018, 2019)]["ok"] is None  # 2018 is an old-template report: no 结转下年度
    assert by_years[(2019, 2021)]["rule"] == "gap" and by_years[(2022, 2024)]["rule"] == "gap"
    assert not result["unplaced"]


def test_without_the_mapping_unplaced_reports_say_why(records):
    result = compare([records[n] for n in POLICE])
    reasons = {u["id"]: u["reason"] for u in result["unplaced"]}
    assert reasons["r038.txt"] == "报告中未识别出机关名称"


def rec(id, agency, year, facts=(), text="", sentences=()):
    return {"id": id, "source": id, "agency": agency, "year": year, "template": "new", "error": None,
            "facts": [{"metric": m, "value": v, "origin": "table", "start": 0, "end": 0} for m, v in facts],
            "text": text, "sentences": list(sentences), "indicators": {}}


def test_carry_over_mismatch_and_in_force_identity_quote_the_numbers():
    last = rec("a", "某局", 2021, [("t3.carried_forward.total", 3), ("t3.carried_forward.natural_person", 3),
                                  ("t2.normative_docs.in_force", 2)])
    this = rec("b", "某局", 2022, [("t3.carried_over.total", 1), ("t3.carried_over.natural_person", 1),
                                  ("t2.normative_docs.made", 4), ("t2.normative_docs.repealed", 1),
                                  ("t2.normative_docs.in_force", 7)])
    checks = {c["rule"]: c for c in compare([this, last])["agencies"][0]["checks"]}
    assert checks["carry_over"]["ok"] is False
    assert checks["carry_over"]["message"] == "2022年“上年结转”与2021年“结转下年度”不符：自然人3件→1件、总计3件→1件。"
    nd = checks["in_force.normative_docs"]
    assert nd["ok"] is False and "2件+2022年制发4件−废止1件=5件" in nd["message"] and "现行有效7件" in nd["message"]
    assert checks["in_force.regulations"]["ok"] is None


def test_names_normalised_where_the_text_gives_an_alias_and_by_mapping():
    a = rec("a", "平潭综合实验区经济发展局（统计局）", 2020)
    b = rec("b", "平潭综合实验区经济发展局", 2021)
    c = rec("c", "平潭县经济局", 2022)
    assert normalise_agency("平潭综合实验区经济发展局（统计局）") == "平潭综合实验区经济发展局"
    result = compare([a, b, c], {"平潭县经济局": "平潭综合实验区经济发展局"})
    assert len(result["agencies"]) == 1
    assert [r["id"] for r in result["agencies"][0]["reports"]] == ["a", "b", "c"]
    assert "平潭综合实验区经济发展局（统计局）" in result["agencies"][0]["names"]


def test_repetition_counts_near_copies_with_new_figures_not_new_text():
    last_text = "2021年主动公开信息120条，公开渠道进一步拓宽。全年召开新闻发布会3场，回应社会关切及时有效。"
    this_text = "2022年主动公开信息150条，公开渠道进一步拓宽。今年新建了政务公开专区，群众查阅更加方便快捷。"

    def sentences(text):
        cut = text.index("。") + 1
        return [{"start": 0, "end": cut, "label": "proactive", "heading": False},
                {"start": cut, "end": len(text), "label": "proactive", "heading": False}]

    last = rec("a", "某局", 2021, text=last_text, sentences=sentences(last_text))
    this = rec("b", "某局", 2022, text=this_text, sentences=sentences(this_text))
    rep = compare([last, this])["agencies"][0]["repetition"][0]
    assert rep["sentences"] == 2 and rep["repeated"] == 1 and rep["share"] == 0.5
    assert rep["pairs"][0]["this"].startswith("2022年主动公开信息150条")
    assert rep["pairs"][0]["last"].startswith("2021年主动公开信息120条")


def test_compare_command_json_and_workbook(tmp_path, records):
    analysed = tmp_path / "police.jsonl"
    analysed.write_text("".join(json.dumps(records[n], ensure_ascii=False) + "\n" for n in POLICE), encoding="utf-8")
    out_json, out_xlsx = tmp_path / "c.json", tmp_path / "c.xlsx"
    for out in (out_json, out_xlsx):
        result = subprocess.run([*XXGK, "compare", str(analysed), "--mapping", str(INDEX), "--out", str(out)],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
    assert json.loads(out_json.read_text(encoding="utf-8")) == compare([records[n] for n in POLICE],
                                                                      load_mapping(INDEX))
    book = load_workbook(out_xlsx)
    assert book.sheetnames == ["报告", "跨年核对", "同比变化", "重复文字"]
    checks = list(book["跨年核对"].iter_rows(values_only=True))
    assert checks[0] == ("机关", "年份", "结果", "规则", "说明")
    assert ("平潭综合实验区公安局", "2021→2022", "通过", "carry_over") in [row[:4] for row in checks]
    bad = subprocess.run([*XXGK, "compare", str(analysed), "--out", str(tmp_path / "c.csv")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and ".json or .xlsx" in bad.stderr
