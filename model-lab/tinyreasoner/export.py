"""ONNX export in Hugging Face Optimum's decoder-with-past layout, checked with onnx.checker."""
import copy
import inspect

import torch

from .level_vectors import attached


def io_names(n_layers):
    past = [f"past_key_values.{i}.{kind}" for i in range(n_layers) for kind in ("key", "value")]
    present = [f"present.{i}.{kind}" for i in range(n_layers) for kind in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids"] + past, ["logits"] + present


def export_onnx(model, path, opset=14):
    if attached(model):
        raise ValueError("a model with a lab-only level pathway (lab.py tldr --train level-vectors or "
                         "level-stop-bias) cannot be exported: the decoder-with-past layout has no level input")
    model = copy.deepcopy(model).cpu()  # the same export wherever the model was trained
    cfg = model.cfg
    inputs, outputs = io_names(cfg.n_layers)
    batch, new, past_len = 2, 3, 4
    ids = torch.randint(0, cfg.vocab_size, (batch, new))
    mask = torch.ones((batch, past_len + new), dtype=torch.long)
    positions = torch.arange(past_len, past_len + new).unsqueeze(0).expand(batch, new).contiguous()
    past = [torch.randn(batch, cfg.n_heads, past_len, cfg.head_dim) for _ in range(2 * cfg.n_layers)]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "past_sequence_length + sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    for name in inputs[3:]:
        axes[name] = {0: "batch_size", 2: "past_sequence_length"}
    for name in outputs[1:]:
        axes[name] = {0: "batch_size", 2: "past_sequence_length + sequence_length"}
    model.eval()
    with torch.no_grad():
        # PyTorch 2.9 and later default to the dynamo exporter; this layout is the TorchScript exporter's.
        legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
        torch.onnx.export(model, (ids, mask, positions, *past), path, input_names=inputs, output_names=outputs,
                          dynamic_axes=axes, opset_version=opset, do_constant_folding=True, **legacy)
    try:
        import onnx
    except ImportError:
        print(f"onnx is not installed: {path} written but not checked (the Java fixtures check it)", flush=True)
        return path
    onnx.checker.check_model(onnx.load(path))
    return path
