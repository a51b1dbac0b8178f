"""TLDR at small scale: length-regularized GRPO from the SFT model.

For each prompt (a problem with a level instruction) the policy samples G completions. Each gets the
reward r = correctness - zeta(L, level), L its thinking length: zeta is 0 while L is within the level's
target range, and outside it a fixed penalty beta plus `per_token` for every token of distance; an
optional push inside the range (issue 16). Wrong answers get no correctness reward. Advantages are
group-relative (reward minus the group's mean, divided by its standard deviation unless Dr. GRPO's
variant is asked for); the loss is the PPO-clipped policy ratio (dual-clipped for negative advantages)
plus a KL penalty to the frozen reference (k3 on the sampled tokens, or exact), per token, averaged over
each completion's tokens or (Dr. GRPO) summed over a constant. With DAPO's dynamic sampling, groups whose
rewards are all equal are replaced by new prompts. The learning rate warms up, the KL weight may anneal;
every few iterations the greedy reward is validated on held-out problems and the best checkpoint that
keeps the levels apart is the one kept. Each iteration records what issue 16 asked to measure: the share
of zero-variance groups, the policy's KL step and its KL to the reference; each validation the think-end
probability at the first point where a trace could stop, per level.
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
from .level_vectors import PATHWAYS, pathway
from .data import prompt_text
from .levels import LEVELS, STYLES, TLDR_TEMPLATE, level_prompt, level_token_ids  # noqa: F401 (re-exported)


@dataclass
class LengthReward:
    """r = correctness - zeta(L, level); the spec of issue 6, with issue 16's push inside the range.

    Each level has a target range of thinking lengths: short at most short_max, medium from medium_min
    to medium_max, long from long_min (0: no floor) to long_max (None: unbounded). Outside its range,
    zeta is a fixed penalty beta plus per_token for every token of distance to the range. Inside it,
    zeta grows with the distance to the level's aim (short aims at the range's bottom, medium at its
    middle, long at its top) up to inside_push * beta at the range's far end. With inside_push 0 (issue
    6's reward) zeta is flat inside the range, and a group whose samples are all correct and all in
    range teaches nothing; the push keeps a length signal there. Kept below beta, it never makes a
    length inside the range worse than one just outside it (run 9 of TLDR_RUNS.md had a per-token push
    that did, and short's range stopped pulling short).
    The long level's floor keeps GRPO from folding long into medium.
    """
    short_max: int = 40
    medium_max: int = 70
    long_min: int = 0
    long_max: int = None
    beta: float = 0.3
    per_token: float = 0.01
    medium_min: int = 0
    inside_push: float = 0.0

    def __post_init__(self):
        if not 0.0 <= self.inside_push < 1.0:
            raise ValueError(f"inside_push must be in [0, 1), was {self.inside_push}")

    def target(self, level):
        """(lowest, highest) thinking length of the level's range; highest None: unbounded."""
        return {"short": (0, self.short_max), "medium": (self.medium_min, self.medium_max),
                "long": (self.long_min, self.long_max)}[level]

    def aim(self, level):
        """The length inside the range that the push moves towards; None: no push (an unbounded top)."""
        low, high = self.target(level)
        if high is None:
            return None
        return {"short": low, "medium": (low + high) / 2, "long": high}[level]

    def zeta(self, thinking_tokens, level):
        low, high = self.target(level)
        if high is not None and thinking_tokens > high:
            return self.beta + self.per_token * (thinking_tokens - high)
        if thinking_tokens < low:
            return self.beta + self.per_token * (low - thinking_tokens)
        aim = self.aim(level)
        if aim is None or not self.inside_push:
            return 0.0
        farthest = max(aim - low, high - aim) or 1
        return self.inside_push * self.beta * abs(thinking_tokens - aim) / farthest

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
    # Issue 16's remedies, each off by default (the committed run 4 used none of them):
    dynamic_sampling: bool = False  # DAPO: drop groups whose rewards are all equal, sample new prompts instead
    resample_rounds: int = 4        # with dynamic sampling, at most this many sampling rounds an iteration
    loss_norm: str = "sequence"     # sequence: mean over each completion's tokens; token: Dr. GRPO's constant
    std_norm: bool = True           # divide advantages by the group's standard deviation (Dr. GRPO drops it)
    kl_final: float = None          # anneal the KL weight linearly from kl_coef to this (None: constant)
    kl_estimator: str = "k3"        # k3: on the sampled tokens; full: exact, over the whole vocabulary
    reference_prompt: str = "level"  # level: the reference reads the level prompt; plain: the SFT prompt
    prompt_style: str = "prefix"    # levels.STYLES: where the level instruction goes
    paired_levels: bool = False     # each problem at every level in the same iteration (else levels rotate)
    train_params: str = "all"       # all; level-tokens: the think tags' embedding rows; level-vectors, level-stop-bias: level_vectors
    cross_levels: bool = False      # every sample of a problem scored at every level, advantages centred over levels
    # A fading scaffold (run 17): a level_vectors pathway trained with the weights, at full strength for
    # scaffold_hold iterations, then turned down linearly to nothing over scaffold_fade more (0: no scaffold).
    scaffold_hold: int = 0
    scaffold_fade: int = 0
    scaffold_lr: float = 5e-2

    def scaffold_at(self, iteration):
        """The scaffold's strength at `iteration`: 1 while held, then falling linearly to 0."""
        if iteration < self.scaffold_hold:
            return 1.0
        return max(0.0, 1.0 - (iteration - self.scaffold_hold) / max(1, self.scaffold_fade))

    def kl_at(self, iteration):
        if self.kl_final is None or self.iterations <= 1:
            return self.kl_coef
        return self.kl_coef + (self.kl_final - self.kl_coef) * iteration / (self.iterations - 1)


def group_advantages(rewards, group_size, std_norm=True):
    """(r - group mean) / (group std + eps) per consecutive group of `group_size`; without std_norm, r - mean."""
    r = torch.tensor(rewards, dtype=torch.float32).view(-1, group_size)
    adv = r - r.mean(dim=1, keepdim=True)
    if std_norm:
        adv = adv / (r.std(dim=1, unbiased=False, keepdim=True) + 1e-4)
    return adv.view(-1)


def zero_variance_groups(rewards, group_size):
    """Indices of the groups whose rewards are all equal: their advantages are 0, they teach nothing."""
    r = torch.tensor(rewards, dtype=torch.float32).view(-1, group_size)
    return [g for g in range(r.shape[0]) if float(r[g].max() - r[g].min()) < 1e-9]


def thinking_length_and_answer(tok, ids):
    think_end = tok.token_id("</think>")
    if think_end not in ids:
        return len(ids), None
    cut = ids.index(think_end)
    text = tok.decode(ids[cut:], skip_special=True)
    found = __import__("re").findall(r"\\boxed\{(-?\d+)\}", text)
    return cut, (found[-1] if found else None)


def completion_logprobs(model, prompts, completions, full=False):
    """Log-probabilities of each completion token under `model`, aligned at the completion's start.

    Returns (logp [B, T], mask [B, T], and with full=True the whole log-distribution [B, T, V] at each
    completion position, else None); T is the longest completion. The prompts may differ from the ones
    the completions were sampled after (a reference reading the plain SFT prompt).
    """
    width = max(len(p) + len(c) for p, c in zip(prompts, completions))
    longest = max(len(c) for c in completions)
    ids = torch.zeros((len(prompts), width), dtype=torch.long)
    at = torch.zeros((len(prompts), longest), dtype=torch.long)
    targets = torch.zeros((len(prompts), longest), dtype=torch.long)
    mask = torch.zeros((len(prompts), longest), dtype=torch.bool)
    for row, (p, c) in enumerate(zip(prompts, completions)):
        seq = p + c
        ids[row, :len(seq)] = torch.tensor(seq)
        at[row, :len(c)] = torch.arange(len(p) - 1, len(p) - 1 + len(c))
        targets[row, :len(c)] = torch.tensor(c)
        mask[row, :len(c)] = True
    device = next(model.parameters()).device
    ids, at, targets, mask = ids.to(device), at.to(device), targets.to(device), mask.to(device)
    positions = torch.arange(width, device=device).unsqueeze(0).expand_as(ids)
    logits = model(ids, torch.ones_like(ids), positions)[0]
    picked = logits.gather(1, at.unsqueeze(-1).expand(-1, -1, logits.shape[-1]))
    log_dist = torch.log_softmax(picked.float(), dim=-1)
    logp = log_dist.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return logp, mask, (log_dist if full else None)


def local_sampler(policy, tok, cfg, generator):
    """Rollouts sampled here by the policy being trained: G completions per item, in item order."""
    def run(items, prompts):
        return sample(policy, prompts, max_new_tokens=cfg.max_new_tokens, eos_id=tok.token_id("</s>"),
                      temperature=cfg.temperature, generator=generator)
    return run


def _rollout_groups(tok, items, cfg, reward, sampler):
    """Samples G completions of each item and scores them: a list of groups, one dict per item."""
    style = STYLES[cfg.prompt_style]
    prompts = []
    for item in items:
        prompts += [tok.encode(style.prompt(item["problem"], item["level"]))] * cfg.group_size
    completions = sampler(items, prompts)
    groups = []
    for g, item in enumerate(items):
        rows = completions[g * cfg.group_size:(g + 1) * cfg.group_size]
        scored = [thinking_length_and_answer(tok, ids) for ids in rows]
        correct = [predicted == item["answer"] for _, predicted in scored]
        groups.append({"item": item, "prompt": prompts[g * cfg.group_size], "completions": rows,
                       "lengths": [length for length, _ in scored], "correct": correct,
                       "rewards": [reward(ok, length, item["level"]) for ok, (length, _) in zip(correct, scored)]})
    return groups


def collect_groups(tok, draw_items, cfg, reward, sampler):
    """The iteration's groups. With dynamic sampling, groups whose rewards are all equal are dropped and new
    prompts are sampled in their place, for at most cfg.resample_rounds rounds. Returns (kept, all sampled)."""
    kept, sampled = [], []
    rounds = cfg.resample_rounds if cfg.dynamic_sampling else 1
    for _ in range(rounds):
        groups = _rollout_groups(tok, draw_items(cfg.prompts_per_iteration - len(kept)), cfg, reward, sampler)
        sampled += groups
        if not cfg.dynamic_sampling:
            return groups, sampled
        kept += [g for g in groups if max(g["rewards"]) - min(g["rewards"]) >= 1e-9]
        if len(kept) >= cfg.prompts_per_iteration:
            break
    return kept, sampled


def cross_level_batch(tok, groups, reward, cfg):
    """Issue 16, run 13: what each level's tag alone should change, with the direction all levels share taken out.

    Every sample of a problem (its groups at every level, pooled) is scored with every level's reward; a level's
    advantage is its reward minus the pool's mean (divided by the pool's std with std_norm), and then the mean of
    the levels' advantages for that sample is subtracted. Correctness, the same at every level, cancels; so does any
    length preference every level shares, which is what runs 7, 9 and 10 learned instead of the levels. The sample
    is trained under each level's prompt with that level's centred advantage: pushed up after one tag and down
    after another, so to first order only what the tags change moves. (The samples came from one level's prompt and
    are trained under the others' as well: off-policy, as long as the levels' policies are close.)
    Returns (prompts, completions, reference prompts, advantages), samples with a zero advantage left out."""
    style = STYLES[cfg.prompt_style]
    pools = {}
    for g in groups:
        pools.setdefault(g["item"]["problem"], []).append(g)
    prompts, completions, ref_prompts, adv = [], [], [], []
    for problem, gs in pools.items():
        pool = [(c, ok, n) for g in gs for c, ok, n in zip(g["completions"], g["correct"], g["lengths"])]
        by_level = {}
        for level in LEVELS:
            r = torch.tensor([reward(ok, n, level) for _, ok, n in pool], dtype=torch.float32)
            a = r - r.mean()
            by_level[level] = a / (r.std(unbiased=False) + 1e-4) if cfg.std_norm else a
        shared = sum(by_level.values()) / len(by_level)
        plain = tok.encode(prompt_text(problem))
        for level in LEVELS:
            prompt = tok.encode(style.prompt(problem, level))
            for (c, _, _), a in zip(pool, (by_level[level] - shared).tolist()):
                if abs(a) > 1e-6:
                    prompts.append(prompt)
                    completions.append(c)
                    ref_prompts.append(plain if cfg.reference_prompt == "plain" else prompt)
                    adv.append(a)
    return prompts, completions, ref_prompts, torch.tensor(adv, dtype=torch.float32)


def _kl(cfg, new_logp, ref_logp, new_dist, ref_dist):
    """Per-token KL of the policy to the reference: k3 on the sampled token, or exact over the vocabulary."""
    if cfg.kl_estimator == "full":
        return (ref_dist.exp() * (ref_dist - new_dist)).sum(-1)
    log_r = ref_logp - new_logp
    return torch.exp(log_r) - log_r - 1


def grpo_iteration(policy, reference, opt, tok, draw_items, cfg, reward, sampler, kl_coef=None):
    """One GRPO iteration; returns its statistics.

    draw_items(n): n new items (dicts with problem, answer, level). `sampler(items, prompts)` returns the
    completions' token ids, G per item in item order.
    """
    kl_coef = cfg.kl_coef if kl_coef is None else kl_coef
    policy.eval()
    groups, sampled = collect_groups(tok, draw_items, cfg, reward, sampler)
    all_rewards = [r for g in sampled for r in g["rewards"]]
    all_correct = [c for g in sampled for c in g["correct"]]
    stats = {"reward": round(sum(all_rewards) / len(all_rewards), 4),
             "accuracy": round(sum(all_correct) / len(all_correct), 4),
             "groups_sampled": len(sampled),
             "zero_variance_share": round(len(zero_variance_groups(all_rewards, cfg.group_size)) / len(sampled), 3),
             "kl_coef": round(kl_coef, 4)}
    for level in LEVELS:
        ls = [length for g in sampled if g["item"]["level"] == level for length in g["lengths"]]
        if ls:
            stats["thinking_" + level] = round(sum(ls) / len(ls), 1)
    if not groups:
        stats["skipped"] = True
        return stats
    full = cfg.kl_estimator == "full"
    if cfg.cross_levels:
        prompts, completions, ref_prompts, adv = cross_level_batch(tok, groups, reward, cfg)
        stats["trained_sequences"] = len(completions)
        if not completions:
            stats["skipped"] = True
            return stats
    else:
        prompts = [g["prompt"] for g in groups for _ in g["completions"]]
        completions = [c for g in groups for c in g["completions"]]
        if cfg.reference_prompt == "plain":
            ref_prompts = [tok.encode(prompt_text(g["item"]["problem"])) for g in groups for _ in g["completions"]]
        else:
            ref_prompts = prompts
        adv = group_advantages([r for g in groups for r in g["rewards"]], cfg.group_size, cfg.std_norm)
    with torch.no_grad():
        old_logp, mask, _ = completion_logprobs(policy, prompts, completions)
        ref_logp, _, ref_dist = completion_logprobs(reference, ref_prompts, completions, full=full)
    policy.train()
    a = adv.unsqueeze(1).to(mask.device)
    for _ in range(cfg.ppo_epochs):
        new_logp, _, new_dist = completion_logprobs(policy, prompts, completions, full=full)
        ratio = torch.exp(new_logp - old_logp)
        pg = -torch.min(ratio * a, ratio.clamp(1 - cfg.clip, 1 + cfg.clip) * a)
        pg = torch.where(a < 0, torch.minimum(pg, -cfg.dual_clip * a), pg)
        kl = _kl(cfg, new_logp, ref_logp, new_dist, ref_dist)
        per_token = (pg + kl_coef * kl) * mask
        if cfg.loss_norm == "token":
            loss = per_token.sum() / (len(completions) * cfg.max_new_tokens)
        else:
            loss = (per_token.sum(1) / mask.sum(1).clamp(min=1)).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
        opt.step()
    policy.eval()
    with torch.no_grad():
        after_logp, _, _ = completion_logprobs(policy, prompts, completions)
        log_r = after_logp - old_logp
        step_kl = ((torch.exp(log_r) - log_r - 1) * mask).sum() / mask.sum()
        ref_kl = (kl * mask).sum() / mask.sum()
    stats.update({"loss": round(loss.item(), 4), "kl_step": round(float(step_kl), 6),
                  "kl_reference": round(float(ref_kl), 5)})
    return stats


def validation_reward(policy, tok, items, reward, style=STYLES["prefix"]):
    """Greedy decoding of every item at every level: mean reward, and per level the accuracy, the mean
    thinking and the mean think-end probability at the first point where the trace could stop."""
    from .evaluate import evaluate, summarize
    out, total = {}, 0.0
    for level in LEVELS:
        rows = evaluate(policy, tok, items, max_new_tokens=200, prompt_fn=lambda p, lv=level: style.prompt(p, lv))
        rewards = [reward(r["correct"], r["thinking_tokens"], level) for r in rows]
        total += sum(rewards) / len(rewards)
        out["accuracy_" + level] = round(100.0 * sum(r["correct"] for r in rows) / len(rows), 1)
        out["thinking_" + level] = round(sum(r["thinking_tokens"] for r in rows) / len(rows), 1)
        out["stop_p_" + level] = summarize(rows)["stop_probability_at_first_chance"]["mean"]
    out["reward"] = round(total / len(LEVELS), 4)
    return out


def trainable_parameters(policy, tok, train_params):
    """The parameters GRPO updates. level-tokens (issue 16): every weight of the SFT model stays frozen but
    the embedding rows of the level tags, which no training text contains. The direction all levels share
    (the one runs 7, 9 and 10 learned) then has no parameters to go to: as input, a tag's rows move its own
    level only (the embeddings are tied, so as output every tag row is also pushed to a lower logit). Rows
    outside the tags get a zero gradient, so Adam (no weight decay) never moves them."""
    if train_params == "all":
        return list(policy.parameters())
    if train_params in PATHWAYS:  # runs 15 and 16: only what level_vectors attached
        for p in policy.parameters():
            p.requires_grad_(False)
        vectors = pathway(policy).vectors
        vectors.requires_grad_(True)
        return [vectors]
    if train_params != "level-tokens":
        raise ValueError(f"train_params must be all, level-tokens, level-vectors or level-stop-bias, was {train_params!r}")
    for p in policy.parameters():
        p.requires_grad_(False)
    weight = policy.embed.weight
    weight.requires_grad_(True)
    rows = torch.zeros(weight.shape[0], 1, device=weight.device)
    rows[level_token_ids(tok)] = 1.0
    weight.register_hook(lambda grad: grad * rows)
    return [weight]


def eligible(v, min_gap):
    """Whether a validation keeps the levels apart: short < medium < long, neighbours min_gap apart."""
    return (v["thinking_medium"] - v["thinking_short"] >= min_gap
            and v["thinking_long"] - v["thinking_medium"] >= min_gap)


def train_tldr(policy, tok, *, seed, cfg, reward, held_out, validation, log=print, sampler=None, reference=None):
    """Runs GRPO from `policy` (trained in place, left at the best validated checkpoint); returns the history.

    sampler: where rollouts come from (see grpo_iteration); default: sampled here from the policy.
    reference: the frozen policy of the KL term; default: a copy of `policy` as it starts. A teacher (run 18,
    `teacher_with_stop_bias`) makes the KL term on-policy distillation.
    """
    torch.manual_seed(seed)
    rng = random.Random(seed)
    generator = torch.Generator(device=next(policy.parameters()).device).manual_seed(seed)
    sampler = sampler or local_sampler(policy, tok, cfg, generator)
    reference = (copy.deepcopy(policy) if reference is None else reference).eval()
    for p in reference.parameters():
        p.requires_grad_(False)
    params = trainable_parameters(policy, tok, cfg.train_params)
    groups = [{"params": params, "base_lr": cfg.lr}]
    if cfg.scaffold_fade:  # the scaffold's few numbers learn at a rate of their own
        scaffold = pathway(policy).vectors
        groups = [{"params": [p for p in params if p is not scaffold], "base_lr": cfg.lr},
                  {"params": [scaffold], "base_lr": cfg.scaffold_lr}]
    opt = torch.optim.AdamW(groups, lr=cfg.lr, betas=(0.9, 0.95), weight_decay=0.0)
    levels = list(LEVELS)
    history, validations, start = [], [], time.time()
    best = None

    def validate(iteration):
        nonlocal best
        v = validation_reward(policy, tok, validation, reward, STYLES[cfg.prompt_style])
        v["iteration"] = iteration
        v["eligible"] = eligible(v, cfg.min_level_gap)
        validations.append(v)
        log("validation " + json.dumps(v))
        # An eligible checkpoint beats any ineligible one; among equals the higher reward wins.
        if best is None or (v["eligible"], v["reward"]) > (best[0]["eligible"], best[0]["reward"]):
            best = (v, copy.deepcopy(policy.state_dict()))

    drawn = 0

    def draw_items(n):
        """n new training items, their problems not held out: levels in rotation, or (paired) each problem
        at every level, so the same working meets opposite length pushes and only the level tells them apart."""
        nonlocal drawn
        items = []
        while len(items) < n:
            p = tasks.make_problem(rng)
            if p.problem in held_out:
                continue
            wanted = levels if cfg.paired_levels else [levels[drawn % len(levels)]]
            for level in wanted:
                items.append({"problem": p.problem, "answer": str(p.answer), "level": level})
            drawn += 1
        return items[:n]

    validate(0)
    for it in range(cfg.iterations):
        for group in opt.param_groups:
            group["lr"] = group["base_lr"] * min(1.0, (it + 1) / max(1, cfg.warmup))
        if cfg.scaffold_fade:
            pathway(policy).scale = cfg.scaffold_at(it)
        stats = grpo_iteration(policy, reference, opt, tok, draw_items, cfg, reward, sampler, cfg.kl_at(it))
        stats["iteration"] = it + 1
        if cfg.scaffold_fade:
            stats["scaffold"] = round(pathway(policy).scale, 3)
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
