"""The recipe: corpus -> labels -> tokenizer -> pretrain -> finetune -> evaluate.
May import `model`; `model` never imports this package."""
