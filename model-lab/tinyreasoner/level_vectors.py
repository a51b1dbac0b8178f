"""First-order ways for a level to reach the model (issue 16), each trained alone by GRPO from the SFT model.

level-vectors (run 15): one learned vector per level, added to the embedding of every position of a sequence
whose prompt carries that level's think tag.
level-stop-bias (run 16, a positive control): one learned number per level, added to the think-end logit at
every position of such a sequence. It can change nothing but where thinking stops: if GRPO separates the
levels through it, the reward and the optimiser work, and what the other runs lack is a model that reads the
level.

Runs 12-14 found that a level tag in the prompt has nothing to act through: the SFT model decides where to stop
from the trace, and moving a prompt token's embedding by half its norm changes that decision by 0.002. A vector
added at every position reaches every decision directly (run 15: the working first, the stop decision hardly),
and each level's parameters move that level only, so GRPO cannot learn a direction the levels share. Both start
at zero: the model is exactly the SFT model (with the think tags) before training. Either can also be a fading
scaffold for the weights (run 17: `scale`, `remove`).

Both are lab only. The level is found in the prompt and remembered for the cached decoding steps that follow (a
step's input is one new token), which a traced ONNX graph cannot do: `export.export_onnx` refuses such a model
(`attached`), and the workers have no level input. The Java engine would need one (the request's level).
"""
import copy

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
        self.scale = 1.0  # a fading scaffold (grpo.GrpoConfig.scaffold_hold/fade) turns it down to 0

    def forward(self, input_ids):
        found = (input_ids.unsqueeze(-1) == self.tags).any(1)  # [batch, levels]
        if bool(found.any()) or self.rows is None or self.rows.shape[0] != input_ids.shape[0]:
            none = torch.full_like(found[:, 0], -1, dtype=torch.long)
            self.rows = torch.where(found.any(-1), found.float().argmax(-1), none)
        chosen = self.scale * self.vectors[self.rows.clamp(min=0)] * (self.rows >= 0).float().unsqueeze(-1)
        return chosen.unsqueeze(1)  # the same vector at every position of the row


def _add_level_vector(embedding, inputs, output):
    if not hasattr(embedding, "level_vectors"):  # removed (`remove`): the hook stays, doing nothing
        return output
    return output + embedding.level_vectors(inputs[0])


def _add_stop_bias(model, inputs, output):
    if not hasattr(model, "level_stop_bias"):
        return output
    bias = model.level_stop_bias(inputs[0])  # [batch, 1, 1]
    return (output[0] + bias * model.level_stop_bias.think_end_row, *output[1:])


def _tag_ids(tok):
    return [tok.encode(LEVEL_TOKEN_BYTES[level])[0] for level in LEVELS]


def attach(model, tok):
    """Gives `model` (think style: its tags must be in the tokenizer) zero level vectors; returns them."""
    model.embed.level_vectors = LevelVectors(_tag_ids(tok), model.cfg.d_model).to(model.embed.weight.device)
    # module-level hooks, not closures: a deep copy of the model (GRPO's reference) uses its own parameters
    model.embed.register_forward_hook(_add_level_vector)
    return model.embed.level_vectors


def attach_stop_bias(model, tok):
    """Gives `model` a zero think-end logit bias per level; returns the module holding them."""
    device = model.embed.weight.device
    model.level_stop_bias = LevelVectors(_tag_ids(tok), 1).to(device)
    row = torch.zeros(model.cfg.vocab_size, device=device)
    row[tok.token_id("</think>")] = 1.0
    model.level_stop_bias.register_buffer("think_end_row", row)
    model.register_forward_hook(_add_stop_bias)
    return model.level_stop_bias


PATHWAYS = {"level-vectors": attach, "level-stop-bias": attach_stop_bias}


def teacher_with_stop_bias(model, tok, path):
    """Run 18's teacher: a copy of `model` (think style, no pathway) with the think-end biases that a
    `--train level-stop-bias` run learned by GRPO from it (its level_pathway.pt). As the KL reference of GRPO on
    every weight, it makes the KL term on-policy distillation of the levels into the weights."""
    saved = torch.load(path, map_location="cpu")
    if saved.get("train") != "level-stop-bias" or list(saved.get("levels", [])) != list(LEVELS):
        raise ValueError(f"{path}: not the level_pathway.pt of a --train level-stop-bias run")
    teacher = copy.deepcopy(model)
    attach_stop_bias(teacher, tok)
    with torch.no_grad():
        teacher.level_stop_bias.vectors.copy_(saved["vectors"])
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher.eval()


def pathway(model):
    """The lab-only level module attached to `model`, or None."""
    if hasattr(model.embed, "level_vectors"):
        return model.embed.level_vectors
    return getattr(model, "level_stop_bias", None)


def attached(model):
    return pathway(model) is not None


def remove(model):
    """Takes the pathway out of `model` (after a scaffold has faded to 0, the weights alone are the policy): the
    model then exports as a plain one."""
    if hasattr(model.embed, "level_vectors"):
        del model.embed.level_vectors
    if hasattr(model, "level_stop_bias"):
        del model.level_stop_bias
