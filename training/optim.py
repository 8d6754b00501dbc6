"""AdamW with linear warm-up (10%) and linear decay, for both training stages."""
from __future__ import annotations

import torch


def adamw(parameters, lr: float, steps: int, weight_decay: float = 0.01):
    optimizer = torch.optim.AdamW(parameters, lr=lr, weight_decay=weight_decay)
    warmup = max(1, steps // 10)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
