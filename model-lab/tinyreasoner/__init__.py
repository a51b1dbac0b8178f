"""Thinkmeter model lab: a tiny distilled-style reasoner, trained, exported to ONNX and described."""
