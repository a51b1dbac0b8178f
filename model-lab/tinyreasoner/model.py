"""A Llama/Qwen-style decoder: RMSNorm, rotary positions, causal attention, SwiGLU, tied embeddings.

forward() has the signature of Hugging Face Optimum's decoder-with-past export, so the module
that trains is the module that is exported: input_ids, attention_mask (over past + new tokens),
position_ids, and per layer a past key and value of shape [batch, heads, past, head_dim]; it
returns logits and the present keys and values (past + new).
"""
from dataclasses import dataclass, asdict
import torch
import torch.nn as nn
import torch.nn.functional as F

MASKED = -1e9  # finite, so a fully padded row gives a uniform softmax instead of NaN


@dataclass
class Config:
    vocab_size: int
    d_model: int = 128
    n_layers: int = 4
    n_heads: int = 4
    ffn_hidden: int = 352
    rope_theta: float = 10000.0
    norm_eps: float = 1e-6

    @property
    def head_dim(self):
        return self.d_model // self.n_heads

    def to_dict(self):
        return asdict(self)


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.n_heads, self.head_dim = cfg.n_heads, cfg.head_dim
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model, bias=False)
        self.out = nn.Linear(cfg.d_model, cfg.d_model, bias=False)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        b, s, _ = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (self.head_dim ** -0.5) + mask
        y = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out(y.transpose(1, 2).reshape(b, s, -1)), k, v


class SwiGLU(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.gate = nn.Linear(cfg.d_model, cfg.ffn_hidden, bias=False)
        self.up = nn.Linear(cfg.d_model, cfg.ffn_hidden, bias=False)
        self.down = nn.Linear(cfg.ffn_hidden, cfg.d_model, bias=False)

    def forward(self, x):
        return self.down(F.silu(self.gate(x)) * self.up(x))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.attn_norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.attn = Attention(cfg)
        self.ffn_norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.ffn = SwiGLU(cfg)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        h, k, v = self.attn(self.attn_norm(x), cos, sin, mask, past_k, past_v)
        x = x + h
        return x + self.ffn(self.ffn_norm(x)), k, v


class TinyReasoner(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layers))
        self.norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        inv_freq = 1.0 / (cfg.rope_theta ** (torch.arange(0, cfg.head_dim, 2).float() / cfg.head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        self.apply(self._init)

    @staticmethod
    def _init(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)

    def num_parameters(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, input_ids, attention_mask, position_ids, *past):
        """past: k0, v0, k1, v1, ... (may be empty). Returns (logits, k0, v0, k1, v1, ...)."""
        x = self.embed(input_ids)
        freqs = position_ids.unsqueeze(-1).float() * self.inv_freq
        emb = torch.cat((freqs, freqs), dim=-1).unsqueeze(1)  # [b, 1, s, head_dim]
        cos, sin = emb.cos(), emb.sin()
        total, new = attention_mask.shape[1], input_ids.shape[1]
        key_index = torch.arange(total, device=input_ids.device)
        query_index = torch.arange(new, device=input_ids.device) + (total - new)
        causal = (key_index.unsqueeze(0) <= query_index.unsqueeze(1)).unsqueeze(0).unsqueeze(0)
        allowed = causal & (attention_mask.unsqueeze(1).unsqueeze(2) > 0)
        mask = (1.0 - allowed.float()) * MASKED
        presents = []
        for i, block in enumerate(self.blocks):
            past_k = past[2 * i] if past else None
            past_v = past[2 * i + 1] if past else None
            x, k, v = block(x, cos, sin, mask, past_k, past_v)
            presents += [k, v]
        logits = F.linear(self.norm(x), self.embed.weight)
        return (logits, *presents)

    def empty_past(self, batch):
        shape = (batch, self.cfg.n_heads, 0, self.cfg.head_dim)
        return [torch.zeros(shape, device=self.embed.weight.device) for _ in range(2 * self.cfg.n_layers)]
