"""Training examples: prompt and trace texts, tokenized, bucketed by length into padded batches."""
import random
import torch

from . import tasks, levels

PROMPT_TEMPLATE = "<s><|user|>{problem}<|assistant|><think>\n"
EOS = "</s>"
PAD_ID = 0
IGNORE = -100


def prompt_text(problem):
    return PROMPT_TEMPLATE.format(problem=problem)


class TrainingStream:
    """An endless, seeded stream of (input_ids, labels) batches whose problems avoid `held_out`."""

    def __init__(self, tokenizer, seed, batch_size, held_out, pool_batches=16):
        self.tok = tokenizer
        self.rng = random.Random(seed)
        self.batch_size = batch_size
        self.held_out = set(held_out)
        self.pool_batches = pool_batches
        self.queue = []

    def problem(self):
        while True:
            p = tasks.make_problem(self.rng)
            if p.problem not in self.held_out:
                return p

    def example(self):
        p = self.problem()
        prompt = self.tok.encode(prompt_text(p.problem))
        target = self.tok.encode(tasks.make_trace(self.rng, p) + EOS)
        return prompt, target

    def _refill(self):
        pool = [self.example() for _ in range(self.batch_size * self.pool_batches)]
        pool.sort(key=lambda e: len(e[0]) + len(e[1]))
        batches = [pool[i:i + self.batch_size] for i in range(0, len(pool), self.batch_size)]
        self.rng.shuffle(batches)
        self.queue.extend(batches)

    def next_batch(self):
        if not self.queue:
            self._refill()
        return collate(self.queue.pop())


class LevelTrainingStream(TrainingStream):
    """The TLDR warm-start's stream: each example gets a random level's instruction and trace."""

    style = levels.PREFIX
    short_form = "terse"

    def example(self):
        p = self.problem()
        level = self.rng.choice(list(levels.LEVELS))
        prompt = self.tok.encode(self.style.prompt(p.problem, level))
        target = self.tok.encode(levels.level_trace(self.rng, p, level, self.short_form) + EOS)
        return prompt, target


def collate(examples):
    width = max(len(p) + len(t) for p, t in examples)
    ids = torch.full((len(examples), width), PAD_ID, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE, dtype=torch.long)
    for row, (p, t) in enumerate(examples):
        seq = p + t
        ids[row, :len(seq)] = torch.tensor(seq)
        labels[row, len(p):len(seq)] = torch.tensor(t)
    return ids, labels


def corpus_for_tokenizer(seed, n):
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        p = tasks.make_problem(rng)
        texts.append(prompt_text(p.problem) + tasks.make_trace(rng, p) + EOS)
    return texts
