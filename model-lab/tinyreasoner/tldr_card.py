"""The TLDR model's card and reward curves, from the figures its run measured."""


def curve_svg(history, keys, width=640, height=260):
    """A plain SVG line chart of history[key] against the iteration, one polyline per key."""
    colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    xs = [h["iteration"] for h in history]
    series = {k: [h.get(k) for h in history] for k in keys}
    values = [v for vs in series.values() for v in vs if v is not None]
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    x_span = (max(xs) - min(xs)) or 1
    pad = 40

    def point(x, y):
        px = pad + (x - min(xs)) / x_span * (width - 2 * pad)
        py = height - pad - (y - lo) / span * (height - 2 * pad)
        return f"{px:.1f},{py:.1f}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{pad}" y="{pad - 12}">{lo:.2f} .. {hi:.2f} over {len(xs)} iterations</text>']
    for i, (k, vs) in enumerate(series.items()):
        pts = " ".join(point(x, y) for x, y in zip(xs, vs) if y is not None)
        c = colors[i % len(colors)]
        parts.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.5" points="{pts}"/>')
        parts.append(f'<text x="{width - 150}" y="{pad + 14 * i}" fill="{c}">{k}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def write_curves(out_dir, training):
    """reward_curve.csv (every iteration, sampled rollouts), validation.csv (greedy) and the SVG chart."""
    import os
    levels = ("short", "medium", "long")
    keys = ["iteration", "reward", "accuracy"] + ["thinking_" + lv for lv in levels]
    with open(os.path.join(out_dir, "reward_curve.csv"), "w") as f:
        f.write(",".join(keys) + "\n")
        for h in training["history"]:
            f.write(",".join(str(h.get(k, "")) for k in keys) + "\n")
    vkeys = ["iteration", "reward"] + [f"{k}_{lv}" for lv in levels for k in ("accuracy", "thinking")]
    with open(os.path.join(out_dir, "validation.csv"), "w") as f:
        f.write(",".join(vkeys) + "\n")
        for v in training["validation"]:
            f.write(",".join(str(v.get(k, "")) for k in vkeys) + "\n")
    if training["history"]:
        with open(os.path.join(out_dir, "reward_curve.svg"), "w") as f:
            f.write(curve_svg(training["history"], ["thinking_" + lv for lv in levels]))


def goal_lines(levels):
    """Issue 6's goal, checked on the final model's rows against the SFT row."""
    sft = levels["sft (no instruction)"]
    base_len, base_acc = sft["thinking_all"]["mean"], sft["accuracy"]
    rows = {lv: levels.get("tldr " + lv) for lv in ("short", "medium", "long")}
    if any(r is None for r in rows.values()):
        return "- (no final rows)"
    short = rows["short"]
    cut = 100 * (1 - short["thinking_all"]["mean"] / base_len)
    lost = base_acc - short["accuracy"]
    lengths = [rows[lv]["thinking_all"]["mean"] for lv in ("short", "medium", "long")]
    between = all(lengths[0] <= x <= base_len for x in lengths[1:])
    rising = lengths[0] < lengths[1] < lengths[2]
    verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    return "\n".join([
        f"- Short thinks {cut:.1f}% less than SFT (issue 6's goal: at least 40%): {verdict(cut >= 40)}; issue 16's "
        f"goal, at least 60% with at most 1 point lost: {verdict(cut >= 60 and lost <= 1)}.",
        f"- Short's accuracy against SFT: {-lost:+.1f} points (goal: at most 2 points lost): {verdict(lost <= 2)}.",
        f"- Medium and long between short and SFT ({lengths[1]} and {lengths[2]}, between {lengths[0]} and "
        f"{base_len}): {verdict(between)}.",
        f"- Mean lengths rise strictly from short to long ({lengths[0]} < {lengths[1]} < {lengths[2]}): "
        f"{verdict(rising)}."])


def write(path, m):
    rows = "\n".join(
        f"| {name} | {r['accuracy']} | {r['thinking_all']['mean']} | {r['thinking_all']['p50']} | "
        f"{r['thinking_all']['p90']} | {r.get('change_vs_sft', '-')} |"
        for name, r in m["levels"].items())
    vrows = "\n".join(
        f"| {v['iteration']} | {v['reward']} | {'yes' if v.get('eligible') else 'no'} | " + " | ".join(
            f"{v['accuracy_' + lv]} / {v['thinking_' + lv]}" for lv in ("short", "medium", "long")) + " |"
        for v in m["training"]["validation"])
    c, rw = m["training"]["config"], m["training"]["reward"]
    ws = m.get("warmstart")
    kept = m["training"]["kept_iteration"]
    grpo_effect = (
        "No GRPO checkpoint beat the warm-start on the greedy validation reward, so the exported model is "
        "the warm-started one (iteration 0): in this run GRPO did not add to what the level warm-start "
        "taught; its rows equal the warm-start rows below." if kept == 0 else
        f"GRPO's checkpoint of iteration {kept} beat the warm-start on the greedy validation reward; the "
        "rows below show what each stage gave.")
    instructions = "; ".join(f"{k}: \"{v.strip()}\"" for k, v in m["level_instructions"].items())
    short_forms = {
        "terse": "short is the working alone, terse (no opener, no step prefixes, no conclusion line, no checks)",
        "bare": "short is the bare arithmetic of the working (no labels, no words)",
        "lean": "short is the working's arithmetic without labels or words, keeping each addition column's "
                "written digit and a linear step's moved x-term (`-8x: 9x + 11 = 56`)"}
    short_form = short_forms[m.get("short_form", "terse")]
    remedies = [f"{k} {c[k]}" for k, off in (("dynamic_sampling", False), ("loss_norm", "sequence"),
                                                ("std_norm", True), ("kl_final", None), ("kl_estimator", "k3"),
                                                ("reference_prompt", "level"), ("paired_levels", False))
                if c.get(k, off) != off]
    push = rw.get("inside_push", 0) or 0
    medium_low = rw.get("medium_min", 0) or 0
    where = {"suffix": "after the problem", "think": "a token of the level's own in the place of <think>"}.get(
        m.get("prompt_style"), "before the problem")
    name = m.get("name", "tiny-reasoner-tldr")
    warm = (f"{ws['steps']} steps of batch {ws['batch_size']}, peak lr {ws['peak_lr']} (warm-up {ws['warmup']}, "
            f"cosine decay), {ws['train_seconds'] / 60:.1f} minutes" if ws else None)
    stage1 = (f"""Stage 1, level warm-start: {warm}. Each example carries a random level's instruction and a trace
  written at that level (`model-lab/tinyreasoner/levels.py`): {short_form};
  medium the working and its conclusion; long adds an opener and, on problems of difficulty 2 and 3,
  one verification round.""" if ws else "Stage 1, the level warm-start, was skipped: GRPO started from the SFT model.")
    text = f"""# Model card: {name}

The tiny reasoner (`models/tiny-reasoner`) taught to answer at the level its prompt asks for, short,
medium or long, through the level instructions of `reasoner.json`: {"first a level-conditioned SFT warm-start, then " if ws else ""}length-regularized GRPO (TLDR).

## How it was made
- Command: `{m['command']}`{chr(10) + "- " + m['note'] if m.get('note') else ""}
- Seed {m['seed']}; started from `{m['from']}` (its `checkpoint.pt`).
- {stage1}
- Stage 2, GRPO. Reward per completion: r = correct - zeta(L, level); zeta = 0 while the thinking
  length L is inside the level's target range (short at most {rw['short_max']}, medium from {medium_low} to
  {rw['medium_max']}, long from {rw.get('long_min', 0)} to {rw.get('long_max') or 'unbounded'}), else
  {rw['beta']} + {rw['per_token']} per token of distance to the range{f"; inside it, a push towards the level's aim up to {push} x beta" if push else ""}. Wrong answers get no
  correctness reward. {c['iterations']} iterations of {c['prompts_per_iteration']} prompts x
  {c['group_size']} samples (temperature {c['temperature']}, at most {c['max_new_tokens']} new tokens),
  group-normalised advantages, PPO clip {c['clip']} with dual clip {c['dual_clip']}, {c['ppo_epochs']}
  epochs per batch, KL to {'the SFT model reading its plain prompt' if c.get('reference_prompt') == 'plain' else 'the policy GRPO started from'} ({c.get('kl_estimator', 'k3')}) x {c['kl_coef']}, AdamW lr {c['lr']} after
  {c['warmup']} warm-up iterations{"; issue 16's options: " + ", ".join(remedies) if remedies else ""}; {m['training']['seconds'] / 60:.1f} minutes on one thread.
- Checkpoint selection: every {c['validate_every']} iterations the mean greedy reward over the three
  levels is measured on {m['validation_problems']} validation problems (generated with another seed,
  none in `eval.jsonl`); the best checkpoint whose mean lengths rise short < medium < long by at
  least {c.get('min_level_gap', 0)} tokens is kept: iteration {m['training']['kept_iteration']}.
- Training and validation problems avoid every problem of `eval.jsonl`; levels rotate over prompts.
- Level instructions ({where}): {instructions}.
- {grpo_effect}

## Results (greedy, PyTorch, {m['n']} problems of `eval.jsonl`)
| model / level | accuracy % | mean thinking | p50 | p90 | thinking vs SFT |
|---|---|---|---|---|---|
{rows}

Against the goal of issue 6 (final model, rows "tldr"):
{goal_lines(m["levels"])}

## Validation during GRPO (greedy; accuracy % / mean thinking)
| iteration | mean reward | levels apart | short | medium | long |
|---|---|---|---|---|---|
{vrows}

Sampled rollouts' reward and thinking length per iteration: `reward_curve.csv`, `reward_curve.svg`;
validation: `validation.csv`.
"""
    with open(path, "w") as f:
        f.write(text)
