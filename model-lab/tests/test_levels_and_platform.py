"""Level-conditioned traces (the TLDR warm-start) and the platform batch mode's pure logic."""
import os
import random
import statistics
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tinyreasoner import tasks, levels, platform  # noqa: E402
from tinyreasoner.grpo import LengthReward  # noqa: E402


class LevelTraceTest(unittest.TestCase):
    def setUp(self):
        rng = random.Random(3)
        self.problems = [tasks.make_problem(rng) for _ in range(300)]
        self.rng = random.Random(4)

    def thinking(self, level):
        return [levels.level_thinking(self.rng, p, level) for p in self.problems]

    def test_short_is_the_terse_working_without_conclusion_or_checks(self):
        for text in self.thinking("short"):
            self.assertNotRegex(text, tasks.CONCLUSION_PATTERN)
            self.assertNotIn("Wait", text)
            self.assertFalse(text.startswith(("First, ", "Let me", "Okay", "Hmm", "I need")), text)

    def test_long_checks_once_on_harder_problems_and_medium_never_does(self):
        for p, t in zip(self.problems, self.thinking("long")):
            self.assertEqual(t.count("Wait, let me"), 1 if p.difficulty >= 2 else 0, t)
        self.assertFalse(any("Wait" in t for t in self.thinking("medium")))

    def test_lengths_rise_from_short_to_long(self):
        means = [statistics.mean(len(t) for t in self.thinking(lv)) for lv in ("short", "medium", "long")]
        self.assertLess(means[0], means[1])
        self.assertLess(means[1], means[2])

    def test_every_trace_ends_with_the_boxed_answer(self):
        for p in self.problems[:30]:
            for lv in levels.LEVELS:
                self.assertTrue(levels.level_trace(self.rng, p, lv).endswith("\\boxed{%d}" % p.answer))


class PlatformBatchModeTest(unittest.TestCase):
    items = [{"problem": "Compute 1 + 2.", "answer": "3", "level": "short"},
             {"problem": "Compute 5 + 5.", "answer": "10", "level": "long"}]

    def test_one_line_per_prompt_asks_for_g_samples_with_spaced_seeds(self):
        lines = platform.rollout_lines(self.items, 4, 1.0, 200, 100)
        self.assertEqual([ln["client_id"] for ln in lines], ["0", "1"])
        self.assertEqual([ln["samples"] for ln in lines], [4, 4])
        self.assertEqual([ln["sampling"]["seed"] for ln in lines], [100, 104])
        self.assertEqual({ln["method"] for ln in lines}, {"tldr"})
        self.assertEqual([ln["level"] for ln in lines], ["short", "long"])

    def result(self, cid, answer, thinking_tokens):
        return {"client_id": cid, "final_answer": answer, "thinking_tokens": thinking_tokens,
                "generated_tokens": thinking_tokens + 8, "model": "m", "thinking": "t", "answer": "a", "error": None}

    def test_results_are_grouped_by_sample_and_scored_with_group_advantages(self):
        results = [self.result("1#1", "10", 50), self.result("0#0", "3", 20), self.result("0#1", "4", 20),
                   self.result("1#0", "10", 50)]
        groups = platform.grouped(self.items, results, 2)
        self.assertEqual([[r["client_id"] for r in g] for g in groups], [["0#0", "0#1"], ["1#0", "1#1"]])
        rows = platform.score(self.items, groups, LengthReward(short_max=36, medium_max=60))
        self.assertEqual([r["reward"] for r in rows], [1.0, 0.0, 1.0, 1.0])
        self.assertAlmostEqual(rows[0]["advantage"], 1.0, places=3)
        self.assertAlmostEqual(rows[1]["advantage"], -1.0, places=3)
        self.assertEqual([r["advantage"] for r in rows[2:]], [0.0, 0.0])

    def test_a_missing_sample_is_an_error_not_a_silent_gap(self):
        with self.assertRaises(platform.PlatformError):
            platform.grouped(self.items, [self.result("0#0", "3", 20)], 2)


if __name__ == "__main__":
    unittest.main()
