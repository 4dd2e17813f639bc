#!/usr/bin/env bash
# Usage: [GPUS=8] [GPUS_PER_NODE=8] [CPUS_PER_TASK=5] [SRUN_ARGS=...] [PORT=29500] \
#        bash tools/slurm_test.sh PARTITION JOB_NAME CONFIG CHECKPOINT [test.py options]
# GPUS_PER_NODE=0 asks for CPU tasks (no --gres; TASKS_PER_NODE tasks per node, default GPUS).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/dist_env.sh"
if [ $# -lt 4 ]; then
    echo "usage: bash tools/slurm_test.sh PARTITION JOB_NAME CONFIG CHECKPOINT [test.py options]" >&2
    exit 2
fi
mmblog_srun "$1" "$2" "$MMBLOG_ROOT/tools/test.py" "$3" "$4" --launcher=slurm "${@:5}"
