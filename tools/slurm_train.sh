#!/usr/bin/env bash
# Usage (MMDetection's flags): [GPUS=8] [GPUS_PER_NODE=8] [CPUS_PER_TASK=5] [SRUN_ARGS=...] \
#        [PORT=29500] bash tools/slurm_train.sh PARTITION JOB_NAME CONFIG WORK_DIR [train.py options]
# GPUS_PER_NODE=0 asks for CPU tasks (no --gres; TASKS_PER_NODE tasks per node, default GPUS).
# A requeued job (sbatch --requeue, SLURM_RESTART_COUNT > 0) resumes from WORK_DIR by itself.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/dist_env.sh"
if [ $# -lt 4 ]; then
    echo "usage: bash tools/slurm_train.sh PARTITION JOB_NAME CONFIG WORK_DIR [train.py options]" >&2
    exit 2
fi
mmblog_srun "$1" "$2" "$MMBLOG_ROOT/tools/train.py" "$3" --work-dir="$4" --launcher=slurm "${@:5}"
