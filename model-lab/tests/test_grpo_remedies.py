"""Issue 16's GRPO remedies and measurements, as pure logic: the push inside a level's range, Dr. GRPO's
advantages, DAPO's dynamic sampling, the KL anneal, a reference reading another prompt, prompt styles and
the bare short form."""
import os
import random
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

from tinyreasoner import grpo, levels, tasks  # noqa: E402
from tinyreasoner.artifacts import chat_template  # noqa: E402
from tinyreasoner.model import Config, TinyReasoner  # noqa: E402


class InsideTheRangeTest(unittest.TestCase):
    reward = grpo.LengthReward(short_max=50, medium_min=50, medium_max=80, long_min=75, long_max=120,
                               inside_push=0.5)

    def test_each_level_is_pushed_towards_its_aim_inside_the_range(self):
        self.assertEqual(self.reward(True, 0, "short"), 1.0)
        self.assertAlmostEqual(self.reward(True, 25, "short"), 1.0 - 0.075)
        self.assertAlmostEqual(self.reward(True, 65, "medium"), 1.0)
        self.assertAlmostEqual(self.reward(True, 50, "medium"), 1.0 - 0.15)
        self.assertAlmostEqual(self.reward(True, 120, "long"), 1.0)
        self.assertAlmostEqual(self.reward(True, 75, "long"), 1.0 - 0.15)

    def test_a_length_inside_the_range_always_beats_one_outside(self):
        for level, (low, high) in (("short", (0, 50)), ("medium", (50, 80)), ("long", (75, 120))):
            worst_inside = min(self.reward(True, n, level) for n in range(low, high + 1))
            self.assertGreater(worst_inside, self.reward(True, high + 1, level), level)
            if low:
                self.assertGreater(worst_inside, self.reward(True, low - 1, level), level)

    def test_outside_the_range_the_issue_6_penalty_still_applies(self):
        self.assertAlmostEqual(self.reward(True, 60, "short"), 1.0 - 0.3 - 0.1)
        self.assertAlmostEqual(self.reward(True, 40, "medium"), 1.0 - 0.3 - 0.1)

    def test_without_the_push_the_reward_is_flat_inside_the_range(self):
        flat = grpo.LengthReward(short_max=50)
        self.assertEqual(flat(True, 10, "short"), flat(True, 50, "short"))
        self.assertIsNone(flat.aim("long"), "an unbounded long level has nothing to aim at")
        with self.assertRaises(ValueError):
            grpo.LengthReward(inside_push=1.0)


class AdvantagesAndGroupsTest(unittest.TestCase):
    def test_dr_grpo_keeps_the_rewards_scale(self):
        adv = grpo.group_advantages([1.0, 0.0, 0.5, 0.5], 2, std_norm=False).tolist()
        self.assertEqual(adv, [0.5, -0.5, 0.0, 0.0])

    def test_zero_variance_groups_are_the_ones_with_equal_rewards(self):
        self.assertEqual(grpo.zero_variance_groups([1, 1, 0, 1, 0.7, 0.7], 2), [0, 2])

    def test_dynamic_sampling_replaces_groups_that_teach_nothing(self):
        tok = _FakeTokenizer()
        cfg = grpo.GrpoConfig(prompts_per_iteration=2, group_size=2, dynamic_sampling=True, resample_rounds=3)
        drawn = []

        def draw(n):
            items = [{"problem": f"p{len(drawn) + i}", "answer": "1", "level": "short"} for i in range(n)]
            drawn.extend(items)
            return items

        def sampler(items, prompts):
            # p0 and p1: both samples right (equal rewards); later problems: one right, one wrong.
            out = []
            for item in items:
                same = item["problem"] in ("p0", "p1")
                out += [tok.completion("1"), tok.completion("1" if same else "2")]
            return out
        kept, sampled = grpo.collect_groups(tok, draw, cfg, grpo.LengthReward(), sampler)
        self.assertEqual([g["item"]["problem"] for g in kept], ["p2", "p3"])
        self.assertEqual(len(sampled), 4)
        cfg.dynamic_sampling = False
        drawn.clear()
        kept, _ = grpo.collect_groups(tok, draw, cfg, grpo.LengthReward(), sampler)
        self.assertEqual([g["item"]["problem"] for g in kept], ["p0", "p1"], "without it every group is kept")

    def test_the_kl_weight_anneals_linearly(self):
        cfg = grpo.GrpoConfig(iterations=5, kl_coef=0.1, kl_final=0.02)
        self.assertAlmostEqual(cfg.kl_at(0), 0.1)
        self.assertAlmostEqual(cfg.kl_at(2), 0.06)
        self.assertAlmostEqual(cfg.kl_at(4), 0.02)
        self.assertEqual(grpo.GrpoConfig(kl_coef=0.1).kl_at(3), 0.1)


class ReferencePromptTest(unittest.TestCase):
    def test_log_probabilities_line_up_at_the_completion_whatever_the_prompt(self):
        torch.manual_seed(0)
        model = TinyReasoner(Config(vocab_size=20, d_model=16, n_layers=1, n_heads=2, ffn_hidden=32)).eval()
        completions = [[5, 6, 7], [8, 9]]
        with torch.no_grad():
            logp, mask, dist = grpo.completion_logprobs(model, [[1, 2], [1, 2, 3, 4]], completions, full=True)
            alone, _, _ = grpo.completion_logprobs(model, [[1, 2]], [[5, 6, 7]])
        self.assertEqual(mask.tolist(), [[True, True, True], [True, True, False]])
        self.assertTrue(torch.allclose(logp[0], alone[0]), "padding another row changes nothing")
        self.assertTrue(torch.allclose(dist.gather(-1, torch.tensor([[5, 6, 7], [8, 9, 0]]).unsqueeze(-1)).squeeze(-1)
                                       * mask, logp * mask))


class PromptStylesTest(unittest.TestCase):
    def test_the_suffix_style_puts_a_level_tag_after_the_problem(self):
        self.assertEqual(levels.SUFFIX.prompt("Compute 1 + 2.", "long"),
                         "<s><|user|>Compute 1 + 2.\nLevel: long<|assistant|><think>\n")
        self.assertEqual(levels.level_prompt("Compute 1 + 2.", "short"), levels.PREFIX.prompt("Compute 1 + 2.", "short"))

    def test_the_chat_template_places_the_instruction_where_the_style_does(self):
        self.assertIn("<|user|>{{ message['content'] }}{% if loop.last %}{{ level_instruction }}",
                      chat_template("m", True, "end"))
        self.assertIn("<|user|>{% if loop.last %}{{ level_instruction }}{% endif %}{{ message['content'] }}",
                      chat_template("m", True, "start"))


class BareShortFormTest(unittest.TestCase):
    def test_bare_lines_keep_every_number_and_drop_the_words(self):
        rng = random.Random(4)
        for _ in range(200):
            p = tasks.make_problem(rng)
            bare = levels.level_thinking(rng, p, "short", "bare")
            terse = levels.level_thinking(rng, p, "short")
            self.assertNotRegex(bare, r"[A-Za-z]{2,}", "no words: " + bare)
            self.assertLess(len(bare), len(terse))
            for line in bare.splitlines():
                self.assertIn("=", line)
            numbers = lambda text: re.findall(r"\d+", re.sub(r", write \d+|carry \d+\.?$", "", text, flags=re.M))
            kept = [n for n in numbers(terse) if n not in numbers(bare)]
            # Only the numbers of the step labels go ("Subtract 12 from both sides:", "Divide both sides by 6:").
            self.assertTrue(p.family == "linear" or not kept, (terse, bare))


class _FakeTokenizer:
    """Token ids for texts made of known pieces: enough for the scoring in collect_groups."""
    pieces = ["<s>", "</think>", "</s>", "\\boxed{", "}", "1", "2", "x"]

    def token_id(self, piece):
        return self.pieces.index(piece)

    def encode(self, text):
        return [0, 7]

    def completion(self, answer):
        return [7, 1, self.token_id("\\boxed{"), self.token_id(answer), 4, 2]

    def decode(self, ids, skip_special=False):
        return "".join(self.pieces[i] for i in ids if not (skip_special and self.pieces[i] in ("<s>", "</s>")))


if __name__ == "__main__":
    unittest.main()
