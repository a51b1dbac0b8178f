"""The lab runs unchanged on a CPU with PyTorch 1.13 and on a GPU with PyTorch 2.x: what can be checked without
a GPU (the device option, CPU checkpoints, an export without the onnx package)."""
import argparse
import os
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

import lab  # noqa: E402
from tinyreasoner.artifacts import save_checkpoint, load_checkpoint  # noqa: E402
from tinyreasoner.bpe import Tokenizer  # noqa: E402
from tinyreasoner.export import export_onnx  # noqa: E402
from tinyreasoner.model import Config, TinyReasoner  # noqa: E402


def tiny_model():
    torch.manual_seed(0)
    return TinyReasoner(Config(vocab_size=Tokenizer([]).size, d_model=16, n_layers=1, n_heads=2, ffn_hidden=32)).eval()


class DeviceTest(unittest.TestCase):
    def test_auto_is_the_gpu_when_there_is_one_and_cuda_without_one_is_refused(self):
        expected = "cuda" if torch.cuda.is_available() else "cpu"
        self.assertEqual(lab.device_of(argparse.Namespace(device="auto")).type, expected)
        self.assertEqual(lab.device_of(argparse.Namespace(device="cpu")).type, "cpu")
        if not torch.cuda.is_available():
            with self.assertRaises(SystemExit):
                lab.device_of(argparse.Namespace(device="cuda"))

    def test_a_checkpoint_round_trips_through_cpu_tensors(self):
        model = tiny_model()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "checkpoint.pt")
            save_checkpoint(model, Tokenizer([]), path)
            loaded, _ = load_checkpoint(path)
        for (name, a), (_, b) in zip(model.state_dict().items(), loaded.state_dict().items()):
            self.assertEqual(b.device.type, "cpu", name)
            self.assertTrue(torch.equal(a, b), name)

    def test_the_export_is_written_without_the_onnx_package(self):
        with tempfile.TemporaryDirectory() as d, mock.patch.dict(sys.modules, {"onnx": None}):
            path = export_onnx(tiny_model(), os.path.join(d, "model.onnx"))
            self.assertGreater(os.path.getsize(path), 1000)


if __name__ == "__main__":
    unittest.main()
