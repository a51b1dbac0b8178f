"""TLDR at small scale: length-regularized GRPO from the SFT model.

For each prompt (a problem with a level instruction) the policy samples G completions. Each gets the
reward r = correctness - zeta(L, level), L its thinking length: zeta is 0 while L is within the level's
target range (short at most L_short, medium at most L_medium, long from an optional floor to an
optional ceiling), and outside it a fixed penalty beta plus `per_token` for every token of distance.
Wrong answers get no correctness reward. Advantages are group-relative (reward minus the group's
mean, divided by its standard deviation); the loss is the
PPO-clipped policy ratio (dual-clipped for negative advantages) plus a KL penalty to the frozen
reference (the k3 estimator), per token, averaged over each completion's tokens. The learning rate
warms up; every few iterations the greedy reward is validated on held-out problems and the best
checkpoint that keeps the levels apart is the one kept.
"""
import copy
import json
import math
import random
import time
from dataclasses import dataclass, asdict

import torch
import torch.nn.functional as F

from . import tasks
from .decode import sample
from .levels import LEVELS, TLDR_TEMPLATE, level_prompt  # noqa: F401 (re-exported)


@dataclass
class LengthReward:
    """r = correctness - zeta(L, level); the spec of issue 6.

    Each level has a target range of thinking lengths: short at most short_max, medium at most
    medium_max, long from long_min (0: no floor) to long_max (None: unbounded). zeta is 0 inside the
    range; outside it, a fixed penalty beta plus per_token for every token of distance to the range.
    The long level's floor keeps GRPO from folding long into medium: nothing else in the reward asks
    long to think longer than medium.
    """
    short_max: int = 40
    medium_max: int = 70
    long_min: int = 0
    long_max: int = None
    beta: float = 0.3
    per_token: float = 0.01

    def target(self, level):
        """(lowest, highest) thinking length of the level's range; highest None: unbounded."""
        return {"short": (0, self.short_max), "medium": (0, self.medium_max),
                "long": (self.long_min, self.long_max)}[level]

    def zeta(self, thinking_tokens, level):
        low, high = self.target(level)
        if high is not None and thinking_tokens > high:
            return self.beta + self.per_token * (thinking_tokens - high)
        if thinking_tokens < low:
            return self.beta + self.per_token * (low - thinking_tokens)
        return 0.0

    def __call__(self, correct, thinking_tokens, level):
        return (1.0 if correct else 0.0) - self.zeta(thinking_tokens, level)


@dataclass
class GrpoConfig:
    iterations: int = 300
    prompts_per_iteration: int = 8
    group_size: int = 8
    lr: float = 5e-5
    clip: float = 0.2
    kl_coef: float = 0.1
    ppo_epochs: int = 2
    max_new_tokens: int = 200
    temperature: float = 0.7   # rollouts close to the greedy mode, so what GRPO reinforces is what greedy does
    warmup: int = 10          # iterations of linear learning-rate warm-up (fresh Adam moments overshoot)
    dual_clip: float = 3.0    # a negative advantage's loss is capped at dual_clip * |A|
    validate_every: int = 25  # greedy validation of the reward; the best eligible checkpoint is kept
    min_level_gap: float = 4.0  # eligible: validation lengths rise short < medium < long by at least this
    keep: str = "best"  # best: the best eligible validated checkpoint; last: the final one (experiments)


def group_advantages(rewards, group_size):
    """(r - group mean) / (group std + eps), computed per consecutive group of `group_size`."""
    r = torch.tensor(rewards, dtype=torch.float32).view(-1, group_size)
    adv = (r - r.mean(dim=1, keepdim=True)) / (r.std(dim=1, unbiased=False, keepdim=True) + 1e-4)
    return adv.view(-1)


def thinking_length_and_answer(tok, ids):
    think_end = tok.token_id("</think>")
    if think_end not in ids:
        return len(ids), None
    cut = ids.index(think_end)
    text = tok.decode(ids[cut:], skip_special=True)
    found = __import__("re").findall(r"\\boxed\{(-?\d+)\}", text)
    return cut, (found[-1] if found else None)


def completion_logprobs(model, prompts, completions):
    """Log-probabilities of each completion token under `model`, right-padded: ([B, T], mask [B, T])."""
    width = max(len(p) + len(c) for p, c in zip(prompts, completions))
    ids = torch.zeros((len(prompts), width), dtype=torch.long)
    target_mask = torch.zeros((len(prompts), width), dtype=torch.bool)
    for row, (p, c) in enumerate(zip(prompts, completions)):
        seq = p + c
        ids[row, :len(seq)] = torch.tensor(seq)
        target_mask[row, len(p):len(seq)] = True
    positions = torch.arange(width).unsqueeze(0).expand_as(ids)
    logits = model(ids, torch.ones_like(ids), positions)[0][:, :-1]
    logp = torch.log_softmax(logits.float(), dim=-1).gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    return logp, target_mask[:, 1:]


def local_sampler(policy, tok, cfg, generator):
    """Rollouts sampled here by the policy being trained: G completions per item, in item order."""
    def run(items, prompts):
        return sample(policy, prompts, max_new_tokens=cfg.max_new_tokens, eos_id=tok.token_id("</s>"),
                      temperature=cfg.temperature, generator=generator)
    return run


def grpo_iteration(policy, reference, opt, tok, items, cfg, reward, sampler):
    """One GRPO iteration over `items` (dicts with problem, answer, level); returns its statistics.

    `sampler(items, prompts)` returns the completions' token ids, G per item in item order.
    """
    prompts, meta = [], []
    for item in items:
        p = tok.encode(level_prompt(item["problem"], item["level"]))
        for _ in range(cfg.group_size):
            prompts.append(p)
            meta.append(item)
    policy.eval()
    completions = sampler(items, prompts)
    rewards, lengths, correct = [], [], []
    for item, ids in zip(meta, completions):
        length, predicted = thinking_length_and_answer(tok, ids)
        ok = predicted == item["answer"]
        rewards.append(reward(ok, length, item["level"]))
        lengths.append(length)
        correct.append(ok)
    adv = group_advantages(rewards, cfg.group_size)
    with torch.no_grad():
        old_logp, mask = completion_logprobs(policy, prompts, completions)
        ref_logp, _ = completion_logprobs(reference, prompts, completions)
    policy.train()
    for _ in range(cfg.ppo_epochs):
        new_logp, _ = completion_logprobs(policy, prompts, completions)
        ratio = torch.exp(new_logp - old_logp)
        a = adv.unsqueeze(1)
        pg = -torch.min(ratio * a, ratio.clamp(1 - cfg.clip, 1 + cfg.clip) * a)
        pg = torch.where(a < 0, torch.minimum(pg, -cfg.dual_clip * a), pg)
        log_r = ref_logp - new_logp
        kl = torch.exp(log_r) - log_r - 1
        per_token = (pg + cfg.kl_coef * kl) * mask
        loss = (per_token.sum(1) / mask.sum(1).clamp(min=1)).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
        opt.step()
    policy.eval()
    stats = {"loss": round(loss.item(), 4), "reward": round(sum(rewards) / len(rewards), 4),
             "accuracy": round(sum(correct) / len(correct), 4)}
    for level in LEVELS:
        ls = [l for l, m in zip(lengths, meta) if m["level"] == level]
        if ls:
            stats["thinking_" + level] = round(sum(ls) / len(ls), 1)
    return stats


def validation_reward(policy, tok, items, reward):
    """Greedy decoding of every item at every level: mean reward, accuracy and thinking per level."""
    from .evaluate import evaluate
    out, total = {}, 0.0
    for level in LEVELS:
        rows = evaluate(policy, tok, items, max_new_tokens=200, prompt_fn=lambda p, lv=level: level_prompt(p, lv))
        rewards = [reward(r["correct"], r["thinking_tokens"], level) for r in rows]
        total += sum(rewards) / len(rewards)
        out["accuracy_" + level] = round(100.0 * sum(r["correct"] for r in rows) / len(rows), 1)
        out["thinking_" + level] = round(sum(r["thinking_tokens"] for r in rows) / len(rows), 1)
    out["reward"] = round(total / len(LEVELS), 4)
    return out


def eligible(v, min_gap):
    """Whether a validation keeps the levels apart: short < medium < long, neighbours min_gap apart."""
    return (v["thinking_medium"] - v["thinking_short"] >= min_gap
            and v["thinking_long"] - v["thinking_medium"] >= min_gap)


def train_tldr(policy, tok, *, seed, cfg, reward, held_out, validation, log=print, sampler=None):
    """Runs GRPO from `policy` (trained in place, left at the best validated checkpoint); returns the history.

    sampler: where rollouts come from (see grpo_iteration); default: sampled here from the policy.
    """
    torch.manual_seed(seed)
    rng = random.Random(seed)
    generator = torch.Generator().manual_seed(seed)
    sampler = sampler or local_sampler(policy, tok, cfg, generator)
    reference = copy.deepcopy(policy).eval()
    for p in reference.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(policy.parameters(), lr=cfg.lr, betas=(0.9, 0.95), weight_decay=0.0)
    levels = list(LEVELS)
    history, validations, start = [], [], time.time()
    best = None

    def validate(iteration):
        nonlocal best
        v = validation_reward(policy, tok, validation, reward)
        v["iteration"] = iteration
        v["eligible"] = eligible(v, cfg.min_level_gap)
        validations.append(v)
        log("validation " + json.dumps(v))
        # An eligible checkpoint beats any ineligible one; among equals the higher reward wins.
        if best is None or (v["eligible"], v["reward"]) > (best[0]["eligible"], best[0]["reward"]):
            best = (v, copy.deepcopy(policy.state_dict()))

    validate(0)
    for it in range(cfg.iterations):
        for group in opt.param_groups:
            group["lr"] = cfg.lr * min(1.0, (it + 1) / max(1, cfg.warmup))
        items = []
        while len(items) < cfg.prompts_per_iteration:
            p = tasks.make_problem(rng)
            if p.problem not in held_out:
                items.append({"problem": p.problem, "answer": str(p.answer),
                              "level": levels[(it * cfg.prompts_per_iteration + len(items)) % len(levels)]})
        stats = grpo_iteration(policy, reference, opt, tok, items, cfg, reward, sampler)
        stats["iteration"] = it + 1
        stats["elapsed_s"] = round(time.time() - start, 1)
        history.append(stats)
        if it % 10 == 0 or it == cfg.iterations - 1:
            log(json.dumps(stats))
        if (it + 1) % cfg.validate_every == 0 or it == cfg.iterations - 1:
            validate(it + 1)
    if cfg.keep == "last":
        best = (validations[-1], policy.state_dict())
    policy.load_state_dict(best[1])
    policy.eval()
    log(f"kept the checkpoint of iteration {best[0]['iteration']} (validation reward {best[0]['reward']})")
    return {"config": asdict(cfg), "reward": asdict(reward), "seconds": round(time.time() - start, 1),
            "history": history, "validation": validations, "kept_iteration": best[0]["iteration"]}
