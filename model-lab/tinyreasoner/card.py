"""MODEL_CARD.md from the figures a build measured (metrics.json)."""
from . import tasks


def _lengths_row(label, s):
    if not s.get("n"):
        return f"| {label} | 0 | - | - | - | - |"
    return f"| {label} | {s['n']} | {s['mean']} | {s['p10']} | {s['p50']} | {s['p90']} |"


def write(path, m):
    e, t, c = m["evaluation"], m["training"], m["config"]
    stop = e["stop_probability_at_first_chance"]
    fam = "\n".join(f"| {f} | {e['accuracy_per_family'][f]} | " +
                    " | ".join(str(e["accuracy_per_family_difficulty"][f"{f}/{d}"]) for d in tasks.DIFFICULTIES) + " |"
                    for f in tasks.FAMILIES)
    text = f"""# Model card: {m.get('name', 'tiny-reasoner')}

A {m['parameters']:,}-parameter decoder of the Llama/Qwen family, trained from scratch on generated
arithmetic and algebra traces that look like a distilled reasoner's: `<think>`, step-by-step working,
a random number of verification rounds, `</think>`, `Final Answer: \\boxed{{N}}`. It exists so that
Thinkmeter's demo, tests and benchmarks run a real reasoning model that the project can ship.
Not for any use beyond that: it knows three kinds of arithmetic problem and nothing else.

## How it was made
- Command (reproduces every figure below on a 2-core Debian 12 machine with Debian's torch 1.13):
  `{m['command']}`
- Seed: {m['seed']} (training data stream, initialisation; eval set uses seed+1, tokenizer corpus seed+2).
- Architecture: d_model {c['d_model']}, {c['n_layers']} layers, {c['n_heads']} heads of {c['d_model'] // c['n_heads']},
  SwiGLU hidden {c['ffn_hidden']}, RMSNorm, rotary positions (theta {c['rope_theta']:g}), no biases, tied embeddings.
- Tokenizer: byte-level BPE, {m['vocab_size']} tokens (7 specials, 256 bytes, merges learned on generated
  text; two digits are never merged, so numbers are read digit by digit).
- Training: {t['steps']} steps of AdamW, batch {t['batch_size']}, peak learning rate {t['peak_lr']}, {t['warmup']}
  warm-up steps then cosine decay to 5%, weight decay 0.05, gradient clip 1.0, loss on the assistant's text only,
  length-bucketed batches, one thread. Training took {t['train_seconds'] / 60:.1f} minutes and saw
  {t['tokens_seen']:,} tokens (padding included); the whole build took {m['build_seconds'] / 60:.1f} minutes.
- Data: an endless seeded stream from `model-lab/tinyreasoner/tasks.py`: families `chain` (left-to-right
  integer chains of 2 to 4 operations), `addition` (2- to 4-digit addition worked column by column with
  carries), `linear` (equations `x + b = c`, `ax + b = c`, `ax + b = dx + e`), each at difficulty 1 to 3.
  After the working states the answer, each further verification round ("Wait, let me verify: ...")
  is skipped with probability {tasks.STOP_BASE[1]}, {tasks.STOP_BASE[2]} or {tasks.STOP_BASE[3]} by difficulty,
  rising by {tasks.STOP_STEP} per round already made: the stopping point is genuinely uncertain.
  Openers and phrasing vary at random. Problems of `eval.jsonl` are excluded from training by text.

## Results (greedy, PyTorch, all {e['n']} problems of `eval.jsonl`)
Accuracy: **{e['accuracy']}%** ({e['closed_thinking']} of {e['n']} traces closed `</think>`).

| family | accuracy % | difficulty 1 | difficulty 2 | difficulty 3 |
|---|---|---|---|---|
{fam}

Thinking length in tokens (generated tokens before `</think>`):

| answers | n | mean | p10 | p50 | p90 |
|---|---|---|---|---|---|
{_lengths_row('all', e['thinking_all'])}
{_lengths_row('correct', e['thinking_correct'])}
{_lengths_row('wrong', e['thinking_wrong'])}

p90 / p10 = {e['p90_over_p10']}.

Probability of `</think>` at the first point where the trace could end (right after the line that states
the answer), over {stop['n']} greedy traces: mean **{stop['mean']}**, p10 {stop['p10']}, p90 {stop['p90']}.

## Files
- `model.onnx`: Optimum decoder-with-past layout (`input_ids`, `attention_mask`, `position_ids`,
  `past_key_values.{{i}}.key/value` in; `logits`, `present.{{i}}.key/value` out), opset 14, fp32, checked
  with `onnx.checker`.
- `tokenizer.json`: Hugging Face tokenizers format (ByteLevel, BPE), loadable by DJL's `HuggingFaceTokenizer`.
- `reasoner.json`: the descriptor the workers read (prompt template, the Jinja `chat_template` that renders one problem exactly as the prompt template does and refuses system messages, think delimiters, answer prefix, reserve).
- `checkpoint.pt`: the PyTorch weights, for further training (the TLDR stage starts here).
- `eval.jsonl`: the held-out benchmark; `eval_greedy.jsonl`: the greedy result for each of its problems.
- `fixtures/greedy.jsonl`: 24 prompts with their token ids, greedy continuation and top-5 logits of the
  first 8 steps; `fixtures/tokenizer.jsonl`: 300 strings with their token ids.
- `metrics.json`: every figure above, and the loss curve.
"""
    with open(path, "w") as f:
        f.write(text)
