"""Turn the errors a user can fix into one clear line instead of a deep traceback."""

import argparse
import os
import sys
from collections.abc import Callable

from .checkpoint import TRUST_ENV, CheckpointMismatchError, UnsafeCheckpointError
from .config_utils import CfgOptionsError, CustomImportError
from .data_check import DataFormatError, MissingDataError

DEBUG_ENV = 'MMBLOG_DEBUG'


class ToolUsageError(ValueError):
    """A command-line option that cannot work as given (the message says why)."""


def _user_error_message(exc: BaseException) -> str | None:
    """The one-line message for an error the user can fix, or None for a real bug."""
    user_errors = (
        CfgOptionsError,
        CustomImportError,
        MissingDataError,
        FileNotFoundError,
        ToolUsageError,
        UnsafeCheckpointError,
        CheckpointMismatchError,
        DataFormatError,
    )
    if isinstance(exc, user_errors):
        return str(exc)
    if isinstance(exc, KeyError) and exc.args and 'registry' in str(exc.args[0]):
        # mmengine's message for an unknown ``type``; drop its trailing docs link.
        return str(exc.args[0]).split(' More details')[0]
    return None


def run_cli(main: Callable[[], object]) -> None:
    """Run a tool's ``main`` and report user errors as ``error: ...`` with exit code 2.

    Set ``MMBLOG_DEBUG=1`` to see the full traceback as well.
    """
    try:
        main()
    except Exception as exc:
        message = _user_error_message(exc)
        if message is None or os.environ.get(DEBUG_ENV):
            raise
        tool = os.path.basename(sys.argv[0])
        print(f'{tool}: error: {message}', file=sys.stderr)
        sys.exit(2)


def add_trust_checkpoint_arg(parser: argparse.ArgumentParser) -> None:
    """``--trust-checkpoint``: unpickle checkpoints fully (only for files you trust)."""
    parser.add_argument(
        '--trust-checkpoint',
        action='store_true',
        help='load checkpoints with full unpickling, which can run code the file names; only '
        f'for files you trust (same as {TRUST_ENV}=1). By default only plain data is loaded',
    )


def add_runner_args(parser: argparse.ArgumentParser, cfg_options_example: str) -> None:
    """The options train.py and test.py share: --cfg-options, --trust-checkpoint, --launcher."""
    from mmengine.config import DictAction

    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help=f'override config keys, e.g. {cfg_options_example} (keys must exist)',
    )
    add_trust_checkpoint_arg(parser)
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'], default='none')
    parser.add_argument('--local-rank', '--local_rank', type=int, default=0)


def parse_runner_args(parser: argparse.ArgumentParser, argv=None) -> argparse.Namespace:
    """Parse, and export ``LOCAL_RANK`` for launchers that pass ``--local-rank``."""
    args = parser.parse_args(argv)
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def prepare_tool(args: argparse.Namespace) -> None:
    """What train.py/test.py set up first: every registry filled, the safe checkpoint loader."""
    from .checkpoint import install_checkpoint_loader
    from .setup_env import register_all_modules

    register_all_modules(init_default_scope=False)
    install_checkpoint_loader(trust=args.trust_checkpoint or None)
