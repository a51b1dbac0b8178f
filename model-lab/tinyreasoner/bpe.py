"""Byte-level BPE, trained here and written in Hugging Face tokenizers format.

Matches what the `tokenizers` library (and so DJL's HuggingFaceTokenizer) does with a ByteLevel
pre-tokenizer, a BPE model and a ByteLevel decoder, for ASCII text: special tokens are split out
first, each remaining segment is cut by the GPT-2 pattern, bytes are mapped to printable
characters, and merges are applied lowest rank first. Merges never join two digits (only a leading space to one
digit), so the model sees numbers digit by digit.
"""
import json
import re
from collections import Counter

SPECIALS = ("<pad>", "<s>", "</s>", "<|user|>", "<|assistant|>", "<think>", "</think>")
# The GPT-2 pattern used by tokenizers' ByteLevel pre-tokenizer, with \p{L} and \p{N} written for
# ASCII (the lab's generated text is ASCII; encode() refuses anything else).
PATTERN = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(printable, chars)}


BYTE_TO_CHAR = bytes_to_unicode()
CHAR_TO_BYTE = {c: b for b, c in BYTE_TO_CHAR.items()}
SPECIAL_SPLIT = re.compile("(" + "|".join(re.escape(s) for s in SPECIALS) + ")")


def pre_tokenize(text):
    return ["".join(BYTE_TO_CHAR[b] for b in piece.encode("utf-8")) for piece in PATTERN.findall(text)]


def train_merges(texts, num_merges):
    words = Counter()
    for text in texts:
        for segment in SPECIAL_SPLIT.split(text):
            if segment and segment not in SPECIALS:
                words.update(pre_tokenize(segment))
    split = {w: tuple(w) for w in words}
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for w, freq in words.items():
            symbols = split[w]
            for a, b in zip(symbols, symbols[1:]):
                if _mergeable(a, b):
                    pairs[(a, b)] += freq
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        for w in words:
            split[w] = _merge_pair(split[w], best)
    return merges


def _mergeable(a, b):
    """Digits stay single: a merge may only attach one digit to a leading space."""
    if not any(ch.isdigit() for ch in a + b):
        return True
    return a == BYTE_TO_CHAR[ord(" ")] and len(b) == 1 and b.isdigit()


def _merge_pair(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


class Tokenizer:
    def __init__(self, merges):
        self.merges = [tuple(m) for m in merges]
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        vocab = list(SPECIALS) + [BYTE_TO_CHAR[b] for b in range(256)] + [a + b for a, b in self.merges]
        self.vocab = {tok: i for i, tok in enumerate(vocab)}
        self.id_to_token = vocab
        self._cache = {}

    @property
    def size(self):
        return len(self.id_to_token)

    def token_id(self, token):
        return self.vocab[token]

    def _bpe(self, word):
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        symbols = tuple(word)
        while len(symbols) > 1:
            ranked = [(self.ranks.get(p, 1 << 30), i) for i, p in enumerate(zip(symbols, symbols[1:]))]
            rank, _ = min(ranked)
            if rank == 1 << 30:
                break
            symbols = _merge_pair(symbols, self.merges[rank])
        ids = [self.vocab[s] for s in symbols]
        self._cache[word] = ids
        return ids

    def encode(self, text):
        if not text.isascii():
            raise ValueError("the lab tokenizer's Python encoder handles ASCII text only")
        ids = []
        for segment in SPECIAL_SPLIT.split(text):
            if not segment:
                continue
            if segment in SPECIALS:
                ids.append(self.vocab[segment])
            else:
                for word in pre_tokenize(segment):
                    ids.extend(self._bpe(word))
        return ids

    def decode(self, ids, skip_special=False):
        out, buf = [], bytearray()
        for i in ids:
            tok = self.id_to_token[i]
            if tok in SPECIALS:
                if buf:
                    out.append(buf.decode("utf-8", errors="replace"))
                    buf = bytearray()
                if not skip_special:
                    out.append(tok)
            else:
                buf.extend(CHAR_TO_BYTE[c] for c in tok)
        if buf:
            out.append(buf.decode("utf-8", errors="replace"))
        return "".join(out)

    def to_hf_json(self):
        added = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for i, s in enumerate(SPECIALS)]
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": byte_level,
            "post_processor": None,
            "decoder": byte_level,
            "model": {
                "type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                "ignore_merges": False,
                "vocab": self.vocab,
                "merges": [f"{a} {b}" for a, b in self.merges],
            },
        }

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_hf_json(), f, ensure_ascii=False, indent=1)

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return cls([tuple(m.split(" ")) for m in data["model"]["merges"]])
