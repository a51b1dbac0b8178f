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


def write(path, m):
    rows = "\n".join(
        f"| {name} | {r['accuracy']} | {r['thinking_all']['mean']} | {r['thinking_all']['p50']} | "
        f"{r['thinking_all']['p90']} | {r.get('change_vs_sft', '-')} |"
        for name, r in m["levels"].items())
    c, rw = m["training"]["config"], m["training"]["reward"]
    text = f"""# Model card: tiny-reasoner-tldr

The tiny reasoner (`models/tiny-reasoner`) after length-regularized GRPO (TLDR): it answers at the
level its prompt asks for, short, medium or long, through the level instructions of `reasoner.json`.

## How it was made
- Command: `{m['command']}`
- Seed {m['seed']}; started from `{m['from']}` (its `checkpoint.pt`).
- Reward per completion: r = correct - zeta(L, level); zeta = 0 while the thinking length L is at most
  the level's target (short {rw['short_max']}, medium {rw['medium_max']}, long unbounded), else
  {rw['beta']} + {rw['per_token']} per token of excess. Wrong answers get no correctness reward.
- GRPO: {c['iterations']} iterations of {c['prompts_per_iteration']} prompts x {c['group_size']} samples
  (temperature {c['temperature']}, at most {c['max_new_tokens']} new tokens), group-normalised advantages,
  PPO clip {c['clip']}, {c['ppo_epochs']} epochs per batch, KL to the SFT reference (k3) x {c['kl_coef']},
  AdamW lr {c['lr']}; {m['training']['seconds'] / 60:.1f} minutes on one thread. Training prompts avoid
  every problem of `eval.jsonl`; levels rotate over the prompts.
- Level instructions: {m['level_instructions']}

## Results (greedy, PyTorch, {m['n']} problems of `eval.jsonl`)
| model / level | accuracy % | mean thinking | p50 | p90 | thinking vs SFT |
|---|---|---|---|---|---|
{rows}

Reward and thinking length during training: `reward_curve.svg`, `reward_curve.csv`.
"""
    with open(path, "w") as f:
        f.write(text)
