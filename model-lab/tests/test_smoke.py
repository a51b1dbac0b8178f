"""Smoke test of the whole lab: a few training steps, ONNX export checked by onnx.checker, the
descriptor, the benchmark and the fixtures. It proves the pipeline runs, not that the model is good."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import onnx  # noqa: E402

import lab  # noqa: E402
from tinyreasoner.export import io_names  # noqa: E402


class SmokeTest(unittest.TestCase):
    def test_build_trains_exports_and_describes_a_model(self):
        with tempfile.TemporaryDirectory() as out:
            lab.main(["build", "--out", out, "--steps", "3", "--eval-per-cell", "3", "--eval-limit", "4",
                      "--merges", "40"])
            for name in ("model.onnx", "tokenizer.json", "reasoner.json", "eval.jsonl", "checkpoint.pt",
                         "MODEL_CARD.md", "metrics.json", "fixtures/greedy.jsonl", "fixtures/tokenizer.jsonl"):
                self.assertTrue(os.path.isfile(os.path.join(out, name)), name)
            model = onnx.load(os.path.join(out, "model.onnx"))
            onnx.checker.check_model(model)
            inputs, outputs = io_names(4)
            self.assertEqual([i.name for i in model.graph.input], inputs)
            self.assertEqual([o.name for o in model.graph.output], outputs)
            with open(os.path.join(out, "reasoner.json")) as f:
                descriptor = json.load(f)
            self.assertIn("{problem}", descriptor["prompt_template"])
            self.assertEqual(descriptor["answer_prefix"], "Final Answer:")
            with open(os.path.join(out, "eval.jsonl")) as f:
                items = [json.loads(line) for line in f]
            self.assertEqual(len(items), 27)
            self.assertEqual(set(items[0]), {"problem", "answer", "family", "difficulty"})
            with open(os.path.join(out, "fixtures", "greedy.jsonl")) as f:
                self.assertGreaterEqual(len(f.readlines()), 20)


if __name__ == "__main__":
    unittest.main()
