"""TLDR levels: the instruction a prompt carries for each, and traces written at each level.

The level-conditioned traces teach the SFT model to read the instruction before GRPO starts (the
first GRPO run, from the plain SFT model, never separated the levels under greedy decoding):
  short   the working only, terse: no opener, no "First,/Then/Next," prefixes, no closing carry
          sentence, no conclusion line (the answer follows the think-end as always);
  medium  the working as the SFT traces write it, with its conclusion, but no opener and no checks;
  long    an opener (often none, as in the SFT traces), the working, the conclusion, and on problems of
          difficulty 2 and 3 one verification round.
Every level stays below the SFT model's mean thinking length: the SFT traces' extra verification
rounds never caught an error (see ../shared/notes), so "long" means checking once where it is hard,
not checking again and again.
"""
import re
from dataclasses import dataclass

import torch

from . import tasks

LEVELS = {
    "short": "Answer briefly. ",
    "medium": "Answer with some care. ",
    "long": "Answer carefully and check your work. ",
}
TLDR_TEMPLATE = "<s><|user|>{instruction}{problem}<|assistant|><think>\n"
STEP_PREFIXES = ("First, ", "Then ", "Next, ")
LONG_CHECKS_FROM_DIFFICULTY = 2


@dataclass(frozen=True)
class PromptStyle:
    """Where a level's instruction goes in the prompt, and its words.

    prefix: the instruction opens the user message (the committed warm-start model's style).
    suffix: a level tag closes it. The SFT model never saw either, but a tag after the problem costs it
    far less accuracy before any training (measured on 152 validation problems, greedy: the prefix
    sentences 41-57% against 98% without an instruction, the suffix tags 76-84%; the chain family,
    which reads the problem's last operation last, suffers most). GRPO from the SFT model alone uses it.
    think: the level's own think-start token in the place of <think> (LEVEL_TOKEN_BYTES), nothing added
    or moved; GRPO from SFT may then train those tokens' embeddings only (`--train level-tokens`, run 12).
    """
    name: str
    template: str
    instructions: dict
    instruction_at: str  # "start" or "end" of the last user message, or "think": in the place of <think>

    def prompt(self, problem, level):
        return self.template.format(instruction=self.instructions[level], problem=problem)


PREFIX = PromptStyle("prefix", TLDR_TEMPLATE, LEVELS, "start")
SUFFIX = PromptStyle("suffix", "<s><|user|>{problem}{instruction}<|assistant|><think>\n",
                     {level: "\nLevel: " + level for level in LEVELS}, "end")
# The think style's tags: one byte token a level that no text the lab writes contains (an ASCII control
# character, not whitespace), in the place of <think>. Each starts as a copy of <think>'s embedding, so the
# SFT model reads every level's prompt exactly as its own (a tag anywhere else costs it 20-45 points of
# accuracy before any training: its lookups count positions, and any extra token shifts them).
LEVEL_TOKEN_BYTES = {"short": "\x01", "medium": "\x02", "long": "\x03"}
THINK = PromptStyle("think", "<s><|user|>{problem}<|assistant|>{instruction}\n", LEVEL_TOKEN_BYTES, "think")
STYLES = {style.name: style for style in (PREFIX, SUFFIX, THINK)}


def level_token_ids(tok):
    """The token ids of the think style's tags, every level's."""
    return sorted({i for tag in LEVEL_TOKEN_BYTES.values() for i in tok.encode(tag)})


def start_think_tags(model, tok):
    """Makes each level's think tag a copy of <think> in `model` (an SFT model: it never saw the tags). The
    copies are also never generated: <think> only ever followed <|assistant|> in a prompt."""
    with torch.no_grad():
        weight = model.embed.weight
        weight[level_token_ids(tok)] = weight[tok.token_id("<think>")].clone()


def level_prompt(problem, level, style=PREFIX):
    return style.prompt(problem, level)


def _terse(line):
    for prefix in STEP_PREFIXES:
        if line.startswith(prefix):
            return line[len(prefix):]
    return line


def _bare(line):
    """A working line reduced to its arithmetic: no step label ("Ones:", "Subtract 5x from both sides:"),
    no digit bookkeeping (", write 8, carry 1"), no full stop: "Tens: 1 + 9 = 10, write 0, carry 1." is
    "1 + 9 = 10". Every number the computation needs is still written; only words go."""
    line = _terse(line)
    label = line.find(": ")
    if 0 <= label < line.find("="):
        line = line[label + 2:]
    return re.sub(r", write .*$", "", line).rstrip(".")


def _lean(line):
    """The bare line plus what the bare form lost and the answer needs (run 8 of TLDR_RUNS.md): the digit
    each addition column writes ("1 + 9 = 10, write 0"), and the x-term a linear step takes away
    ("-8x: 9x + 11 = 56"), whose words were the only place its operand appeared."""
    line = _terse(line)
    moved = re.match(r"Subtract (\d*x) from both sides: (.*)$", line)
    if moved:
        return f"-{moved[1]}: {moved[2]}".rstrip(".")
    label = line.find(": ")
    if 0 <= label < line.find("="):
        line = line[label + 2:]
    return re.sub(r", carry \d+", "", line).rstrip(".")


SHORT_FORMS = {"terse": _terse, "bare": _bare, "lean": _lean}


def level_thinking(rng, p, level, short_form="terse"):
    """The thinking text (before the think-end) of problem `p` at `level`; short_form: SHORT_FORMS."""
    if level == "short":
        lines = [SHORT_FORMS[short_form](w) for w in p.working if not w.startswith("The last carry")]
        return "\n".join(lines) + "\n"
    conclusion = rng.choice(tasks.CONCLUSIONS).format(a=p.answer)
    if level == "medium":
        return "\n".join(p.working + [conclusion]) + "\n"
    if level != "long":
        raise ValueError(f"unknown level {level!r}")
    opener = rng.choice(tasks.OPENERS).format(problem=p.problem)
    lines = [opener + p.working[0]] + p.working[1:] + [conclusion]
    if p.difficulty >= LONG_CHECKS_FROM_DIFFICULTY:
        lines.append(rng.choice(tasks.CHECK_OPENERS) + rng.choice(p.checks) + ". Yes.")
    return "\n".join(lines) + "\n"


def level_trace(rng, p, level, short_form="terse"):
    """The assistant's text after the prompt, at `level`, ending with the boxed answer."""
    return (level_thinking(rng, p, level, short_form) + tasks.THINK_END + tasks.AFTER_THINK_END + tasks.ANSWER_PREFIX
            + " \\boxed{" + str(p.answer) + "}")
