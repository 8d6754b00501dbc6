"""The hand-read gold sets (data/devset, data/web) as the evaluation reads them: each index line
names an excerpt and its gold, every fact's evidence is in the text, every province has a fold,
and no page is in two sets (the sets are kept apart by address)."""
import json

import pytest

from model.taxonomy import metrics
from training.devset import DEVSET, WEB, excerpts, folds


@pytest.mark.parametrize("root", [DEVSET, WEB], ids=["dev", "web"])
def test_every_excerpt_of_the_index_has_gold_whose_evidence_is_in_its_text(root):
    rows = excerpts(root=root)
    assert rows and set(folds(root)) >= {r["province"] for r in rows}
    known = metrics()
    for row in rows:
        for fact in row["facts"]:
            assert fact["metric"] in known, (row["file"], fact["metric"])
            assert row["text"].count(fact["evidence"]) >= 1, (row["file"], fact["evidence"])
        assert not set(row.get("not_reported", [])) - known.keys(), row["file"]


def test_no_page_is_in_two_gold_sets_or_twice_in_one():
    addresses = []
    for root in (DEVSET, WEB):
        for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines():
            url = json.loads(line).get("url")
            if url:
                addresses.append(url.split("://", 1)[-1].removeprefix("www.").removeprefix("m.").rstrip("/"))
    assert len(addresses) == len(set(addresses))


def test_every_batch_joined_the_index_and_scores_alone():
    listed = {r["file"] for r in excerpts(root=WEB)}
    for batch in sorted(WEB.glob("batch*_index.jsonl")):
        rows = excerpts(root=WEB, index=batch.name)
        assert rows and {r["file"] for r in rows} <= listed, batch.name
