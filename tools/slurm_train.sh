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
PARTITION=$1
JOB_NAME=$2
CONFIG=$3
WORK_DIR=$4
GPUS=${GPUS:-8}
GPUS_PER_NODE=${GPUS_PER_NODE:-8}
CPUS_PER_TASK=${CPUS_PER_TASK:-5}
read -r -a SRUN_EXTRA <<< "${SRUN_ARGS:-}"
# One port per job on a shared node (mmengine's slurm set-up reads MASTER_PORT).
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
    "$PYTHON" -u "$MMBLOG_ROOT/tools/train.py" "$CONFIG" --work-dir="$WORK_DIR" --launcher=slurm "${@:5}"
