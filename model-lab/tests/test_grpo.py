"""The TLDR reward (issue 6's spec) and group-relative advantages, and a GRPO smoke run."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lab  # noqa: E402
from tinyreasoner.grpo import LengthReward, group_advantages
from tinyreasoner.levels import level_prompt, LEVELS  # noqa: E402


class RewardTest(unittest.TestCase):
    reward = LengthReward(short_max=40, medium_max=70, beta=0.3, per_token=0.01)

    def test_no_penalty_inside_the_levels_range(self):
        self.assertEqual(self.reward(True, 40, "short"), 1.0)
        self.assertEqual(self.reward(True, 70, "medium"), 1.0)
        self.assertEqual(self.reward(True, 500, "long"), 1.0)

    def test_fixed_penalty_plus_a_term_growing_with_the_excess(self):
        self.assertAlmostEqual(self.reward(True, 41, "short"), 1.0 - 0.31)
        self.assertAlmostEqual(self.reward(True, 90, "short"), 1.0 - 0.8)
        self.assertAlmostEqual(self.reward(True, 80, "medium"), 1.0 - 0.4)

    def test_a_floor_on_the_long_level_penalises_falling_short_of_it(self):
        r = LengthReward(short_max=40, medium_max=56, long_min=50, long_max=72, beta=0.3, per_token=0.01)
        self.assertEqual(r(True, 50, "long"), 1.0)
        self.assertEqual(r(True, 72, "long"), 1.0)
        self.assertAlmostEqual(r(True, 40, "long"), 1.0 - 0.4)
        self.assertAlmostEqual(r(True, 80, "long"), 1.0 - 0.38)

    def test_wrong_answers_get_no_correctness_reward(self):
        self.assertEqual(self.reward(False, 10, "short"), 0.0)
        self.assertAlmostEqual(self.reward(False, 50, "short"), -0.4)


class AdvantageTest(unittest.TestCase):
    def test_advantages_are_normalised_within_each_group(self):
        adv = group_advantages([1.0, 0.0, 1.0, 0.0, 5.0, 5.0, 5.0, 5.0], 4).tolist()
        self.assertAlmostEqual(adv[0], 1.0, places=3)
        self.assertAlmostEqual(adv[1], -1.0, places=3)
        self.assertEqual(adv[4:], [0.0, 0.0, 0.0, 0.0])

    def test_a_checkpoint_is_eligible_only_when_its_levels_stay_apart(self):
        from tinyreasoner.grpo import eligible
        self.assertTrue(eligible({"thinking_short": 37, "thinking_medium": 48, "thinking_long": 60}, 4))
        self.assertFalse(eligible({"thinking_short": 37, "thinking_medium": 48, "thinking_long": 48}, 4))
        self.assertFalse(eligible({"thinking_short": 46, "thinking_medium": 48, "thinking_long": 60}, 4))

    def test_level_prompts_carry_the_instruction(self):
        self.assertEqual(level_prompt("Compute 1 + 2.", "short"),
                         "<s><|user|>" + LEVELS["short"] + "Compute 1 + 2.<|assistant|><think>\n")


class TldrSmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.sft = cls.dir.name
        lab.main(["build", "--out", cls.sft, "--steps", "2", "--eval-per-cell", "2", "--eval-limit", "2",
                  "--merges", "40"])

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_tldr_trains_exports_and_describes_levels(self):
        sft = self.sft
        with tempfile.TemporaryDirectory() as out:
            lab.main(["tldr", "--from", sft, "--out", out, "--iterations", "2", "--prompts", "3", "--group", "2",
                      "--max-new-tokens", "20", "--eval-limit", "3",
                      "--warmstart-steps", "2", "--batch-size", "4", "--validation-per-cell", "1",
                      "--validate-every", "1"])
            with open(os.path.join(out, "reasoner.json")) as f:
                descriptor = json.load(f)
            self.assertEqual(set(descriptor["levels"]), {"short", "medium", "long"})
            self.assertIn("{instruction}", descriptor["prompt_template"])
            for name in ("model.onnx", "checkpoint.pt", "MODEL_CARD.md", "reward_curve.csv", "reward_curve.svg",
                         "validation.csv", "eval_greedy_short.jsonl"):
                self.assertTrue(os.path.isfile(os.path.join(out, name)), name)
            self.assertTrue(os.path.isfile(os.path.join(out, "warmstart", "model.onnx")), "the stage before GRPO")
            os.remove(os.path.join(out, "MODEL_CARD.md"))
            lab.main(["tldr-card", "--out", out])
            with open(os.path.join(out, "MODEL_CARD.md")) as f:
                card = f.read()
            self.assertIn("Short thinks", card)
            self.assertIn("| tldr short |", card)

    def test_grpo_from_sft_alone_with_issue_16s_remedies(self):
        with tempfile.TemporaryDirectory() as out:
            lab.main(["tldr", "--from", self.sft, "--out", out, "--iterations", "2", "--prompts", "3", "--group", "2",
                      "--max-new-tokens", "20", "--eval-limit", "1", "--warmstart-steps", "0",
                      "--validation-per-cell", "1", "--validate-every", "2", "--prompt-style", "suffix",
                      "--paired-levels", "--dynamic-sampling", "--resample-rounds", "2", "--loss-norm", "token",
                      "--no-std-norm", "--kl-estimator", "full", "--reference-prompt", "plain", "--kl-final", "0.01",
                      "--inside-push", "0.5", "--ppo-epochs", "1", "--keep", "last"])
            with open(os.path.join(out, "reasoner.json")) as f:
                descriptor = json.load(f)
            self.assertEqual(descriptor["levels"]["long"], "\nLevel: long")
            self.assertTrue(descriptor["prompt_template"].endswith("{instruction}<|assistant|><think>\n"))
            self.assertFalse(os.path.exists(os.path.join(out, "warmstart")), "no warm-start, no warm-start model")
            with open(os.path.join(out, "metrics.json")) as f:
                history = json.load(f)["training"]["history"]
            for key in ("zero_variance_share", "groups_sampled", "kl_coef"):
                self.assertIn(key, history[0])

    def test_stop_biases_learned_by_grpo_teach_the_weights(self):
        """Run 16 then run 18: the biases a --train level-stop-bias run writes are the teacher of a run on every
        weight, which exports a plain model directory."""
        common = ["--iterations", "2", "--prompts", "3", "--group", "2", "--max-new-tokens", "20", "--eval-limit", "1",
                  "--warmstart-steps", "0", "--validation-per-cell", "1", "--validate-every", "2",
                  "--prompt-style", "think", "--paired-levels", "--kl-estimator", "full", "--keep", "last"]
        with tempfile.TemporaryDirectory() as out:
            biases = os.path.join(out, "biases")
            lab.main(["tldr", "--from", self.sft, "--out", biases, "--train", "level-stop-bias", "--lr", "5e-2"] + common)
            taught = os.path.join(out, "taught")
            teacher = os.path.join(biases, "level_pathway.pt")
            lab.main(["tldr", "--from", self.sft, "--out", taught, "--teacher", teacher, "--kl", "1000"] + common)
            for name in ("model.onnx", "reasoner.json", "checkpoint.pt"):
                self.assertTrue(os.path.isfile(os.path.join(taught, name)), name)
            with self.assertRaises(SystemExit):
                lab.main(["tldr", "--from", self.sft, "--out", taught, "--teacher", teacher,
                          "--reference-prompt", "plain"] + common)
            # A model whose think tags were trained keeps them when it is the start of the next stage.
            import torch
            from tinyreasoner.artifacts import load_checkpoint, save_checkpoint
            from tinyreasoner.levels import level_token_ids
            model, tok = load_checkpoint(os.path.join(taught, "checkpoint.pt"))
            tags = level_token_ids(tok)
            with torch.no_grad():
                model.embed.weight[tags] = torch.randn(len(tags), model.cfg.d_model)
            save_checkpoint(model, tok, os.path.join(taught, "checkpoint.pt"))
            again = os.path.join(out, "again")
            lab.main(["tldr", "--from", taught, "--out", again, "--teacher", teacher, "--teacher-base", self.sft,
                      "--lr", "0"] + common)
            kept, _ = load_checkpoint(os.path.join(again, "checkpoint.pt"))
            self.assertTrue(torch.equal(kept.embed.weight[tags], model.embed.weight[tags]))


if __name__ == "__main__":
    unittest.main()
