"""Writing and reading what the lab ships: checkpoint, reasoner.json, eval.jsonl and the fixtures."""
import json
import os
import random
import torch

from . import tasks
from .bpe import Tokenizer
from .data import PROMPT_TEMPLATE, prompt_text, corpus_for_tokenizer
from .decode import greedy
from .model import Config, TinyReasoner

ANSWER_RESERVE = 16
MAX_CONTEXT = 512


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def save_checkpoint(model, tok, path):
    # A CPU state dict, so a checkpoint trained on a GPU loads anywhere.
    torch.save({"config": model.cfg.to_dict(), "state_dict": {k: v.cpu() for k, v in model.state_dict().items()},
                "merges": [list(m) for m in tok.merges]}, path)


def load_checkpoint(path):
    # Our own checkpoints (config floats, merges): PyTorch 1.13's weights-only reader refuses their float
    # opcodes, and PyTorch 2.6+ would default to it, so the choice is explicit for both.
    data = torch.load(path, map_location="cpu", weights_only=False)
    model = TinyReasoner(Config(**data["config"]))
    model.load_state_dict(data["state_dict"])
    model.eval()
    return model, Tokenizer([tuple(m) for m in data["merges"]])


def chat_template(name, with_level, instruction_at="start"):
    """Hugging Face's Jinja chat_template for the tiny models, which the Java services render (module `chat`).

    One user message renders exactly as prompt_template does (the models never saw anything else); earlier
    user/assistant turns are laid out the same way, and system or developer messages are refused with
    raise_exception, since the models have no such role. With levels, `level_instruction` (the Java side's
    variable) goes where prompt_template's {instruction} is: at the start or the end of the last user message,
    or (the think style) in the place of <think>.
    """
    level = "{% if loop.last %}{{ level_instruction }}{% endif %}" if with_level else ""
    before, after = {"start": (level, ""), "end": ("", level), "think": ("", "")}[instruction_at]
    think = "<think>\n"
    if with_level and instruction_at == "think":
        # The newline inside each branch: after a block tag, trim_blocks (Jinjava's and transformers') drops it.
        think = "{% if level_instruction %}{{ level_instruction }}\n{% else %}<think>\n{% endif %}"
    return ("{% for message in messages %}"
            "{% if message['role'] == 'system' or message['role'] == 'developer' %}"
            "{{ raise_exception('" + name + " takes no ' ~ message['role'] ~ ' message: its chat template has user "
            "and assistant turns only') }}"
            "{% elif (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            "{{ raise_exception('" + name + "\\'s chat template wants user and assistant messages taking turns, "
            "starting with user; message ' ~ loop.index0 ~ ' is ' ~ message['role']) }}"
            "{% endif %}{% endfor %}"
            "{% if (messages | last)['role'] != 'user' %}{{ raise_exception('" + name + "\\'s chat template wants "
            "the last message to be the user\\'s: the model answers it') }}{% endif %}"
            "{{ bos_token }}{% for message in messages %}"
            "{% if message['role'] == 'user' %}<|user|>" + before + "{{ message['content'] }}" + after +
            "{% else %}<|assistant|>{{ message['content'] }}{{ eos_token }}{% endif %}{% endfor %}"
            "{% if add_generation_prompt %}<|assistant|>" + think + "{% endif %}")


def reasoner_descriptor(name, cfg, prompt_template=PROMPT_TEMPLATE, levels=None, instruction_at="start"):
    return {
        "schema_version": 1,
        "name": name,
        "model_file": "model.onnx",
        "tokenizer_file": "tokenizer.json",
        "prompt_template": prompt_template,
        "chat_template": chat_template(name, levels is not None, instruction_at),
        "think_start": "<think>",
        "think_end": tasks.THINK_END,
        "after_think_end": tasks.AFTER_THINK_END,
        "answer_prefix": tasks.ANSWER_PREFIX,
        "wait_text": "Wait",
        "bos_token": "<s>",
        "eos_token": "</s>",
        "pad_token": "<pad>",
        "default_answer_reserve": ANSWER_RESERVE,
        "max_context": MAX_CONTEXT,
        "kv_cache": {"layers": cfg.n_layers, "kv_heads": cfg.n_heads, "head_dim": cfg.head_dim},
        "levels": levels,
    }


def tokenizer_cases(tok, seed, n):
    """Strings with the Python encoder's ids, so the Java tokenizer can be checked against them."""
    rng = random.Random(seed)
    texts = corpus_for_tokenizer(seed, n - 3)
    texts += ["Wait, let me verify: 12 + 7 = 19. Yes.", "  two  spaces\tand\ttabs\n\n", "Final Answer: \\boxed{-42}"]
    cases = []
    for text in texts:
        cut = rng.randint(len(text) // 2, len(text))
        cases.append({"text": text[:cut], "ids": tok.encode(text[:cut])})
    return cases


def greedy_fixtures(model, tok, items, steps_with_logits=8, max_new_tokens=320):
    prompts = [tok.encode(prompt_text(it["problem"])) for it in items]
    gens = greedy(model, prompts, max_new_tokens=max_new_tokens, eos_id=tok.token_id("</s>"),
                  top_k_steps=steps_with_logits)
    return [{"problem": it["problem"], "prompt": prompt_text(it["problem"]), "prompt_ids": p,
             "greedy_ids": g["ids"], "greedy_text": tok.decode(g["ids"]), "top5_logits": g["top5"]}
            for it, p, g in zip(items, prompts, gens)]


def write_fixtures(model, tok, eval_items, out_dir, seed):
    fixtures = os.path.join(out_dir, "fixtures")
    os.makedirs(fixtures, exist_ok=True)
    picked = eval_items[::max(1, len(eval_items) // 24)][:24]
    write_jsonl(os.path.join(fixtures, "greedy.jsonl"), greedy_fixtures(model, tok, picked))
    write_jsonl(os.path.join(fixtures, "tokenizer.jsonl"), tokenizer_cases(tok, seed + 7, 300))
