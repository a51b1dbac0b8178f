"""Unit tests of the generator and the tokenizer: no training, a few seconds."""
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tinyreasoner import tasks  # noqa: E402
from tinyreasoner.bpe import Tokenizer, train_merges  # noqa: E402
from tinyreasoner.data import corpus_for_tokenizer, prompt_text  # noqa: E402


def solve(problem):
    """An independent solver for the three families, to check the generator's answers."""
    m = re.fullmatch(r"Compute (.+)\.", problem)
    if m:
        tokens = m.group(1).split()
        value = int(tokens[0])
        for op, b in zip(tokens[1::2], tokens[2::2]):
            value = {"+": value + int(b), "-": value - int(b), "*": value * int(b)}[op]
        return value
    m = re.fullmatch(r"Solve for x: (.+) = (.+)\.", problem)
    lhs, rhs = m.group(1), m.group(2)

    def coeffs(side):
        a, c = 0, 0
        for sign, term in re.findall(r"([+-]?)\s*(\d*x|\d+)", side):
            s = -1 if sign == "-" else 1
            if term.endswith("x"):
                a += s * (int(term[:-1]) if term[:-1] else 1)
            else:
                c += s * int(term)
        return a, c
    (a1, c1), (a2, c2) = coeffs(lhs), coeffs(rhs)
    assert (c2 - c1) % (a1 - a2) == 0
    return (c2 - c1) // (a1 - a2)


class TasksTest(unittest.TestCase):
    def test_answers_are_correct_for_every_family_and_difficulty(self):
        rng = random.Random(3)
        for family in tasks.FAMILIES:
            for difficulty in tasks.DIFFICULTIES:
                for _ in range(200):
                    p = tasks.make_problem(rng, family, difficulty)
                    self.assertEqual(solve(p.problem), p.answer, p.problem)

    def test_traces_state_the_answer_before_verification_and_in_the_box(self):
        rng = random.Random(4)
        for _ in range(300):
            p = tasks.make_problem(rng)
            trace = tasks.make_trace(rng, p)
            thinking, answer = trace.split(tasks.THINK_END)
            self.assertRegex(thinking, tasks.CONCLUSION_PATTERN)
            self.assertEqual(answer, "\nFinal Answer: \\boxed{%d}" % p.answer)

    def test_number_of_verification_rounds_is_uncertain_and_falls_with_ease(self):
        rng = random.Random(5)
        rounds = {d: [] for d in tasks.DIFFICULTIES}
        for _ in range(3000):
            p = tasks.make_problem(rng)
            rounds[p.difficulty].append(tasks.make_trace(rng, p).count("Wait, "))
        for d in tasks.DIFFICULTIES:
            share_none = rounds[d].count(0) / len(rounds[d])
            self.assertAlmostEqual(share_none, tasks.STOP_BASE[d], delta=0.05)
        self.assertLess(sum(rounds[1]) / len(rounds[1]), sum(rounds[3]) / len(rounds[3]))

    def test_eval_problems_are_unique_and_balanced(self):
        items = tasks.eval_problems(11, 5)
        self.assertEqual(len(items), 45)
        self.assertEqual(len({p.problem for p in items}), 45)


class TokenizerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tok = Tokenizer(train_merges(corpus_for_tokenizer(1, 400), 60))

    def test_round_trip(self):
        for text in corpus_for_tokenizer(2, 50) + ["  a\tb\n\nc ", "Final Answer: \\boxed{-42}"]:
            self.assertEqual(self.tok.decode(self.tok.encode(text)), text)

    def test_digits_are_never_merged_together(self):
        for i in self.tok.encode("Compute 4584 + 8530 = 13114."):
            token = self.tok.id_to_token[i]
            self.assertLessEqual(sum(ch.isdigit() for ch in token), 1, token)

    def test_special_tokens_are_single_ids(self):
        ids = self.tok.encode(prompt_text("Compute 1 + 2.") + "x</think>")
        self.assertEqual(ids[:2], [self.tok.token_id("<s>"), self.tok.token_id("<|user|>")])
        self.assertEqual(ids[-1], self.tok.token_id("</think>"))

    def test_save_and_load_keep_the_encoding(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "tokenizer.json")
            self.tok.save(path)
            again = Tokenizer.load(path)
        text = corpus_for_tokenizer(9, 1)[0]
        self.assertEqual(again.encode(text), self.tok.encode(text))


if __name__ == "__main__":
    unittest.main()
