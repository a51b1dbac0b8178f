#!/usr/bin/env bash
# Issue 16, run 18 (model-lab/TLDR_RUNS.md): levels learned by GRPO from the SFT model alone, then distilled into
# the weights. No level data is used at any stage. Seed 11 throughout, one CPU thread: about 85 minutes of training
# here, plus each stage's evaluation on all 603 problems. From the repository root:
#   model-lab/recipes/run18-distil-levels.sh WORKDIR   (the model directory is WORKDIR/6-repair)
set -euo pipefail
work=${1:?usage: run18-distil-levels.sh WORKDIR}
lab() { OMP_NUM_THREADS=1 /usr/bin/python3 "$(dirname "$0")/../lab.py" tldr --warmstart-steps 0 --prompt-style think \
  --paired-levels --prompts 9 --short-max 50 --medium-min 75 --medium-max 110 --long-min 120 --long-max 200 \
  --inside-push 0.5 --kl-estimator full --loss-norm token --temperature 0.7 --validate-every 10 "$@"; }
sft=models/tiny-reasoner
# 1. Run 16: GRPO trains one think-end bias per level, nothing else (the teacher).
lab --from "$sft" --out "$work/1-biases" --train level-stop-bias --lr 5e-2 --kl 0.1 --reference-prompt plain \
  --dynamic-sampling --iterations 20 --keep last
teacher=(--teacher "$work/1-biases/level_pathway.pt" --reference-prompt level --kl 1000)
# 2. Only the think tags' embeddings learn from the teacher: they move apart, the stop decision hardly moves.
lab --from "$sft" --out "$work/2-tags" "${teacher[@]}" --train level-tokens --lr 1e-1 --iterations 60 --keep last
# 3-4. Every weight learns from the same teacher (made from stage 2's model): the stop decision learns to read the tags.
lab --from "$work/2-tags" --out "$work/3-weights" "${teacher[@]}" --lr 1e-4 --iterations 100 --keep last
lab --from "$work/3-weights" --teacher-base "$work/2-tags" --out "$work/4-weights" "${teacher[@]}" --lr 1e-4 \
  --iterations 60 --keep last
# 5-6. Lower rates, so the KL to the teacher (SFT's working) repairs the arithmetic; each keeps its best validated checkpoint.
lab --from "$work/4-weights" --teacher-base "$work/2-tags" --out "$work/5-repair" "${teacher[@]}" --lr 3e-5 \
  --iterations 80 --keep best
lab --from "$work/5-repair" --teacher-base "$work/2-tags" --out "$work/6-repair" "${teacher[@]}" --lr 1e-5 \
  --iterations 80 --keep best
