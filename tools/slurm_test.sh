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
PARTITION=$1
JOB_NAME=$2
CONFIG=$3
CHECKPOINT=$4
GPUS=${GPUS:-8}
GPUS_PER_NODE=${GPUS_PER_NODE:-8}
CPUS_PER_TASK=${CPUS_PER_TASK:-5}
read -r -a SRUN_EXTRA <<< "${SRUN_ARGS:-}"
export MASTER_PORT=${PORT:-${MASTER_PORT:-29500}}
if [ "$GPUS_PER_NODE" = 0 ]; then
    RESOURCES=(--ntasks-per-node="${TASKS_PER_NODE:-$GPUS}")
else
    RESOURCES=(--gres=gpu:"$GPUS_PER_NODE" --ntasks-per-node="$GPUS_PER_NODE")
fi
mmblog_exec srun -p "$PARTITION" \
    --job-name="$JOB_NAME" \
    "${RESOURCES[@]}" \
    --ntasks="$GPUS" \
    --cpus-per-task="$CPUS_PER_TASK" \
    --kill-on-bad-exit=1 \
    "${SRUN_EXTRA[@]}" \
    "$PYTHON" -u "$MMBLOG_ROOT/tools/test.py" "$CONFIG" "$CHECKPOINT" --launcher=slurm "${@:5}"
