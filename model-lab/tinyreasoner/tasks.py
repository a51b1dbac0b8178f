"""Synthetic reasoning tasks and distilled-style traces.

Three families of multi-step problems, each at difficulties 1 to 3:
  chain     chained integer arithmetic, evaluated left to right ("Compute 7 * 6 + 25 - 13.")
  addition  multi-digit addition worked column by column with carries ("Compute 478 + 356.")
  linear    linear equations in x ("Solve for x: 7x - 5 = 3x + 19.")

Every step of the working is a one-digit or two-digit computation, so a sub-million-parameter
model can learn it. What makes the traces useful for Thinkmeter is the stopping: once the working
states the answer, the trace goes on with a random number of verification rounds. The chance of
stopping after k rounds rises with k and is lower for harder problems (STOP_BASE, STOP_STEP), so
the trained model's probability of the think-end token at those points is moderate, not 0 or 1,
and a stopping intervention has something real to act on.
"""
from dataclasses import dataclass, field
import random

FAMILIES = ("chain", "addition", "linear")
DIFFICULTIES = (1, 2, 3)

# Hazard of stopping after k verification rounds: STOP_BASE[difficulty] + STOP_STEP * k (capped).
STOP_BASE = {1: 0.5, 2: 0.35, 3: 0.2}
STOP_STEP = 0.2
STOP_CAP = 0.95

THINK_END = "</think>"
AFTER_THINK_END = "\n"
ANSWER_PREFIX = "Final Answer:"

OPENERS = (
    "",
    "",
    "Let me work through this step by step.\n",
    "Okay, let me think about this.\n",
    "Hmm, let me solve this carefully.\n",
    "I need to find the answer to: {problem}\n",
)
CONCLUSIONS = ("So the answer is {a}.", "Therefore the answer is {a}.", "So the result is {a}.")
CHECK_OPENERS = ("Wait, let me verify: ", "Wait, let me double-check: ", "Wait, let me check that again: ")
CONCLUSION_PATTERN = r"(?:answer|result) is (-?\d+)\.\n"
PLACES = ("Ones", "Tens", "Hundreds", "Thousands", "Ten-thousands")


@dataclass
class Problem:
    problem: str
    answer: int
    family: str
    difficulty: int
    working: list = field(default_factory=list)   # lines that compute the answer
    checks: list = field(default_factory=list)    # statements a verification round may restate

    def record(self):
        return {"problem": self.problem, "answer": str(self.answer), "family": self.family,
                "difficulty": self.difficulty}


def make_chain(rng, difficulty):
    n_ops = difficulty + 1
    first_mult = rng.random() < 0.35
    value = rng.randint(2, 12) if first_mult else rng.randint(10, 80)
    text = [str(value)]
    working, checks = [], []
    for i in range(n_ops):
        ops = []
        if i == 0 and first_mult:
            ops.append("*")
        else:
            if value <= 89:
                ops.append("+")
            if value >= 3:
                ops.append("-")
        op = rng.choice(ops)
        if op == "*":
            b = rng.randint(2, min(9, 99 // value))
            new = value * b
            checks.append(f"{new} / {b} = {value}")
        elif op == "+":
            b = rng.randint(2, min(60, 99 - value))
            new = value + b
            checks.append(f"{new} - {b} = {value}")
        else:
            b = rng.randint(1, min(60, value - 1))
            new = value - b
            checks.append(f"{new} + {b} = {value}")
        step = f"{value} {op} {b} = {new}."
        prefix = rng.choice(("", "", "First, ")) if i == 0 else rng.choice(("", "", "Then ", "Next, "))
        working.append(prefix + step)
        checks.append(step[:-1])
        text.append(f"{op} {b}")
        value = new
    return Problem(f"Compute {' '.join(text)}.", value, "chain", difficulty, working, checks)


def make_addition(rng, difficulty):
    digits = difficulty + 1
    lo, hi = 10 ** (digits - 1), 10 ** digits - 1
    a, b = rng.randint(lo, hi), rng.randint(lo, hi)
    total = a + b
    working, checks = [], []
    carry = 0
    da, db = str(a)[::-1], str(b)[::-1]
    for i in range(digits):
        x, y = int(da[i]), int(db[i])
        s = x + y + carry
        expr = f"{x} + {y}" + (f" + {carry}" if carry else "")
        carry_out = s // 10
        line = f"{PLACES[i]}: {expr} = {s}, write {s % 10}" + (f", carry {carry_out}." if carry_out else ".")
        working.append(line)
        checks.append(f"the {PLACES[i].lower()}: {expr} = {s}")
        carry = carry_out
    if carry:
        working.append(f"The last carry gives the digit {carry}.")
    checks.append(f"{total} - {b} = {a}")
    checks.append(f"{b} + {a} = {total}")
    return Problem(f"Compute {a} + {b}.", total, "addition", difficulty, working, checks)


def make_linear(rng, difficulty):
    x = rng.randint(1, 12)
    working, checks = [], []
    if difficulty == 1:
        b = rng.randint(2, 87)
        c = x + b
        problem = f"Solve for x: x + {b} = {c}."
        working.append(f"Subtract {b} from both sides: x = {c} - {b} = {x}.")
        checks.append(f"{x} + {b} = {c}")
        return Problem(problem, x, "linear", difficulty, working, checks)
    a = rng.randint(2, min(9, 99 // x))
    b = rng.randint(1, 40) * rng.choice((1, -1))
    lhs_const = f"+ {b}" if b > 0 else f"- {-b}"
    if difficulty == 2:
        c = a * x + b
        if c <= 0:
            return make_linear(rng, difficulty)
        problem = f"Solve for x: {a}x {lhs_const} = {c}."
    else:
        d = rng.randint(1, 9)
        a_total = a + d
        e = a * x + b  # right-hand constant after moving d*x
        if e <= 0 or a_total * x + b > 99:
            return make_linear(rng, difficulty)
        problem = f"Solve for x: {a_total}x {lhs_const} = {d}x + {e}."
        working.append(f"Subtract {d}x from both sides: {a}x {lhs_const} = {e}.")
        checks.append(f"{a_total} * {x} {lhs_const} = {a_total * x + b}")
        c = e
    if b > 0:
        working.append(f"Subtract {b} from both sides: {a}x = {c} - {b} = {a * x}.")
    else:
        working.append(f"Add {-b} to both sides: {a}x = {c} + {-b} = {a * x}.")
    working.append(f"Divide both sides by {a}: x = {a * x} / {a} = {x}.")
    checks.append(f"{a} * {x} = {a * x}")
    checks.append(f"{a} * {x} {lhs_const} = {c}")
    return Problem(problem, x, "linear", difficulty, working, checks)


MAKERS = {"chain": make_chain, "addition": make_addition, "linear": make_linear}


def make_problem(rng, family=None, difficulty=None):
    family = family or rng.choice(FAMILIES)
    difficulty = difficulty or rng.choice(DIFFICULTIES)
    return MAKERS[family](rng, difficulty)


def stop_probability(difficulty, rounds_done):
    return min(STOP_CAP, STOP_BASE[difficulty] + STOP_STEP * rounds_done)


def make_trace(rng, p):
    """The assistant's text after the prompt's '<think>\\n': working, verification rounds, answer."""
    opener = rng.choice(OPENERS).format(problem=p.problem)
    lines = [opener + p.working[0]] + p.working[1:]
    lines.append(rng.choice(CONCLUSIONS).format(a=p.answer))
    rounds = 0
    while rng.random() >= stop_probability(p.difficulty, rounds):
        lines.append(rng.choice(CHECK_OPENERS) + rng.choice(p.checks) + ". Yes.")
        rounds += 1
    thinking = "\n".join(lines) + "\n"
    return thinking + THINK_END + AFTER_THINK_END + ANSWER_PREFIX + " \\boxed{" + str(p.answer) + "}"


def eval_problems(seed, per_cell):
    """Held-out benchmark: per_cell problems for every (family, difficulty), unique texts."""
    rng = random.Random(seed)
    out, seen = [], set()
    for family in FAMILIES:
        for difficulty in DIFFICULTIES:
            made = 0
            while made < per_cell:
                p = make_problem(rng, family, difficulty)
                if p.problem not in seen:
                    seen.add(p.problem)
                    out.append(p)
                    made += 1
    return out
