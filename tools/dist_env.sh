#!/usr/bin/env bash
# Sourced by dist_train.sh, dist_test.sh, slurm_train.sh and slurm_test.sh; not a command itself.
# Sets MMBLOG_ROOT and PYTHON, then TORCHRUN_ARGS (an array) for torch.distributed.run.
#
# The interpreter is found without an activated venv: $PYTHON if set, else the checkout's
# .venv/bin/python (what `make install` builds), else python3, else python.
MMBLOG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${PYTHON:-}" ]; then
    if [ -x "$MMBLOG_ROOT/.venv/bin/python" ]; then
        PYTHON="$MMBLOG_ROOT/.venv/bin/python"
    elif command -v python3 >/dev/null 2>&1; then
        PYTHON=python3
    else
        PYTHON=python
    fi
fi
export PYTHONPATH="$MMBLOG_ROOT${PYTHONPATH:+:$PYTHONPATH}"

mmblog_check_python() {
    # One line instead of a worker traceback per process when the interpreter lacks torch.
    if ! "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
        echo "$(basename "$0"): error: $PYTHON cannot import torch; run 'make install' in" \
            "$MMBLOG_ROOT or set PYTHON=/path/to/python" >&2
        exit 2
    fi
}

# torchrun's arguments from the environment. The plain names win; the PET_* names are what a
# Kubeflow controller (Trainer v2 TrainJob, PyTorchJob) sets in every pod.
#   NNODES (a number, or MIN:MAX for elastic), NODE_RANK, MASTER_ADDR, PORT,
#   RDZV_BACKEND (e.g. c10d: elastic rendezvous at RDZV_ENDPOINT, default MASTER_ADDR:PORT),
#   RDZV_ID (the job's id, the same on every node), MAX_RESTARTS (restarts of all workers).
mmblog_torchrun_args() {
    local nproc=$1
    NNODES=${NNODES:-${PET_NNODES:-1}}
    NODE_RANK=${NODE_RANK:-${PET_NODE_RANK:-0}}
    MASTER_ADDR=${MASTER_ADDR:-${PET_MASTER_ADDR:-127.0.0.1}}
    PORT=${PORT:-${PET_MASTER_PORT:-${MASTER_PORT:-29500}}}
    RDZV_BACKEND=${RDZV_BACKEND:-${PET_RDZV_BACKEND:-}}
    MAX_RESTARTS=${MAX_RESTARTS:-${PET_MAX_RESTARTS:-0}}
    TORCHRUN_ARGS=(--nnodes="$NNODES" --nproc-per-node="$nproc" --max-restarts="$MAX_RESTARTS")
    if [ -n "$RDZV_BACKEND" ]; then
        # By default the c10d rendezvous store is shared with the workers and outlives a
        # restart; restarted workers could then read the killed workers' addresses from it
        # (seen: gloo "Connection refused" after a restart on a loaded machine). A store per
        # round (on a fresh port) avoids that.
        if [ "$MAX_RESTARTS" != 0 ]; then
            export TORCH_DISABLE_SHARE_RDZV_TCP_STORE=${TORCH_DISABLE_SHARE_RDZV_TCP_STORE:-1}
        fi
        TORCHRUN_ARGS+=(
            --rdzv-backend="$RDZV_BACKEND"
            --rdzv-endpoint="${RDZV_ENDPOINT:-${PET_RDZV_ENDPOINT:-$MASTER_ADDR:$PORT}}"
            --rdzv-id="${RDZV_ID:-${PET_RDZV_ID:-mmblog}}"
        )
    else
        TORCHRUN_ARGS+=(--node-rank="$NODE_RANK" --master-addr="$MASTER_ADDR" --master-port="$PORT")
    fi
}

# DRY_RUN=1 prints the command (shell-quoted, one line) instead of running it.
mmblog_exec() {
    if [ "${DRY_RUN:-0}" = 1 ]; then
        printf '%q ' "$@" | sed 's/ $//'
        echo
        exit 0
    fi
    mmblog_check_python
    exec "$@"
}

# srun of slurm_train.sh / slurm_test.sh: mmblog_srun PARTITION JOB_NAME SCRIPT [ARGS...].
# From the environment: GPUS (tasks, default 8), GPUS_PER_NODE (8; 0 asks for CPU tasks: no
# --gres, TASKS_PER_NODE tasks per node, default GPUS), CPUS_PER_TASK (5), SRUN_ARGS, PORT.
mmblog_srun() {
    local partition=$1 job_name=$2
    shift 2
    local gpus=${GPUS:-8} gpus_per_node=${GPUS_PER_NODE:-8}
    local -a resources srun_extra
    read -r -a srun_extra <<< "${SRUN_ARGS:-}"
    # One port per job on a shared node (mmengine's slurm set-up reads MASTER_PORT).
    export MASTER_PORT=${PORT:-${MASTER_PORT:-29500}}
    if [ "$gpus_per_node" = 0 ]; then
        resources=(--ntasks-per-node="${TASKS_PER_NODE:-$gpus}")
    else
        resources=(--gres=gpu:"$gpus_per_node" --ntasks-per-node="$gpus_per_node")
    fi
    mmblog_exec srun -p "$partition" \
        --job-name="$job_name" \
        "${resources[@]}" \
        --ntasks="$gpus" \
        --cpus-per-task="${CPUS_PER_TASK:-5}" \
        --kill-on-bad-exit=1 \
        "${srun_extra[@]}" \
        "$PYTHON" -u "$@"
}
