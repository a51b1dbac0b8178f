"""Greedy evaluation on eval.jsonl: accuracy per family and difficulty, thinking lengths, and the
model's probability of the think-end token at the first point where its trace could end."""
import re
import statistics

from . import tasks
from .data import prompt_text
from .decode import greedy

BOXED = re.compile(r"\\boxed\{(-?\d+)\}")
CONCLUSION = re.compile(tasks.CONCLUSION_PATTERN)


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def length_stats(values):
    if not values:
        return {"n": 0}
    return {"n": len(values), "mean": round(statistics.mean(values), 1), "p10": percentile(values, 0.1),
            "p50": percentile(values, 0.5), "p90": percentile(values, 0.9)}


def first_stop_point(token_texts):
    """Index of the generated token that follows the first line stating the answer, or None."""
    text, ends = "", []
    for piece in token_texts:
        text += piece
        ends.append(len(text))
    match = CONCLUSION.search(text)
    if not match:
        return None
    for index, end in enumerate(ends):
        if end == match.end():
            return index + 1
    return None


def score_generation(tok, item, gen):
    think_end, eos = tok.token_id("</think>"), tok.token_id("</s>")
    ids = gen["ids"]
    closed = think_end in ids
    thinking = ids.index(think_end) if closed else len([i for i in ids if i != eos])
    answer_text = tok.decode(ids[thinking:], skip_special=True) if closed else ""
    found = BOXED.findall(answer_text)
    predicted = found[-1] if found else None
    stop_at = first_stop_point([tok.decode([i]) for i in ids[:thinking + 1]])
    stop_p = gen["watch_probs"][stop_at] if stop_at is not None and stop_at < len(gen["watch_probs"]) else None
    return {"problem": item["problem"], "family": item["family"], "difficulty": item["difficulty"],
            "answer": item["answer"], "predicted": predicted, "correct": predicted == item["answer"],
            "closed": closed, "thinking_tokens": thinking, "generated_tokens": len(ids),
            "stop_probability_at_first_chance": stop_p}


def evaluate(model, tok, items, batch_size=64, max_new_tokens=400, prompt_fn=prompt_text):
    rows = []
    for start in range(0, len(items), batch_size):
        chunk = items[start:start + batch_size]
        gens = greedy(model, [tok.encode(prompt_fn(it["problem"])) for it in chunk],
                      max_new_tokens=max_new_tokens, eos_id=tok.token_id("</s>"),
                      watch_id=tok.token_id("</think>"))
        rows += [score_generation(tok, it, g) for it, g in zip(chunk, gens)]
    return rows


def summarize(rows):
    def acc(rs):
        return round(100.0 * sum(r["correct"] for r in rs) / len(rs), 1) if rs else None
    per_family = {f: acc([r for r in rows if r["family"] == f]) for f in tasks.FAMILIES}
    per_cell = {f"{f}/{d}": acc([r for r in rows if r["family"] == f and r["difficulty"] == d])
                for f in tasks.FAMILIES for d in tasks.DIFFICULTIES}
    lengths = [r["thinking_tokens"] for r in rows]
    stop_ps = [r["stop_probability_at_first_chance"] for r in rows
               if r["stop_probability_at_first_chance"] is not None]
    p10, p90 = percentile(lengths, 0.1), percentile(lengths, 0.9)
    return {
        "n": len(rows),
        "accuracy": acc(rows),
        "accuracy_per_family": per_family,
        "accuracy_per_family_difficulty": per_cell,
        "closed_thinking": sum(r["closed"] for r in rows),
        "thinking_all": length_stats(lengths),
        "thinking_correct": length_stats([r["thinking_tokens"] for r in rows if r["correct"]]),
        "thinking_wrong": length_stats([r["thinking_tokens"] for r in rows if not r["correct"]]),
        "p90_over_p10": round(p90 / p10, 2) if p10 else None,
        "stop_probability_at_first_chance": {
            "n": len(stop_ps), "mean": round(statistics.mean(stop_ps), 3) if stop_ps else None,
            "p10": round(percentile(stop_ps, 0.1), 3) if stop_ps else None,
            "p90": round(percentile(stop_ps, 0.9), 3) if stop_ps else None},
    }
