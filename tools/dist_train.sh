#!/usr/bin/env bash
# Usage: [NNODES=1] [NODE_RANK=0] [MASTER_ADDR=127.0.0.1] [PORT=29500] \
#        [RDZV_BACKEND=c10d] [MAX_RESTARTS=0] bash tools/dist_train.sh CONFIG GPUS [train.py options]
# GPUS is the number of processes on this node (default: PET_NPROC_PER_NODE, else 1). Without
# CUDA each process is one CPU worker on gloo. A restarted worker (MAX_RESTARTS > 0) resumes from
# the work dir's latest checkpoint by itself. Variables: tools/dist_env.sh; guide: docs/distributed.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/dist_env.sh"
if [ $# -lt 1 ]; then
    echo "usage: bash tools/dist_train.sh CONFIG GPUS [train.py options]" >&2
    exit 2
fi
CONFIG=$1
GPUS=${2:-${PET_NPROC_PER_NODE:-1}}
mmblog_torchrun_args "$GPUS"
mmblog_exec "$PYTHON" -m torch.distributed.run "${TORCHRUN_ARGS[@]}" \
    "$MMBLOG_ROOT/tools/train.py" "$CONFIG" --launcher pytorch "${@:3}"
