"""The model's view of a document: one token stream in windows whose cores tile
it, so every sentence is read once, with neighbours on both sides."""
import numpy as np
from tokenizers import Tokenizer

from model.document import Document
from model.features import batch, bio_labels, sentences_of, streams, windows
from model.pipeline import DEFAULT_MODEL
from model.segment import segment
from model.tagger import mean_by_sentence

TOKENIZER = Tokenizer.from_file(str(DEFAULT_MODEL / "tokenizer.json"))
SEP, CLS, PAD = (TOKENIZER.token_to_id(t) for t in ("[SEP]", "[CLS]", "[PAD]"))


def _doc(text: str) -> Document:
    doc = Document(id="t", source="t", text=text)
    segment(doc)
    return doc


def test_cores_tile_the_stream_and_windows_add_context_on_both_sides():
    for n, phase in ((1, 0), (500, 0), (500, 37), (224, 0)):
        cuts = windows(n, 100, 16, phase)
        covered = [p for _, _, lo, hi in cuts for p in range(lo, hi)]
        assert covered == list(range(n))
        for lo, hi, clo, chi in cuts:
            assert lo == max(0, clo - 16) and hi == min(n, chi + 16)
    assert windows(500, 100, 16, 37)[0][3] == 63  # a phase shortens the first core only


def test_stream_marks_each_sentence_and_maps_tokens_back_to_the_text():
    doc = _doc("一、总体情况\n本年度主动公开政府信息95条。\n二、依申请公开情况\n收到申请3件。")
    stream = streams(TOKENIZER, [sentences_of(doc)], SEP)[0]
    assert (stream.ids == SEP).sum() == len(doc.sentences)
    for i, s in enumerate(doc.sentences):
        spans = stream.spans[stream.sentence == i]
        assert spans.min() >= s.start and spans.max() <= s.end
    assert "".join(doc.text[a:b] for a, b in stream.spans if b > a) == "".join(doc.text.split())


def test_a_sentence_split_across_cores_is_pooled_from_all_its_tokens():
    doc = _doc("收到申请" + "甲" * 300 + "。\n办结3件。")
    stream = streams(TOKENIZER, [sentences_of(doc)], SEP)[0]
    cuts = windows(len(stream), 100, 8)
    b = batch([stream], [cuts], CLS, PAD)
    assert b.input_ids.shape[0] == len(cuts) >= 3 and (b.input_ids[:, 0] == CLS).all()
    # a fake encoder state: the stream position itself, so the mean is checkable
    states = np.zeros((len(stream), 1), dtype=np.float32)
    for r in range(len(cuts)):
        states[b.position[r, b.core[r]], 0] = b.position[r, b.core[r]]
    pooled = mean_by_sentence(states, stream.sentence, len(doc.sentences))
    first = np.flatnonzero(stream.sentence == 0)
    assert pooled[0, 0] == first.mean() and pooled[1, 0] == np.flatnonzero(stream.sentence == 1).mean()


def test_fact_tags_fall_on_the_figures_tokens_only():
    doc = _doc("主动公开政府信息95条。")
    stream = streams(TOKENIZER, [sentences_of(doc)], SEP)[0]
    tags = {"O": 0, "B-proactive_total": 1, "I-proactive_total": 2}
    start = doc.text.index("95")
    labels = bio_labels(stream, [{"start": start, "end": start + 2, "metric": "proactive_total"}], tags)
    tagged = [doc.text[a:b] for (a, b), t in zip(stream.spans, labels) if t > 0]
    assert "".join(tagged) == "95" and labels[stream.sentence < 0].tolist() == [-100]


def test_a_document_without_sentences_leaves_the_others_readings_unchanged(seed_text):
    from model.pipeline import Pipeline
    from model.readers import from_text
    from model.tagger import Tagger

    doc = Pipeline("rules").analyze(from_text(seed_text))
    empty = _doc("   ")
    assert not empty.sentences
    tagger = Tagger(DEFAULT_MODEL)
    for alone in (False, True):
        by_itself = tagger.run([doc], alone=alone)[0]
        after_empty = tagger.run([empty, doc], alone=alone)
        assert after_empty[0].labels == [] and after_empty[1].labels == by_itself.labels
