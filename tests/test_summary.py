"""The generated summary never invents a number."""
import pytest
from transformers import BartConfig, BartForConditionalGeneration, BertTokenizerFast

from model.checks import check_identities
from model.document import Document, Fact
from model.pipeline import Pipeline
from model.readers import from_text
from model.sections import tag_by_headings
from model.segment import segment
from model.summary import Abstractive, keep_if_grounded, pick_problem, shorten, summarise, ungrounded_numbers


@pytest.fixture(scope="module")
def corpus_docs(corpus_run):
    return [Document.from_json(r) for r in corpus_run]


def test_every_number_in_every_summary_is_a_fact(corpus_docs):
    assert len(corpus_docs) == 213
    for doc in corpus_docs:
        assert doc.summary, doc.id
        assert ungrounded_numbers(doc.summary, doc) == [], (doc.id, doc.summary)
        facts = {(f.start, f.end): f.value for f in doc.facts}
        for source in doc.summary_sources:
            assert source["text"] in doc.summary
            if "indicator" in source:  # a rate: the indicator's value, every fact it divides a fact
                assert round(doc.indicators[source["indicator"]]["value"] * 100, 1) == source["value"]
                assert all(tuple(span) in facts for span in source["spans"])
            else:
                assert sum(facts[tuple(span)] for span in source["spans"]) == source["value"]


def test_summaries_are_a_readable_length(corpus_docs):
    lengths = sorted(len(d.summary) for d in corpus_docs)
    assert lengths[len(lengths) // 2] >= 100 and lengths[-1] <= 400


def test_seed_summary_says_what_was_not_reported_never_zero(corpus_docs):
    seed = corpus_docs[-1]
    assert "未填报" in seed.summary and "收到政府信息公开申请数" in seed.summary
    assert "0" not in seed.summary.replace("2014", "")
    assert "主动公开政府信息95条" in seed.summary


def test_ungrounded_numbers_are_caught():
    doc = Document(id="t", source="t", text="主动公开政府信息95条。")
    Pipeline("rules").analyze(doc)
    assert ungrounded_numbers("主动公开95条，申请12件，三次会议", doc) == ["12", "三"]


def test_problem_sentence_is_the_central_one_not_the_first():
    text = ("一、概述\n全年工作平稳。\n五、存在的主要问题及改进情况\n"
            "2024年我局按照要求开展工作。\n"
            "一是政策解读的形式不够丰富，解读的针对性有待增强，群众对政策解读的获得感不强。\n"
            "二是政策解读的更新不够及时。\n"
            "针对上述问题，我局将进一步加强政策解读。")
    doc = Document(id="t", source="t", text=text)
    segment(doc)
    tag_by_headings(doc)
    assert pick_problem(doc).startswith("政策解读的形式不够丰富")
    assert shorten("甲" * 30 + "，" + "乙" * 40 + "。") == "甲" * 30 + "。"
    # "存在的问题是…", "政务公开存在的主要问题是…": the problem, without the words that announce it.
    for announced in ("存在的问题是", "政务公开存在的主要问题是"):
        doc = Document(id="t", source="t", text=f"一、概述\n全年工作平稳。\n六、存在的主要问题和改进情况\n{announced}公开内容不够全面。")
        segment(doc)
        tag_by_headings(doc)
        assert pick_problem(doc) == "公开内容不够全面。"
    # A pasted excerpt that ends inside the problem sentence: its cut clause is left out.
    doc = Document(id="t", source="t", text="一、概述\n全年工作平稳。\n五、存在的主要问题及改进情况\n公开内容不够全面,解读不够及时,主")
    segment(doc)
    tag_by_headings(doc)
    assert pick_problem(doc) == "公开内容不够全面,解读不够及时。"


def test_abstractive_output_is_kept_only_when_grounded(tmp_path, seed_text):
    chars = sorted(set(seed_text) - set(" \n\t\xa0"))
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]), encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab=str(vocab))
    config = BartConfig(vocab_size=len(tokenizer), d_model=16, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                        max_position_embeddings=600, pad_token_id=0, bos_token_id=2, eos_token_id=3,
                        decoder_start_token_id=2, forced_eos_token_id=3)
    path = tmp_path / "tiny-bart"
    BartForConditionalGeneration(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    pipeline = Pipeline("rules", summarizer=str(path))
    assert pipeline.pipe_names[-1] == "rewrite"
    grounded = Pipeline("rules").analyze(from_text(seed_text))
    generated = Abstractive(str(path)).generate(grounded)  # greedy: the rewrite the pipeline will see
    doc = pipeline.analyze(from_text(seed_text))
    if ungrounded_numbers(generated, grounded) or not generated:
        assert doc.summary == grounded.summary and doc.summary_method.startswith("grounded (abstractive output rejected")
    else:
        assert (doc.summary, doc.summary_method) == (generated, "abstractive")


def test_a_rewrite_is_kept_only_when_every_number_is_a_fact(seed_text):
    doc = Pipeline("rules").analyze(from_text(seed_text))
    grounded = doc.summary
    keep_if_grounded(doc, "一拉溪镇2014年主动公开政府信息96条。")  # 96: no such fact
    assert doc.summary == grounded and doc.summary_method.endswith("numbers not in the facts: 96)")
    keep_if_grounded(doc, "")
    assert doc.summary == grounded and doc.summary_method.endswith("(abstractive output rejected: empty)")
    keep_if_grounded(doc, "一拉溪镇2014年主动公开政府信息95条。")
    assert (doc.summary, doc.summary_method) == ("一拉溪镇2014年主动公开政府信息95条。", "abstractive")


def test_summary_says_none_in_plain_words_and_blank_items_as_not_filled():
    doc = Pipeline("rules").analyze(Document(id="t", source="t", text=(
        "某镇2014年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息95条。\n"
        "二、依申请公开情况\n2014年未收到政府信息公开申请。\n三、复议诉讼\n未发生因政府信息公开引起的行政复议、行政诉讼。\n"
        "四、收费\n（一）依申请公开信息收取的费用。\n\n五、其他\n无。")))
    assert "全年未收到政府信息公开申请" in doc.summary
    assert "未发生因政府信息公开引起的行政复议、行政诉讼" in doc.summary
    assert "未填报（该项留空）" in doc.summary and "依申请公开收取的费用" in doc.summary


@pytest.mark.parametrize("facts,named,withheld,stated", [
    # Prose and a table that disagree.
    ([("requests_received", 11, "件", "text"), ("t3.new.total", 21, "件", "table")],
     "收到的政府信息公开申请数", ["11", "21"], []),
    # "本年新收申请208件" in the text, 200 in table 三.
    ([("t3.new.total", 208, "件", "text"), ("t3.new.total", 200, "件", "table"), ("proactive_total", 95, "条", "text")],
     "本年新收", ["208", "200"], ["95"]),
    # A channel's count above the year's total: one of the two is not what it says.
    ([("proactive_total", 40, "条", "text"), ("proactive_website", 283, "条", "text"), ("requests_received", 5, "件", "text")],
     "大于", ["40", "283"], ["5件"]),
])
def test_figures_that_cannot_both_be_right_are_named_and_neither_is_stated(facts, named, withheld, stated):
    doc = Document(id="t", source="t", text="甲")
    doc.facts = [Fact(m, v, u, 2 * i, 2 * i + 1, origin, 0.95 if origin == "table" else 0.9)
                 for i, (m, v, u, origin) in enumerate(facts)]
    summarise(doc)
    assert named in doc.summary and ("不一致" in doc.summary or "大于" in doc.summary)
    assert not [v for v in withheld if v in doc.summary] and all(v in doc.summary for v in stated)


def test_the_check_says_which_figure_is_above_which():
    assert [c.message for c in check_identities({"proactive_total": 40, "proactive_website": 283})] == \
        ["通过政府网站公开的信息数283大于主动公开政府信息数40，不一致。"]


def test_a_website_count_without_the_total_is_not_written_as_the_total():
    doc = Document(id="t", source="t", text="甲")
    doc.facts = [Fact("proactive_website", 411, "条", 0, 1, "text", 0.9)]
    summarise(doc)
    assert "通过政府网站主动公开政府信息411条" in doc.summary
    doc.facts.append(Fact("proactive_total", 500, "条", 2, 3, "text", 0.9))
    summarise(doc)
    assert "主动公开政府信息500条（政府网站411条）" in doc.summary and "通过政府网站" not in doc.summary


def test_a_text_that_is_not_a_report_says_so_first():
    doc = Pipeline("rules").analyze(Document(id="t", source="t", text="今日，我县召开春季农业生产工作会议，部署春耕备耕。"))
    assert doc.summary.startswith("这不像一份政府信息公开工作年度报告")
