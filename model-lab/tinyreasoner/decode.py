"""Batched greedy decoding with the KV cache, the way the Java workers run the exported model."""
import torch


def _prefill(model, prompts):
    """Left-pads the prompts and runs them: the last logits, the cache, the mask and each row's last position."""
    batch = len(prompts)
    width = max(len(p) for p in prompts)
    ids = torch.zeros((batch, width), dtype=torch.long)
    mask = torch.zeros((batch, width), dtype=torch.long)
    for row, p in enumerate(prompts):
        ids[row, width - len(p):] = torch.tensor(p)
        mask[row, width - len(p):] = 1
    device = next(model.parameters()).device
    ids, mask = ids.to(device), mask.to(device)
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    out = model(ids, mask, positions, *model.empty_past(batch))
    return out[0][:, -1], out[1:], mask, positions[:, -1]


@torch.no_grad()
def greedy(model, prompts, *, max_new_tokens, eos_id, watch_id=None, top_k_steps=0):
    """prompts: lists of token ids. Left-pads, decodes greedily until every row has emitted eos.

    Returns per row: generated ids (eos included), the probability of watch_id before each
    generated token, and the top-5 (id, logit) of the first top_k_steps steps.
    """
    batch = len(prompts)
    logits, past, mask, last_pos = _prefill(model, prompts)
    generated = [[] for _ in range(batch)]
    watch_probs = [[] for _ in range(batch)]
    top5 = [[] for _ in range(batch)]
    done = torch.zeros(batch, dtype=torch.bool)
    for step in range(max_new_tokens):
        if watch_id is not None:
            probs = torch.softmax(logits, dim=-1)[:, watch_id]
        if step < top_k_steps:
            values, indices = logits.topk(5, dim=-1)
        nxt = logits.argmax(dim=-1)
        # One copy to the host a step (on a GPU, an element read is a synchronisation each).
        picked = nxt.tolist()
        watched = probs.tolist() if watch_id is not None else None
        for row in range(batch):
            if done[row]:
                continue
            generated[row].append(picked[row])
            if watch_id is not None:
                watch_probs[row].append(watched[row])
            if step < top_k_steps:
                top5[row].append([[int(i), float(v)] for i, v in zip(indices[row], values[row])])
            if picked[row] == eos_id:
                done[row] = True
        if bool(done.all()):
            break
        mask = torch.cat([mask, torch.ones((batch, 1), dtype=torch.long, device=mask.device)], dim=1)
        last_pos = last_pos + 1
        out = model(nxt.unsqueeze(1), mask, last_pos.unsqueeze(1), *past)
        logits, past = out[0][:, -1], out[1:]
    return [{"ids": g, "watch_probs": w, "top5": t} for g, w, t in zip(generated, watch_probs, top5)]


@torch.no_grad()
def sample(model, prompts, *, max_new_tokens, eos_id, temperature=1.0, generator=None):
    """Batched sampling with the KV cache (the GRPO stage's rollouts). Returns generated ids per row."""
    batch = len(prompts)
    logits, past, mask, last_pos = _prefill(model, prompts)
    generated = [[] for _ in range(batch)]
    done = torch.zeros(batch, dtype=torch.bool)
    for _ in range(max_new_tokens):
        probs = torch.softmax(logits / temperature, dim=-1)
        nxt = torch.multinomial(probs, 1, generator=generator).squeeze(1)
        picked = nxt.tolist()
        for row in range(batch):
            if not done[row]:
                generated[row].append(picked[row])
                if picked[row] == eos_id:
                    done[row] = True
        if bool(done.all()):
            break
        mask = torch.cat([mask, torch.ones((batch, 1), dtype=torch.long, device=mask.device)], dim=1)
        last_pos = last_pos + 1
        out = model(nxt.unsqueeze(1), mask, last_pos.unsqueeze(1), *past)
        logits, past = out[0][:, -1], out[1:]
    return generated
