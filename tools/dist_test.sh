#!/usr/bin/env bash
# Usage: [NNODES=1] [NODE_RANK=0] [MASTER_ADDR=127.0.0.1] [PORT=29500] \
#        bash tools/dist_test.sh CONFIG CHECKPOINT GPUS [test.py options]
# Variables: tools/dist_env.sh; guide: docs/distributed.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/dist_env.sh"
if [ $# -lt 2 ]; then
    echo "usage: bash tools/dist_test.sh CONFIG CHECKPOINT GPUS [test.py options]" >&2
    exit 2
fi
CONFIG=$1
CHECKPOINT=$2
GPUS=${3:-${PET_NPROC_PER_NODE:-1}}
mmblog_torchrun_args "$GPUS"
mmblog_exec "$PYTHON" -m torch.distributed.run "${TORCHRUN_ARGS[@]}" \
    "$MMBLOG_ROOT/tools/test.py" "$CONFIG" "$CHECKPOINT" --launcher pytorch "${@:4}"
