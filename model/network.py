"""The encoder and its two heads, in one nn.Module that saves and loads with
save_pretrained/from_pretrained (the config carries the label maps).

Each sentence is encoded with the end of the previous one as context
([CLS] previous [SEP] sentence [SEP]). Two heads read the encoder:
- sections: mean of the sentence's token states -> a BiGRU over the document's
  sentences -> a label per sentence; decoding (tagger.py) adds the learned
  label-transition scores, so sections come in the order reports use.
- facts: a BIO tag per token of the sentence for the narrative metrics.
"""
from __future__ import annotations

import torch
from torch import nn
from transformers import BertConfig, BertModel, PretrainedConfig, PreTrainedModel


class XxgkConfig(PretrainedConfig):
    model_type = "xxgk"

    def __init__(self, encoder: dict | None = None, section_labels: list[str] | None = None,
                 fact_tags: list[str] | None = None, transitions: list[list[float]] | None = None,
                 start_scores: list[float] | None = None, gru_hidden: int = 128, max_tokens: int = 128,
                 context_chars: int = 24, section_weights: list[float] | None = None,
                 fact_positive_weight: float = 1.0, sentence_loss_weight: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder or BertConfig().to_dict()
        self.section_labels = section_labels or []
        self.fact_tags = fact_tags or ["O"]
        n = len(self.section_labels)
        self.transitions = transitions or [[0.0] * n for _ in range(n)]
        self.start_scores = start_scores or [0.0] * n
        self.gru_hidden = gru_hidden
        self.max_tokens = max_tokens
        self.context_chars = context_chars
        # Loss weights: small sections (fees, interpretation) and the rare fact
        # tags would otherwise be drowned by the common ones.
        self.section_weights = section_weights or [1.0] * n
        self.fact_positive_weight = fact_positive_weight
        # A second section loss on each sentence's own vector, without the
        # BiGRU: it keeps the encoder reading content rather than leaning on
        # neighbours and headings (a short section without its heading is
        # otherwise absorbed by the one around it).
        self.sentence_loss_weight = sentence_loss_weight


class XxgkModel(PreTrainedModel):
    config_class = XxgkConfig
    base_model_prefix = "xxgk"

    def __init__(self, config: XxgkConfig):
        super().__init__(config)
        encoder_config = BertConfig(**{k: v for k, v in config.encoder.items()
                                       if k not in ("architectures", "transformers_version")})
        self.encoder = BertModel(encoder_config, add_pooling_layer=False)
        hidden = encoder_config.hidden_size
        self.gru = nn.GRU(hidden, config.gru_hidden, batch_first=True, bidirectional=True)
        self.section_head = nn.Linear(2 * config.gru_hidden + hidden, len(config.section_labels))
        self.fact_head = nn.Linear(hidden, len(config.fact_tags))
        self.sentence_head = nn.Linear(hidden, len(config.section_labels))  # training only
        self.post_init()

    def use_encoder(self, encoder: BertModel) -> None:
        """Start from another checkpoint's encoder (bert-base-chinese, rbt3, our MLM)."""
        self.encoder = encoder
        self.config.encoder = encoder.config.to_dict()

    def encode_sentences(self, input_ids, attention_mask, token_type_ids):
        """Pooled sentence vectors (N, H) and fact logits (N, T, F)."""
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        own = (attention_mask * token_type_ids).unsqueeze(-1).to(states.dtype)  # the sentence, not its context
        pooled = (states * own).sum(1) / own.sum(1).clamp(min=1.0)
        return pooled, self.fact_head(states)

    def section_logits(self, pooled: torch.Tensor, doc_lengths: list[int]) -> torch.Tensor:
        """A label score per sentence, reading the document's sentences in order (N, L)."""
        docs = torch.split(pooled, list(doc_lengths))
        padded = nn.utils.rnn.pad_sequence(docs, batch_first=True)
        packed = nn.utils.rnn.pack_padded_sequence(padded, torch.tensor(doc_lengths), batch_first=True,
                                                   enforce_sorted=False)
        out, _ = self.gru(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True)
        context = torch.cat([out[i, :n] for i, n in enumerate(doc_lengths)])
        return self.section_head(torch.cat([context, pooled], dim=-1))

    def forward(self, input_ids, attention_mask, token_type_ids, doc_lengths, section_labels=None, fact_labels=None):
        """`input_ids` (N sentences, T); `doc_lengths` splits the N sentences into
        documents, in order. With labels, `loss` is the sum of both heads' losses."""
        pooled, fact_logits = self.encode_sentences(input_ids, attention_mask, token_type_ids)
        section_logits = self.section_logits(pooled, doc_lengths)
        out = {"section_logits": section_logits, "fact_logits": fact_logits}
        if section_labels is not None:
            weights = torch.tensor(self.config.section_weights, device=section_logits.device)
            loss = nn.functional.cross_entropy(section_logits.float(), section_labels, weight=weights,
                                               ignore_index=-100)
            if self.config.sentence_loss_weight:
                loss = loss + self.config.sentence_loss_weight * nn.functional.cross_entropy(
                    self.sentence_head(pooled).float(), section_labels, weight=weights, ignore_index=-100)
            if fact_labels is not None:
                tags = fact_logits.size(-1)
                tag_weights = torch.full((tags,), float(self.config.fact_positive_weight), device=fact_logits.device)
                tag_weights[0] = 1.0  # "O"
                loss = loss + nn.functional.cross_entropy(
                    fact_logits.float().reshape(-1, tags), fact_labels.reshape(-1), weight=tag_weights,
                    ignore_index=-100)
            out["loss"] = loss
        return out
