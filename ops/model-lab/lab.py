#!/usr/bin/env python3
"""Model lab command line: build (tokenizer, training, export, evaluation, fixtures, card) or one stage.

    OMP_NUM_THREADS=1 /usr/bin/python3 ops/model-lab/lab.py build --out models/tiny-reasoner --seed 7
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from tinyreasoner import tasks, card  # noqa: E402
from tinyreasoner.artifacts import (write_jsonl, read_jsonl, save_checkpoint, load_checkpoint,  # noqa: E402
                                    reasoner_descriptor, write_fixtures)
from tinyreasoner.bpe import Tokenizer, train_merges  # noqa: E402
from tinyreasoner.data import corpus_for_tokenizer  # noqa: E402
from tinyreasoner.evaluate import evaluate, summarize  # noqa: E402
from tinyreasoner.export import export_onnx  # noqa: E402
from tinyreasoner.model import Config, TinyReasoner  # noqa: E402
from tinyreasoner.train import train  # noqa: E402


def log(msg):
    print(msg, flush=True)


def build(args):
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    started = time.time()
    eval_items = [p.record() for p in tasks.eval_problems(args.seed + 1, args.eval_per_cell)]
    write_jsonl(os.path.join(args.out, "eval.jsonl"), eval_items)
    tok = Tokenizer(train_merges(corpus_for_tokenizer(args.seed + 2, 3000), args.merges))
    tok.save(os.path.join(args.out, "tokenizer.json"))
    log(f"tokenizer: {tok.size} tokens; eval set: {len(eval_items)} problems")

    torch.manual_seed(args.seed)
    cfg = Config(vocab_size=tok.size, d_model=args.d_model, n_layers=args.layers, n_heads=args.heads,
                 ffn_hidden=args.ffn_hidden)
    model = TinyReasoner(cfg)
    log(f"model: {model.num_parameters():,} parameters")
    training = train(model, tok, seed=args.seed, steps=args.steps, batch_size=args.batch_size, lr=args.lr,
                     warmup=args.warmup, held_out={it["problem"] for it in eval_items}, log=log)
    save_checkpoint(model, tok, os.path.join(args.out, "checkpoint.pt"))
    finish(args, model, tok, eval_items, training, started)


def finish(args, model, tok, eval_items, training, started):
    export_onnx(model, os.path.join(args.out, "model.onnx"))
    with open(os.path.join(args.out, "reasoner.json"), "w") as f:
        json.dump(reasoner_descriptor(args.name, model.cfg), f, indent=2)
    limit = args.eval_limit or len(eval_items)
    rows = evaluate(model, tok, eval_items[:limit])
    write_jsonl(os.path.join(args.out, "eval_greedy.jsonl"), rows)
    summary = summarize(rows)
    log(json.dumps(summary, indent=1))
    write_fixtures(model, tok, eval_items, args.out, args.seed)
    metrics = {"command": args.command_line, "seed": args.seed, "parameters": model.num_parameters(),
               "config": model.cfg.to_dict(), "vocab_size": tok.size, "training": training,
               "evaluation": summary, "build_seconds": round(time.time() - started, 1)}
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    card.write(os.path.join(args.out, "MODEL_CARD.md"), metrics)
    log(f"done in {time.time() - started:.0f}s -> {args.out}")


def redo(args):
    """Export, evaluate, fixtures and card again from a saved checkpoint (no training)."""
    torch.set_num_threads(args.threads)
    model, tok = load_checkpoint(os.path.join(args.out, "checkpoint.pt"))
    with open(os.path.join(args.out, "metrics.json")) as f:
        previous = json.load(f)
    training, args.command_line = previous["training"], previous["command"]
    finish(args, model, tok, read_jsonl(os.path.join(args.out, "eval.jsonl")), training, time.time())


def tldr(args):
    """GRPO from an SFT model directory into a TLDR model directory (issue 6)."""
    import shutil
    from tinyreasoner import grpo, tldr_card
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    policy, tok = load_checkpoint(os.path.join(args.source, "checkpoint.pt"))
    eval_items = read_jsonl(os.path.join(args.source, "eval.jsonl"))
    cfg = grpo.GrpoConfig(iterations=args.iterations, prompts_per_iteration=args.prompts,
                          group_size=args.group, max_new_tokens=args.max_new_tokens, lr=args.lr)
    reward = grpo.LengthReward(short_max=args.short_max, medium_max=args.medium_max)
    training = grpo.train_tldr(policy, tok, seed=args.seed, cfg=cfg, reward=reward,
                               held_out={it["problem"] for it in eval_items}, log=log)
    save_checkpoint(policy, tok, os.path.join(args.out, "checkpoint.pt"))
    export_onnx(policy, os.path.join(args.out, "model.onnx"))
    for name in ("tokenizer.json", "eval.jsonl"):
        shutil.copy(os.path.join(args.source, name), os.path.join(args.out, name))
    with open(os.path.join(args.out, "reasoner.json"), "w") as f:
        json.dump(reasoner_descriptor(args.name, policy.cfg, grpo.TLDR_TEMPLATE.replace("{instruction}", "{instruction}"),
                                      grpo.LEVELS), f, indent=2)
    items = eval_items[:args.eval_limit] if args.eval_limit else eval_items
    sft, _ = load_checkpoint(os.path.join(args.source, "checkpoint.pt"))
    levels = {"sft (no instruction)": summarize(evaluate(sft, tok, items))}
    base = levels["sft (no instruction)"]["thinking_all"]["mean"]
    for level in grpo.LEVELS:
        s = summarize(evaluate(policy, tok, items, prompt_fn=lambda p, lv=level: grpo.level_prompt(p, lv)))
        s["change_vs_sft"] = f"{100 * (s['thinking_all']['mean'] - base) / base:+.1f}%"
        levels[level] = s
    log(json.dumps({k: (v["accuracy"], v["thinking_all"]["mean"]) for k, v in levels.items()}))
    with open(os.path.join(args.out, "reward_curve.csv"), "w") as f:
        keys = ["iteration", "reward", "accuracy"] + ["thinking_" + lv for lv in grpo.LEVELS]
        f.write(",".join(keys) + "\n")
        for h in training["history"]:
            f.write(",".join(str(h.get(k, "")) for k in keys) + "\n")
    with open(os.path.join(args.out, "reward_curve.svg"), "w") as f:
        f.write(tldr_card.curve_svg(training["history"], ["thinking_" + lv for lv in grpo.LEVELS]))
    metrics = {"command": args.command_line, "seed": args.seed, "from": args.source, "n": len(items),
               "level_instructions": grpo.LEVELS, "training": training, "levels": levels}
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    tldr_card.write(os.path.join(args.out, "MODEL_CARD.md"), metrics)
    log(f"done -> {args.out}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="stage", required=True)
    for name in ("build", "redo"):
        p = sub.add_parser(name)
        p.add_argument("--out", required=True)
        p.add_argument("--name", default="tiny-reasoner")
        p.add_argument("--seed", type=int, default=7)
        p.add_argument("--steps", type=int, default=2300)
        p.add_argument("--batch-size", type=int, default=64)
        p.add_argument("--lr", type=float, default=3e-3)
        p.add_argument("--warmup", type=int, default=100)
        p.add_argument("--merges", type=int, default=160)
        p.add_argument("--d-model", type=int, default=128)
        p.add_argument("--layers", type=int, default=4)
        p.add_argument("--heads", type=int, default=4)
        p.add_argument("--ffn-hidden", type=int, default=352)
        p.add_argument("--eval-per-cell", type=int, default=67, help="eval problems per family and difficulty")
        p.add_argument("--eval-limit", type=int, default=0, help="evaluate only the first N (0: all)")
        p.add_argument("--threads", type=int, default=1)
    t = sub.add_parser("tldr", help="length-regularized GRPO from an SFT model (TLDR levels)")
    t.add_argument("--from", dest="source", required=True, help="the SFT model directory")
    t.add_argument("--out", required=True)
    t.add_argument("--name", default="tiny-reasoner-tldr")
    t.add_argument("--seed", type=int, default=11)
    t.add_argument("--iterations", type=int, default=300)
    t.add_argument("--prompts", type=int, default=8, help="prompts per iteration")
    t.add_argument("--group", type=int, default=8, help="samples per prompt (G)")
    t.add_argument("--max-new-tokens", type=int, default=200)
    t.add_argument("--lr", type=float, default=5e-5)
    t.add_argument("--short-max", type=int, default=40)
    t.add_argument("--medium-max", type=int, default=70)
    t.add_argument("--eval-limit", type=int, default=0)
    t.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    args.command_line = "OMP_NUM_THREADS=1 /usr/bin/python3 ops/model-lab/lab.py " + " ".join(argv or sys.argv[1:])
    {"build": build, "redo": redo, "tldr": tldr}[args.stage](args)


if __name__ == "__main__":
    main()
