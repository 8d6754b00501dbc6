"""The encoder and its two heads, in one nn.Module that saves and loads with
save_pretrained/from_pretrained (the config carries the label maps).

The encoder reads windows of consecutive sentences (model/features.py): each
sentence is read with its neighbours on both sides, every character once.
- sections: each sentence's vector is the mean of its own tokens' states; a
  BiGRU reads the document's sentence vectors in order -> a label per sentence;
  decoding (tagger.py) adds the learned label-transition scores, so sections
  come in the order reports use.
- facts: a BIO tag per token for the narrative metrics.
"""
from __future__ import annotations

import torch
from torch import nn
from transformers import BertConfig, BertModel, PretrainedConfig, PreTrainedModel


class XxgkConfig(PretrainedConfig):
    model_type = "xxgk"

    def __init__(self, encoder: dict | None = None, section_labels: list[str] | None = None,
                 fact_tags: list[str] | None = None, transitions: list[list[float]] | None = None,
                 start_scores: list[float] | None = None, gru_hidden: int = 128, core_tokens: int = 224,
                 context_tokens: int = 16, section_weights: list[float] | None = None,
                 fact_positive_weight: float = 1.0, sentence_loss_weight: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder or BertConfig().to_dict()
        self.section_labels = section_labels or []
        self.fact_tags = fact_tags or ["O"]
        n = len(self.section_labels)
        self.transitions = transitions or [[0.0] * n for _ in range(n)]
        self.start_scores = start_scores or [0.0] * n
        self.gru_hidden = gru_hidden
        # A window: [CLS] + up to `context_tokens` before + `core_tokens` kept + `context_tokens` after.
        self.core_tokens = core_tokens
        self.context_tokens = context_tokens
        # Loss weights: small sections (fees, interpretation) and the rare fact
        # tags would otherwise be drowned by the common ones.
        self.section_weights = section_weights or [1.0] * n
        self.fact_positive_weight = fact_positive_weight
        # A second section loss on each sentence's own vector, without the
        # BiGRU: it keeps the encoder reading content rather than leaning on
        # the document's order (a short section without its heading is
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

    def token_states(self, input_ids, attention_mask):
        """Token states (B, T, H) and fact logits (B, T, F) of a batch of windows."""
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        return states, self.fact_head(states)

    def section_logits(self, pooled: torch.Tensor, lengths: list[int] | None = None) -> torch.Tensor:
        """A label score per sentence (D, N, L) from sentence vectors (D, N, H): D
        documents read in order; `lengths` where they are padded to N."""
        if lengths is None:
            context, _ = self.gru(pooled)
        else:  # packed, so the backward direction starts at each document's own end
            packed = nn.utils.rnn.pack_padded_sequence(pooled, torch.tensor(lengths), batch_first=True,
                                                       enforce_sorted=False)
            context, _ = nn.utils.rnn.pad_packed_sequence(self.gru(packed)[0], batch_first=True,
                                                          total_length=pooled.size(1))
        return self.section_head(torch.cat([context, pooled], dim=-1))

    def forward(self, input_ids, attention_mask, token_sentence, doc_lengths, section_labels=None,
                fact_labels=None):
        """`token_sentence` (B, T): for each core token, the index of its sentence
        among the batch's sentences (documents in order, `doc_lengths` of them
        each), else -1. With labels, `loss` is the sum of the heads' losses."""
        states, fact_logits = self.token_states(input_ids, attention_mask)
        flat, owner = states.reshape(-1, states.size(-1)), token_sentence.reshape(-1)
        keep = owner >= 0
        n = sum(doc_lengths)
        sums = states.new_zeros(n, states.size(-1)).index_add(0, owner[keep], flat[keep])
        counts = states.new_zeros(n).index_add(0, owner[keep], torch.ones_like(owner[keep], dtype=states.dtype))
        pooled = sums / counts.clamp(min=1.0).unsqueeze(-1)
        docs = nn.utils.rnn.pad_sequence(torch.split(pooled, list(doc_lengths)), batch_first=True)
        logits = self.section_logits(docs, list(doc_lengths))
        section_logits = torch.cat([logits[i, :k] for i, k in enumerate(doc_lengths)])
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
