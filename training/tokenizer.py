"""A character-level Chinese vocabulary from our own report text.

Every character seen at least `min_count` times, plus the digits and Latin
letters in both word-initial and ##continuation form (without ##0…##9 a
number such as 2024 would be one [UNK]). Kept near 4-6k entries: a larger
vocabulary makes small-model MLM several times slower.
"""
from __future__ import annotations

import string
import tempfile
from collections import Counter
from pathlib import Path

from transformers import BertTokenizerFast

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tokenizer(texts: list[str], min_count: int = 2) -> BertTokenizerFast:
    """The tokenizer only; it is saved with the weights once training is done."""
    from model.normalise import fold

    counts = Counter(c for t in texts for c in fold(t).lower() if not c.isspace())
    alnum = list(string.digits + string.ascii_lowercase)
    chars = sorted(c for c, n in counts.items() if n >= min_count and c not in alnum)
    vocab = SPECIALS + alnum + [f"##{c}" for c in alnum] + chars
    with tempfile.TemporaryDirectory() as tmp:  # BertTokenizerFast reads its vocabulary from a file
        path = Path(tmp) / "vocab.txt"
        path.write_text("\n".join(vocab) + "\n", encoding="utf-8")
        return BertTokenizerFast(vocab=str(path), do_lower_case=True, tokenize_chinese_chars=True)
