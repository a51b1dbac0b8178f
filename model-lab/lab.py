#!/usr/bin/env python3
"""Model lab command line: build (tokenizer, training, export, evaluation, fixtures, card) or one stage.

    OMP_NUM_THREADS=1 /usr/bin/python3 model-lab/lab.py build --out models/tiny-reasoner --seed 7
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


def device_of(args):
    """--device: cpu, cuda, or auto (cuda when this PyTorch sees a GPU)."""
    if args.device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if args.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("lab.py: --device cuda, but this PyTorch sees no GPU (torch.cuda.is_available() is False)")
    return torch.device(args.device)


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
    model = TinyReasoner(cfg).to(device_of(args))
    log(f"model: {model.num_parameters():,} parameters on {device_of(args)}")
    training = train(model, tok, seed=args.seed, steps=args.steps, batch_size=args.batch_size, lr=args.lr,
                     warmup=args.warmup, held_out={it["problem"] for it in eval_items}, log=log)
    save_checkpoint(model, tok, os.path.join(args.out, "checkpoint.pt"))
    finish(args, model, tok, eval_items, training, started)


def finish(args, model, tok, eval_items, training, started):
    model = model.cpu()  # evaluation and fixtures on the CPU, as the Java side checks them
    export_onnx(model, os.path.join(args.out, "model.onnx"))
    with open(os.path.join(args.out, "reasoner.json"), "w") as f:
        json.dump(reasoner_descriptor(args.name, model.cfg), f, indent=2)
    limit = args.eval_limit or len(eval_items)
    rows = evaluate(model, tok, eval_items[:limit])
    write_jsonl(os.path.join(args.out, "eval_greedy.jsonl"), rows)
    summary = summarize(rows)
    log(json.dumps(summary, indent=1))
    write_fixtures(model, tok, eval_items, args.out, args.seed)
    metrics = {"name": args.name, "command": args.command_line, "seed": args.seed, "parameters": model.num_parameters(),
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


def length_reward(args):
    from tinyreasoner import grpo
    return grpo.LengthReward(short_max=args.short_max, medium_max=args.medium_max, long_min=args.long_min,
                             long_max=args.long_max, medium_min=args.medium_min,
                             inside_push=args.inside_push)


def add_reward_arguments(parser):
    """The level target ranges of issue 6's reward, shared by training and scoring rollouts."""
    parser.add_argument("--short-max", type=int, default=40)
    parser.add_argument("--medium-min", type=int, default=0, help="the medium level's floor")
    parser.add_argument("--medium-max", type=int, default=56)
    parser.add_argument("--long-min", type=int, default=50, help="the long level's floor (0: none)")
    parser.add_argument("--long-max", type=int, default=72, help="the long level's ceiling (0: unbounded)")
    parser.add_argument("--inside-push", type=float, default=0.0,
                        help="inside its range, a penalty growing with the distance to the level's aim (short: "
                             "bottom, medium: middle, long: top) up to this share of beta; 0: flat, as issue 6's")


def write_model_dir(model, tok, out, name, style, source):
    """A TLDR model directory the workers load: checkpoint, ONNX export, tokenizer, eval set, reasoner.json."""
    import shutil
    os.makedirs(out, exist_ok=True)
    save_checkpoint(model, tok, os.path.join(out, "checkpoint.pt"))
    export_onnx(model, os.path.join(out, "model.onnx"))
    for file in ("tokenizer.json", "eval.jsonl"):
        shutil.copy(os.path.join(source, file), os.path.join(out, file))
    with open(os.path.join(out, "reasoner.json"), "w") as f:
        json.dump(reasoner_descriptor(name, model.cfg, style.template, style.instructions, style.instruction_at),
                  f, indent=2)


def tldr(args):
    """Level warm-start, then GRPO, from an SFT model directory into a TLDR model directory (issue 6)."""
    import copy
    from tinyreasoner import grpo, levels as lv, tldr_card
    from tinyreasoner.data import LevelTrainingStream
    if args.cross_levels and not args.paired_levels:
        raise SystemExit("lab.py tldr: --cross-levels needs --paired-levels (each problem sampled at every level)")
    from tinyreasoner import level_vectors
    lab_only = args.train in level_vectors.PATHWAYS
    if (args.train == "level-tokens" or lab_only) and args.prompt_style != "think":
        raise SystemExit(f"lab.py tldr: --train {args.train} needs --prompt-style think (the tags it reads)")
    if args.scaffold and (args.train != "all" or args.prompt_style != "think"
                          or args.iterations < args.scaffold_hold + args.scaffold_fade):
        raise SystemExit("lab.py tldr: --scaffold needs --train all, --prompt-style think and --iterations of at "
                         "least --scaffold-hold + --scaffold-fade (the weights alone at the end)")
    if args.teacher and (args.train not in ("all", "level-tokens") or args.prompt_style != "think"
                         or args.warmstart_steps or args.reference_prompt != "level" or args.scaffold):
        raise SystemExit("lab.py tldr: --teacher needs --train all or level-tokens, --prompt-style think, "
                         "--warmstart-steps 0 and --reference-prompt level (the teacher's biases read the level's "
                         "tag), and no --scaffold")
    if lab_only and args.warmstart_steps:
        raise SystemExit(f"lab.py tldr: --train {args.train} is GRPO from SFT alone: add --warmstart-steps 0")
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    style = lv.STYLES[args.prompt_style]
    policy, tok = _load_for_style(args.source, style)
    if lab_only or args.scaffold:
        level_vectors.PATHWAYS[args.scaffold or args.train](policy, tok)
    teacher = None
    if args.teacher:  # from --teacher-base when the policy already holds part of the levels (a continued run)
        base = _load_for_style(args.teacher_base, style)[0] if args.teacher_base else policy
        teacher = level_vectors.teacher_with_stop_bias(base, tok, args.teacher).to(device_of(args))
    policy.to(device_of(args))
    eval_items = read_jsonl(os.path.join(args.source, "eval.jsonl"))
    held_out = {it["problem"] for it in eval_items}
    validation = [p.record() for p in tasks.eval_problems(args.seed + 100, args.validation_per_cell)
                  if p.problem not in held_out]
    held_out |= {it["problem"] for it in validation}
    warmstart = (train(policy, tok, seed=args.seed, steps=args.warmstart_steps, batch_size=args.batch_size,
                      lr=args.warmstart_lr, warmup=max(1, args.warmstart_steps // 20), held_out=held_out,
                      log=log, stream_class=type("StyledLevelStream", (LevelTrainingStream,), {"style": style, "short_form": args.short_form}))
                 if args.warmstart_steps else None)
    after_warmstart = copy.deepcopy(policy)
    cfg = grpo.GrpoConfig(iterations=args.iterations, prompts_per_iteration=args.prompts,
                          group_size=args.group, max_new_tokens=args.max_new_tokens, lr=args.lr,
                          validate_every=args.validate_every, temperature=args.temperature, kl_coef=args.kl,
                          keep=args.keep, ppo_epochs=args.ppo_epochs, dynamic_sampling=args.dynamic_sampling,
                          resample_rounds=args.resample_rounds, loss_norm=args.loss_norm,
                          std_norm=not args.no_std_norm, kl_final=args.kl_final, kl_estimator=args.kl_estimator,
                          reference_prompt=args.reference_prompt, prompt_style=args.prompt_style,
                          paired_levels=args.paired_levels, train_params=args.train,
                          cross_levels=args.cross_levels, scaffold_hold=args.scaffold_hold,
                          scaffold_fade=args.scaffold_fade if args.scaffold else 0, scaffold_lr=args.scaffold_lr)
    reward = length_reward(args)
    sampler = None
    if args.rollouts_from:
        from tinyreasoner import platform
        client = platform.PlatformClient(args.rollouts_from, args.api_key)
        rounds = iter(range(10 ** 9))

        def sampler(items, prompts):
            rows = platform.rollouts(client, items, group_size=cfg.group_size, temperature=cfg.temperature,
                                     budget=cfg.max_new_tokens, seed=args.seed * 1_000_003 + next(rounds) * 10_007,
                                     reward=reward)
            return [platform.completion_ids(tok, r) for r in rows]
    training = grpo.train_tldr(policy, tok, seed=args.seed, cfg=cfg, reward=reward, held_out=held_out,
                               validation=validation, log=log, sampler=sampler, reference=teacher)
    if args.scaffold:
        level_vectors.remove(policy)  # faded to nothing: the weights alone are the policy, and export as usual
    if lab_only:
        # no model directory: the workers could not give the model its level (level_vectors.py)
        torch.save({"train": args.train, "vectors": level_vectors.pathway(policy).vectors.detach().cpu(),
                    "levels": list(lv.LEVELS)}, os.path.join(args.out, "level_pathway.pt"))
    else:
        write_model_dir(policy, tok, args.out, args.name, style, args.source)
    if args.warmstart_steps:
        # The stage before GRPO, loadable as a model of its own: the method comparison charts both.
        write_model_dir(after_warmstart, tok, os.path.join(args.out, "warmstart"), args.name + "-warmstart", style,
                        args.source)
    items = eval_items[:args.eval_limit] if args.eval_limit else eval_items
    sft, _ = load_checkpoint(os.path.join(args.source, "checkpoint.pt"))
    sft.to(device_of(args))
    table = {"sft (no instruction)": summarize(evaluate(sft, tok, items))}
    base = table["sft (no instruction)"]["thinking_all"]["mean"]
    for stage, model in (("warm-start", after_warmstart), ("tldr", policy)):
        for level in lv.LEVELS:
            rows = evaluate(model, tok, items, prompt_fn=lambda p, level=level: style.prompt(p, level))
            s = summarize(rows)
            s["change_vs_sft"] = f"{100 * (s['thinking_all']['mean'] - base) / base:+.1f}%"
            table[f"{stage} {level}"] = s
            if stage == "tldr":
                write_jsonl(os.path.join(args.out, f"eval_greedy_{level}.jsonl"), rows)
    log(json.dumps({k: (v["accuracy"], v["thinking_all"]["mean"]) for k, v in table.items()}))
    tldr_card.write_curves(args.out, training)
    metrics = {"name": args.name, "command": args.command_line, "seed": args.seed, "from": args.source, "n": len(items),
               "level_instructions": style.instructions, "prompt_style": style.name, "short_form": args.short_form, "warmstart": warmstart, "training": training,
               "validation_problems": len(validation), "levels": table}
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    tldr_card.write(os.path.join(args.out, "MODEL_CARD.md"), metrics)
    log(f"done -> {args.out}")


def tldr_card_again(args):
    """The TLDR card and curves again from the run's metrics.json (no training, no evaluation)."""
    from tinyreasoner import tldr_card
    with open(os.path.join(args.out, "metrics.json")) as f:
        metrics = json.load(f)
    tldr_card.write_curves(args.out, metrics["training"])
    tldr_card.write(os.path.join(args.out, "MODEL_CARD.md"), metrics)
    log(f"card written -> {args.out}")


def stop_decisions(args):
    """Why greedy lengths do or do not move (issue 16): per level, the think-end probability at the first
    point where a trace could stop, and the share of problems whose decision there is near enough to 0.5
    for a small policy change to flip what greedy decoding does."""
    from tinyreasoner import levels as lv
    from tinyreasoner.evaluate import summarize
    torch.set_num_threads(args.threads)
    style = lv.STYLES.get(args.prompt_style)
    model, tok = _load_for_style(args.model, style)  # an SFT model's think tags as GRPO would start them
    model.to(device_of(args))
    items = read_jsonl(args.problems or os.path.join(args.model, "eval.jsonl"))
    items = items[:args.limit] if args.limit else items
    prompts = {"none": None} if style is None else {
        level: (lambda p, level=level: style.prompt(p, level)) for level in lv.LEVELS}
    out = {}
    for name, prompt_fn in prompts.items():
        rows = evaluate(model, tok, items, **({"prompt_fn": prompt_fn} if prompt_fn else {}))
        ps = [r["stop_probability_at_first_chance"] for r in rows if r["stop_probability_at_first_chance"] is not None]
        s = summarize(rows)
        out[name] = {"accuracy": s["accuracy"], "thinking": s["thinking_all"]["mean"],
                     "with_a_stop_point": len(ps), "stop_p": s["stop_probability_at_first_chance"],
                     "flippable_share": round(sum(abs(p - 0.5) < args.margin for p in ps) / len(ps), 3) if ps else None}
    log(json.dumps({"model": args.model, "prompt_style": args.prompt_style, "n": len(items),
                    "margin": args.margin, "levels": out}, indent=1))


def prompt_sensitivity(args):
    """How much the decision at the first chance to stop depends on each token of the prompt's frame (issue 16,
    run 13): each of <s>, <|user|>, <|assistant|> and <think> in turn gets its embedding moved by a random
    direction of --scale times its norm; the mean change of the think-end probability there, and accuracy."""
    from tinyreasoner.evaluate import summarize
    torch.set_num_threads(args.threads)
    model, tok = load_checkpoint(os.path.join(args.model, "checkpoint.pt"))
    items = read_jsonl(args.problems or os.path.join(args.model, "eval.jsonl"))[::args.every]
    base = [r["stop_probability_at_first_chance"] for r in evaluate(model, tok, items)]
    weight = model.embed.weight.data
    generator = torch.Generator().manual_seed(args.seed)
    out = {"problems": len(items), "scale": args.scale, "tokens": {}}
    for name in ("<s>", "<|user|>", "<|assistant|>", "<think>"):
        i = tok.token_id(name)
        kept = weight[i].clone()
        direction = torch.nn.functional.normalize(torch.randn(weight.shape[1], generator=generator), dim=0)
        weight[i] = kept + args.scale * kept.norm() * direction
        rows = evaluate(model, tok, items)
        weight[i] = kept
        moved = [abs(r["stop_probability_at_first_chance"] - b) for r, b in zip(rows, base)
                 if r["stop_probability_at_first_chance"] is not None and b is not None]
        s = summarize(rows)
        out["tokens"][name] = {"accuracy": s["accuracy"], "thinking": s["thinking_all"]["mean"],
                               "mean_abs_stop_p_change": round(sum(moved) / len(moved), 4)}
    log(json.dumps(out, indent=1))


def _load_for_style(model_dir, style):
    """A model directory's checkpoint and tokenizer. In the think style the level tags start as copies of <think>,
    unless the directory's levels are already those tags: a run that trained them (run 18) keeps what they learned."""
    from tinyreasoner import levels as lv
    model, tok = load_checkpoint(os.path.join(model_dir, "checkpoint.pt"))
    with open(os.path.join(model_dir, "reasoner.json")) as f:
        trained_tags = json.load(f).get("levels") == lv.THINK.instructions
    if style is lv.THINK and not trained_tags:
        lv.start_think_tags(model, tok)
    return model, tok


def rollouts(args):
    """G samples per prompt generated by the platform's workers, scored with the TLDR reward (batch mode)."""
    import random
    from tinyreasoner import levels as lv, platform
    rng = random.Random(args.seed)
    held_out = {it["problem"] for it in read_jsonl(args.held_out)} if args.held_out else set()
    wanted = list(lv.LEVELS) if args.level == "all" else [args.level]
    items = []
    while len(items) < args.prompts:
        p = tasks.make_problem(rng)
        if p.problem not in held_out:
            items.append({"problem": p.problem, "answer": str(p.answer), "level": wanted[len(items) % len(wanted)]})
    client = platform.PlatformClient(args.url, args.api_key, timeout_s=args.timeout)
    reward = length_reward(args)
    started = time.time()
    rows = platform.rollouts(client, items, group_size=args.group, temperature=args.temperature, budget=args.budget,
                             seed=args.seed, reward=reward, log=log)
    write_jsonl(args.out, rows)
    summary = {"prompts": len(items), "group": args.group, "rollouts": len(rows),
               "seconds": round(time.time() - started, 1),
               "reward": round(sum(r["reward"] for r in rows) / len(rows), 4),
               "accuracy": round(sum(r["correct"] for r in rows) / len(rows), 4),
               "models": sorted({r["model"] for r in rows if r["model"]})}
    for level in wanted:
        ls = [r["thinking_tokens"] for r in rows if r["level"] == level]
        summary["thinking_" + level] = round(sum(ls) / len(ls), 1)
    log(json.dumps(summary))


def add_device_argument(parser):
    parser.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu",
                        help="where to train and decode (auto: cuda when a GPU is seen); checkpoints and exports "
                             "are the same either way (CPU tensors, exported from a CPU copy)")


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
        add_device_argument(p)
    t = sub.add_parser("tldr", help="length-regularized GRPO from an SFT model (TLDR levels)")
    t.add_argument("--from", dest="source", required=True, help="the SFT model directory")
    t.add_argument("--out", required=True)
    t.add_argument("--name", default="tiny-reasoner-tldr")
    t.add_argument("--seed", type=int, default=11)
    t.add_argument("--iterations", type=int, default=125)
    t.add_argument("--prompts", type=int, default=8, help="prompts per iteration")
    t.add_argument("--group", type=int, default=8, help="samples per prompt (G)")
    t.add_argument("--max-new-tokens", type=int, default=200)
    t.add_argument("--lr", type=float, default=2e-5)
    t.add_argument("--temperature", type=float, default=0.7, help="rollout sampling temperature")
    t.add_argument("--kl", type=float, default=0.1, help="KL coefficient to the reference")
    t.add_argument("--ppo-epochs", type=int, default=2, help="optimizer steps on each iteration's rollouts")
    t.add_argument("--prompt-style", choices=["prefix", "suffix", "think"], default="prefix",
                   help="level instruction before the problem (prefix), a level tag after it (suffix), or a level's own token "
                        "in the place of <think> (think)")
    t.add_argument("--kl-final", type=float, help="anneal the KL weight linearly from --kl to this")
    t.add_argument("--kl-estimator", choices=["k3", "full"], default="k3",
                   help="k3 on the sampled tokens, or the exact KL over the vocabulary")
    t.add_argument("--reference-prompt", choices=["level", "plain"], default="level",
                   help="the KL reference reads the level prompt, or the plain SFT prompt of the same problem")
    t.add_argument("--dynamic-sampling", action="store_true",
                   help="DAPO: drop groups whose rewards are all equal and sample new prompts in their place")
    t.add_argument("--resample-rounds", type=int, default=4, help="with --dynamic-sampling: sampling rounds at most")
    t.add_argument("--paired-levels", action="store_true",
                   help="each problem at all three levels in one iteration (else one level a problem, in rotation)")
    t.add_argument("--cross-levels", action="store_true",
                   help="score every sample at every level, advantages centred over the levels (with --paired-levels)")
    t.add_argument("--train", choices=["all", "level-tokens", "level-vectors", "level-stop-bias"], default="all",
                   help="what GRPO updates: every weight; or (with --prompt-style think) only the level tags' "
                        "embeddings, a vector per level added at every position, or a think-end logit bias per "
                        "level (the last two lab only: not exportable)")
    t.add_argument("--scaffold", choices=["level-stop-bias", "level-vectors"],
                   help="with --train all: a level pathway trained with the weights, faded to nothing (run 17)")
    t.add_argument("--scaffold-hold", type=int, default=20, help="iterations at the scaffold's full strength")
    t.add_argument("--scaffold-fade", type=int, default=40, help="iterations over which it falls to 0")
    t.add_argument("--scaffold-lr", type=float, default=5e-2, help="the scaffold's learning rate")
    t.add_argument("--teacher", help="with --train all or level-tokens: the level_pathway.pt of a --train level-stop-bias run; the KL "
                                     "reference is the SFT model with those biases (on-policy distillation, run 18)")
    t.add_argument("--teacher-base", help="with --teacher: the model directory the teacher is made from (default: --from)")
    t.add_argument("--loss-norm", choices=["sequence", "token"], default="sequence",
                   help="sequence: mean over each completion's tokens; token: Dr. GRPO's sum over a constant")
    t.add_argument("--no-std-norm", action="store_true", help="Dr. GRPO: advantages not divided by the group's std")
    t.add_argument("--keep", choices=["best", "last"], default="best",
                   help="export the best eligible validated checkpoint, or the last (for experiments)")
    t.add_argument("--warmstart-steps", type=int, default=600, help="level-conditioned SFT steps before GRPO (0: none)")
    t.add_argument("--short-form", choices=["terse", "bare", "lean"], default="terse",
                   help="warm-start short traces: terse working lines; bare arithmetic (no labels, no words); "
                        "lean (bare, plus each addition column's written digit and a linear step's moved x-term)")
    t.add_argument("--warmstart-lr", type=float, default=5e-4)
    t.add_argument("--batch-size", type=int, default=64, help="warm-start batch size")
    t.add_argument("--validation-per-cell", type=int, default=17,
                   help="greedy validation problems per family and difficulty (not in eval.jsonl)")
    t.add_argument("--validate-every", type=int, default=25, help="GRPO iterations between validations")
    add_reward_arguments(t)
    t.add_argument("--eval-limit", type=int, default=0)
    t.add_argument("--threads", type=int, default=1)
    add_device_argument(t)
    t.add_argument("--rollouts-from", help="ingest URL: the platform's workers sample the rollouts (batch mode)")
    t.add_argument("--api-key", help="with --rollouts-from: the tenant's API key")
    c = sub.add_parser("tldr-card", help="rewrite a TLDR model's card and curves from its metrics.json")
    c.add_argument("--out", required=True, help="the TLDR model directory")
    d = sub.add_parser("stop-decisions", help="think-end probability at the first chance to stop, per level")
    d.add_argument("--model", required=True, help="a model directory with checkpoint.pt")
    d.add_argument("--prompt-style", choices=["prefix", "suffix", "think", "none"], default="prefix",
                   help="how the level reaches the prompt; none: the plain SFT prompt")
    d.add_argument("--problems", help="JSONL problems (default: the model's eval.jsonl)")
    d.add_argument("--limit", type=int, default=0)
    d.add_argument("--margin", type=float, default=0.2, help="flippable: |p - 0.5| below this")
    d.add_argument("--threads", type=int, default=1)
    add_device_argument(d)
    ps = sub.add_parser("prompt-sensitivity", help="how much the first stop decision depends on the prompt's frame tokens")
    ps.add_argument("--model", required=True, help="a model directory with checkpoint.pt")
    ps.add_argument("--problems", help="JSONL problems (default: the model's eval.jsonl)")
    ps.add_argument("--every", type=int, default=6, help="every Nth problem")
    ps.add_argument("--scale", type=float, default=0.5, help="the move, as a share of the embedding's norm")
    ps.add_argument("--seed", type=int, default=0)
    ps.add_argument("--threads", type=int, default=1)
    r = sub.add_parser("rollouts", help="G samples per prompt from the platform, scored with the TLDR reward")
    r.add_argument("--url", required=True, help="ingest URL, e.g. http://127.0.0.1:8080")
    r.add_argument("--api-key", required=True)
    r.add_argument("--out", required=True, help="rollouts JSONL to write")
    r.add_argument("--prompts", type=int, default=32)
    r.add_argument("--group", type=int, default=8, help="samples per prompt (G)")
    r.add_argument("--level", default="all", choices=["all", "short", "medium", "long"])
    r.add_argument("--budget", type=int, default=200)
    r.add_argument("--temperature", type=float, default=1.0)
    r.add_argument("--seed", type=int, default=11)
    r.add_argument("--held-out", help="a JSONL whose problems are never used (for example eval.jsonl)")
    add_reward_arguments(r)
    r.add_argument("--timeout", type=float, default=3600.0, help="seconds to wait for the batch")
    args = parser.parse_args(argv)
    args.command_line = "OMP_NUM_THREADS=1 /usr/bin/python3 model-lab/lab.py " + " ".join(argv or sys.argv[1:])
    if getattr(args, "long_max", None) == 0:
        args.long_max = None
    if args.stage == "tldr" and args.rollouts_from and not args.api_key:
        parser.error("--rollouts-from needs --api-key")
    {"build": build, "redo": redo, "tldr": tldr, "tldr-card": tldr_card_again, "rollouts": rollouts,
     "stop-decisions": stop_decisions, "prompt-sensitivity": prompt_sensitivity}[args.stage](args)


if __name__ == "__main__":
    main()
