"""The optimisation loop both training stages share: AdamW with linear warm-up
(10%) and decay, bf16 autocast on CPU, gradient clipping, a log line now and then."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import torch


def adamw(parameters, lr: float, steps: int, weight_decay: float = 0.01):
    optimizer = torch.optim.AdamW(parameters, lr=lr, weight_decay=weight_decay)
    warmup = max(1, steps // 10)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def optimise(model: torch.nn.Module, batches: Callable[[], Iterable], loss_of: Callable, epochs: int, steps: int,
             lr: float, name: str, log=print, every: int = 25) -> None:
    """`batches()` gives one epoch's batches; `loss_of(batch)` the loss to minimise."""
    optimizer, schedule = adamw(model.parameters(), lr, steps)
    model.train()
    step, started = 0, time.time()
    for epoch in range(epochs):
        for batch in batches():
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = loss_of(batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % every == 0 or step == steps:
                log(f"{name} epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} "
                    f"({time.time() - started:.0f}s)")
