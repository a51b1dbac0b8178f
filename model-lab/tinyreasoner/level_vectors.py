"""A first-order way for a level to reach the model (issue 16, run 15): one learned vector per level, added to
the embedding of every position of a sequence whose prompt carries that level's think tag.

Runs 12-14 found that a level tag in the prompt has nothing to act through: the SFT model decides where to stop
from the trace, and moving a prompt token's embedding by half its norm changes that decision by 0.002. A vector
added at every position acts on the stop decision directly, and each level's vector moves that level only, so
GRPO cannot learn a direction the levels share. The vectors start at zero: the model is exactly the SFT model
(with the think tags) before training.

Lab only. The level is found in the prompt and remembered for the cached decoding steps that follow (a step's
input is one new token), which a traced ONNX graph cannot do: `export.export_onnx` refuses such a model, and
the workers have no level input. The Java engine would need one (the request's level) to serve it.
"""
import torch
import torch.nn as nn

from .levels import LEVELS, LEVEL_TOKEN_BYTES


class LevelVectors(nn.Module):
    """Per row of a batch, the vector of the level whose tag the row's prompt holds (zero without a tag)."""

    def __init__(self, tag_ids, d_model):
        super().__init__()
        self.vectors = nn.Parameter(torch.zeros(len(tag_ids), d_model))
        self.register_buffer("tags", torch.tensor(tag_ids))
        self.rows = None  # each row's level index (-1: none), from the last input that held a prompt

    def forward(self, input_ids):
        found = (input_ids.unsqueeze(-1) == self.tags).any(1)  # [batch, levels]
        if bool(found.any()) or self.rows is None or self.rows.shape[0] != input_ids.shape[0]:
            none = torch.full_like(found[:, 0], -1, dtype=torch.long)
            self.rows = torch.where(found.any(-1), found.float().argmax(-1), none)
        chosen = self.vectors[self.rows.clamp(min=0)] * (self.rows >= 0).float().unsqueeze(-1)
        return chosen.unsqueeze(1)  # the same vector at every position of the row


def _add_level_vector(embedding, inputs, output):
    return output + embedding.level_vectors(inputs[0])


def attach(model, tok):
    """Gives `model` (think style: its tags must be in the tokenizer) zero level vectors; returns them."""
    tag_ids = [tok.encode(LEVEL_TOKEN_BYTES[level])[0] for level in LEVELS]
    model.embed.level_vectors = LevelVectors(tag_ids, model.cfg.d_model).to(model.embed.weight.device)
    # a module-level function, not a closure: a deep copy of the model (GRPO's reference) adds its own vectors
    model.embed.register_forward_hook(_add_level_vector)
    return model.embed.level_vectors


def attached(model):
    return hasattr(model.embed, "level_vectors")
