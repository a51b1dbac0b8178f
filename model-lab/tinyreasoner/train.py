"""Supervised training on generated traces: AdamW, warm-up then cosine decay, loss on the target only."""
import math
import time
import torch
import torch.nn.functional as F

from .data import TrainingStream, IGNORE


def lr_at(step, steps, peak, warmup, floor_ratio=0.05):
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return peak * (floor_ratio + (1 - floor_ratio) * 0.5 * (1 + math.cos(math.pi * progress)))


def train(model, tokenizer, *, seed, steps, batch_size, lr, warmup, held_out, log_every=50, log=print,
          stream_class=TrainingStream):
    torch.manual_seed(seed)
    stream = stream_class(tokenizer, seed, batch_size, held_out)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.95))
    history, start, tokens = [], time.time(), 0
    device = next(model.parameters()).device
    model.train()
    for step in range(steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(step, steps, lr, warmup)
        ids, labels = (t.to(device) for t in stream.next_batch())
        positions = torch.arange(ids.shape[1], device=device).unsqueeze(0).expand_as(ids)
        logits = model(ids, torch.ones_like(ids), positions)[0]
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), labels[:, 1:].reshape(-1),
                               ignore_index=IGNORE)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        tokens += int(ids.numel())
        if step % log_every == 0 or step == steps - 1:
            elapsed = time.time() - start
            history.append({"step": step, "loss": round(loss.item(), 4), "lr": round(opt.param_groups[0]["lr"], 6),
                            "elapsed_s": round(elapsed, 1)})
            log(f"step {step:5d}  loss {loss.item():.4f}  lr {opt.param_groups[0]['lr']:.2e}  "
                f"{elapsed:7.1f}s  {tokens / max(elapsed, 1e-9):.0f} tok/s")
    model.eval()
    return {"steps": steps, "batch_size": batch_size, "peak_lr": lr, "warmup": warmup,
            "train_seconds": round(time.time() - start, 1), "tokens_seen": tokens, "history": history}
