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



class ThinkTagsTest(unittest.TestCase):
    """Run 12's tags: a think-start token of each level's own, the only weights GRPO trains with
    --train level-tokens."""

    def test_each_level_has_a_tag_token_no_other_level_and_no_training_text_has(self):
        from tinyreasoner.bpe import Tokenizer
        tok = Tokenizer([])
        tags = {level: tok.encode(levels.THINK.instructions[level]) for level in levels.LEVELS}
        self.assertEqual([len(ids) for ids in tags.values()], [1, 1, 1])
        self.assertEqual(len({i for ids in tags.values() for i in ids}), 3, "no token shared between levels")
        rng = random.Random(5)
        used = set()
        for _ in range(300):
            p = tasks.make_problem(rng)
            used.update(tok.encode(tasks.make_trace(rng, p) + p.problem))
        self.assertFalse(used & set(levels.level_token_ids(tok)))

    def test_the_tag_takes_the_place_of_think_and_starts_as_its_copy(self):
        from tinyreasoner.bpe import Tokenizer
        tok = Tokenizer([])
        torch.manual_seed(0)
        model = TinyReasoner(Config(vocab_size=tok.size, d_model=16, n_layers=1, n_heads=2, ffn_hidden=32)).eval()
        levels.start_think_tags(model, tok)
        plain = tok.encode("<s><|user|>Compute 1 + 2.<|assistant|><think>\n")
        completion = tok.encode("1 + 2 = 3.")
        with torch.no_grad():
            expected, _, _ = grpo.completion_logprobs(model, [plain], [completion])
            for level in levels.LEVELS:
                prompt = tok.encode(levels.THINK.prompt("Compute 1 + 2.", level))
                self.assertEqual(len(prompt), len(plain), "nothing added or moved")
                logp, _, _ = grpo.completion_logprobs(model, [prompt], [completion])
                self.assertTrue(torch.allclose(logp, expected), level)

    def test_the_chat_template_puts_the_tag_in_the_place_of_think(self):
        template = chat_template("m", True, "think")
        self.assertIn("<|assistant|>{% if level_instruction %}{{ level_instruction }}\n{% else %}<think>\n{% endif %}"
                      "{% endif %}", template, "the newline inside each branch, where trim_blocks keeps it")
        self.assertIn("<|user|>{{ message['content'] }}{% else %}", template)

    def test_only_the_tag_rows_move(self):
        from tinyreasoner.bpe import Tokenizer
        tok = Tokenizer([])
        torch.manual_seed(0)
        model = TinyReasoner(Config(vocab_size=tok.size, d_model=16, n_layers=1, n_heads=2, ffn_hidden=32))
        levels.start_think_tags(model, tok)
        before = {name: p.detach().clone() for name, p in model.named_parameters()}
        params = grpo.trainable_parameters(model, tok, "level-tokens")
        opt = torch.optim.AdamW(params, lr=1e-2, betas=(0.9, 0.95), weight_decay=0.0)
        prompt = tok.encode(levels.THINK.prompt("Compute 1 + 2.", "short"))
        for _ in range(3):
            logp, mask, _ = grpo.completion_logprobs(model, [prompt], [tok.encode("1 + 2 = 3.")])
            opt.zero_grad()
            (-logp.sum()).backward()
            opt.step()
        moved = (model.embed.weight.detach() - before["embed.weight"]).abs().sum(1) > 0
        # The embeddings are tied: every tag's row also gets the output side's gradient (its logit pushed down).
        self.assertEqual(sorted(torch.nonzero(moved).flatten().tolist()), levels.level_token_ids(tok))
        for name, p in model.named_parameters():
            if name != "embed.weight":
                self.assertTrue(torch.equal(p, before[name]), name)


class CrossLevelsTest(unittest.TestCase):
    """Run 13's advantages: each sample scored at every level, the levels' mean taken out."""
    reward = grpo.LengthReward(short_max=40, medium_min=40, medium_max=70, long_min=70, long_max=120)

    def _groups(self, samples):
        """One problem at every level; samples: (completion id, correct, thinking length) per level's group."""
        return [{"item": {"problem": "Compute 1 + 2.", "answer": "3", "level": level},
                 "completions": [[i] for i, _, _ in rows], "correct": [ok for _, ok, _ in rows],
                 "lengths": [n for _, _, n in rows]}
                for level, rows in zip(levels.LEVELS, samples)]

    def test_correctness_cancels_and_length_pushes_the_levels_apart(self):
        from tinyreasoner.bpe import Tokenizer
        cfg = grpo.GrpoConfig(prompt_style="think", std_norm=False, reference_prompt="plain")
        groups = self._groups([[(1, True, 30), (2, False, 30)], [(3, True, 90)], [(4, True, 55)]])
        prompts, completions, refs, adv = grpo.cross_level_batch(Tokenizer([]), groups, self.reward, cfg)
        by = {}
        for p, c, a in zip(prompts, completions, adv.tolist()):
            by[(Tokenizer([]).decode(p)[-2], c[0])] = a
        short, long_ = levels.THINK.instructions["short"], levels.THINK.instructions["long"]
        self.assertAlmostEqual(by[(short, 1)], by[(short, 2)], msg="right and wrong at one length: the same advantage")
        self.assertGreater(by[(short, 1)], 0, "a short sample is pushed up after the short tag")
        self.assertLess(by[(long_, 1)], 0, "and down after the long tag")
        self.assertGreater(by[(long_, 3)], 0)
        for c in (1, 2, 3, 4):
            self.assertAlmostEqual(sum(a for (_, cc), a in by.items() if cc == c), 0.0, places=5,
                                   msg="a sample's advantages sum to zero over the levels")
        self.assertEqual(set(map(tuple, refs)), {tuple(Tokenizer([]).encode("<s><|user|>Compute 1 + 2.<|assistant|><think>\n"))})


def _tagged_model():
    """A tiny random model with the think style's tags (copies of <think>), and its tokenizer."""
    from tinyreasoner.bpe import Tokenizer
    tok = Tokenizer([])
    torch.manual_seed(0)
    model = TinyReasoner(Config(vocab_size=tok.size, d_model=16, n_layers=1, n_heads=2, ffn_hidden=32)).eval()
    levels.start_think_tags(model, tok)
    return tok, model


def _logits(model, ids):
    """`model`'s logits at every position of the token sequences `ids` (one forward pass, no cache)."""
    positions = torch.arange(ids.shape[1]).unsqueeze(0)
    with torch.no_grad():
        return model(ids, torch.ones_like(ids), positions)[0]


class LevelVectorsTest(unittest.TestCase):
    """Run 15's pathway: a vector per level added at every position; zero at the start, so exactly the SFT model."""

    def setUp(self):
        self.tok, self.model = _tagged_model()

    def _greedy(self, model, level):
        from tinyreasoner.decode import greedy
        prompt = self.tok.encode(levels.THINK.prompt("Compute 1 + 2.", level))
        return greedy(model, [prompt], max_new_tokens=6, eos_id=self.tok.token_id("</s>"),
                      watch_id=self.tok.token_id("</think>"))[0]["watch_probs"]

    def test_zero_vectors_leave_the_model_as_it_was(self):
        from tinyreasoner import level_vectors
        import copy
        plain = copy.deepcopy(self.model)
        level_vectors.attach(self.model, self.tok)
        for level in levels.LEVELS:
            self.assertEqual(self._greedy(self.model, level), self._greedy(plain, level), level)

    def test_a_levels_vector_moves_that_level_only_and_lasts_through_cached_decoding(self):
        from tinyreasoner import level_vectors
        vectors = level_vectors.attach(self.model, self.tok)
        before = {level: self._greedy(self.model, level) for level in levels.LEVELS}
        with torch.no_grad():
            vectors.vectors[0] = torch.randn(16)  # short's
        self.assertEqual(self._greedy(self.model, "medium"), before["medium"])
        self.assertEqual(self._greedy(self.model, "long"), before["long"])
        after = self._greedy(self.model, "short")
        # every step differs, the cached ones included (their input is one token without the tag)
        self.assertTrue(all(abs(a - b) > 1e-9 for a, b in zip(after, before["short"])), (after, before["short"]))

    def test_only_the_vectors_train_and_such_a_model_is_not_exported(self):
        from tinyreasoner import level_vectors
        from tinyreasoner.export import export_onnx
        level_vectors.attach(self.model, self.tok)
        params = grpo.trainable_parameters(self.model, self.tok, "level-vectors")
        self.assertEqual([p.shape for p in params], [torch.Size([3, 16])])
        self.assertEqual([n for n, p in self.model.named_parameters() if p.requires_grad],
                         ["embed.level_vectors.vectors"])
        with self.assertRaisesRegex(ValueError, "no level input"):
            export_onnx(self.model, "/nonexistent/model.onnx")


class LevelStopBiasTest(unittest.TestCase):
    """Run 16's positive control: a number per level on the think-end logit, nothing else."""

    def test_a_levels_bias_moves_that_levels_think_end_logit_only(self):
        from tinyreasoner import level_vectors
        import copy
        tok, model = _tagged_model()
        plain = copy.deepcopy(model)
        bias = level_vectors.attach_stop_bias(model, tok)
        self.assertEqual(grpo.trainable_parameters(model, tok, "level-stop-bias"), [bias.vectors])
        with torch.no_grad():
            bias.vectors[0, 0] = 2.5  # short's
        think_end = tok.token_id("</think>")
        completion = tok.encode("1 + 2 = 3.")
        for level in levels.LEVELS:
            prompt = tok.encode(levels.THINK.prompt("Compute 1 + 2.", level))
            ids = torch.tensor([prompt + completion])
            got, expected = _logits(model, ids), _logits(plain, ids)
            others = torch.ones(tok.size, dtype=torch.bool)
            others[think_end] = False
            self.assertTrue(torch.allclose(got[..., others], expected[..., others]), level)
            shift = got[..., think_end] - expected[..., think_end]
            self.assertTrue(torch.allclose(shift, torch.full_like(shift, 2.5 if level == "short" else 0.0),
                                           atol=1e-5), level)


class FadingScaffoldTest(unittest.TestCase):
    """Run 17's scaffold: full strength while held, then linearly to nothing; removed, the model is plain again."""

    def test_the_scaffold_fades_to_nothing_and_comes_out(self):
        cfg = grpo.GrpoConfig(scaffold_hold=2, scaffold_fade=4)
        self.assertEqual([cfg.scaffold_at(i) for i in range(8)], [1.0, 1.0, 1.0, 0.75, 0.5, 0.25, 0.0, 0.0])
        from tinyreasoner import level_vectors
        import copy
        tok, model = _tagged_model()
        plain = copy.deepcopy(model)
        bias = level_vectors.attach_stop_bias(model, tok)
        with torch.no_grad():
            bias.vectors[0, 0] = 2.5
        ids = torch.tensor([tok.encode(levels.THINK.prompt("Compute 1 + 2.", "short"))])
        self.assertFalse(torch.allclose(_logits(model, ids), _logits(plain, ids)))
        bias.scale = 0.0
        self.assertTrue(torch.allclose(_logits(model, ids), _logits(plain, ids)))
        level_vectors.remove(model)
        self.assertFalse(level_vectors.attached(model))
        self.assertTrue(torch.allclose(_logits(model, ids), _logits(plain, ids)))
        self.assertEqual(set(model.state_dict()), set(plain.state_dict()), "checkpoints load into a plain model")


class DistillationTeacherTest(unittest.TestCase):
    """Run 18's teacher: the model it is made from, plus a level_pathway.pt's stop biases; frozen; the policy untouched."""

    def test_the_teacher_is_the_model_with_the_saved_biases(self):
        import os
        import tempfile
        from tinyreasoner import level_vectors
        tok, model = _tagged_model()
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "level_pathway.pt")
            torch.save({"train": "level-stop-bias", "vectors": torch.tensor([[1.5], [0.0], [-1.0]]),
                        "levels": list(levels.LEVELS)}, path)
            teacher = level_vectors.teacher_with_stop_bias(model, tok, path)
            torch.save({"train": "level-vectors", "vectors": torch.zeros(3, 16), "levels": list(levels.LEVELS)}, path)
            with self.assertRaises(ValueError):
                level_vectors.teacher_with_stop_bias(model, tok, path)
        self.assertFalse(level_vectors.attached(model), "the policy gets no pathway")
        self.assertFalse(any(p.requires_grad for p in teacher.parameters()))
        think_end = tok.token_id("</think>")
        for level, shift in zip(levels.LEVELS, (1.5, 0.0, -1.0)):
            ids = torch.tensor([tok.encode(levels.THINK.prompt("Compute 1 + 2.", level)) + tok.encode("3.")])
            got, plain = _logits(teacher, ids), _logits(model, ids)
            self.assertTrue(torch.allclose(got[..., think_end] - plain[..., think_end],
                                           torch.full_like(plain[..., think_end], shift), atol=1e-5), level)


if __name__ == "__main__":
    unittest.main()
