"""Turn the errors a user can fix into one clear line instead of a deep traceback."""

import argparse
import os
import pickle
import sys
from collections.abc import Callable

from .checkpoint import TRUST_ENV, CheckpointMismatchError, UnsafeCheckpointError
from .config_utils import CfgOptionsError
from .data_check import DataFormatError, MissingDataError

DEBUG_ENV = 'MMBLOG_DEBUG'


class ToolUsageError(ValueError):
    """A command-line option that cannot work as given (the message says why)."""


def _checkpoint_being_loaded(exc: BaseException) -> str | None:
    """The file ``torch.load`` was reading when ``exc`` was raised, if it was."""
    tb = exc.__traceback__
    path = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == 'load' and frame.f_code.co_filename.endswith(
            os.path.join('torch', 'serialization.py')
        ):
            f = frame.f_locals.get('f')
            path = f if isinstance(f, (str, os.PathLike)) else getattr(f, 'name', '?')
        tb = tb.tb_next
    return None if path is None else str(path)


def _frame_local(exc: BaseException, code_file: str, name: str):
    """Local ``name`` of the innermost frame of ``code_file`` in ``exc``'s traceback."""
    tb, value = exc.__traceback__, None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_filename.endswith(code_file) and name in frame.f_locals:
            value = frame.f_locals[name]
        tb = tb.tb_next
    return value


def _user_error_message(exc: BaseException) -> str | None:
    """The one-line message for an error the user can fix, or None for a real bug.

    User errors are: a bad command-line option, a missing file, bad data (mmblog's loaders and
    converters raise ``ValueError`` subclasses whose message names file, record and field), a bad
    config value (an unknown ``type``, an argument a class does not take, a syntax error in the
    config file) and a checkpoint that cannot be read.
    """
    user_errors = (
        CfgOptionsError,
        MissingDataError,
        FileNotFoundError,
        ToolUsageError,
        UnsafeCheckpointError,
        CheckpointMismatchError,
        DataFormatError,
    )
    if isinstance(exc, user_errors):
        return str(exc)
    checkpoint = _checkpoint_being_loaded(exc)
    if checkpoint is not None:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (
            f'checkpoint {checkpoint} cannot be loaded ({type(exc).__name__}: {reason}); '
            'is it a complete .pth file written by torch.save?'
        )
    if isinstance(exc, pickle.UnpicklingError):
        return f'cannot unpickle: {exc}'
    if isinstance(exc, KeyError) and exc.args and 'registry' in str(exc.args[0]):
        # mmengine's message for an unknown ``type``; drop its trailing docs link.
        return str(exc.args[0]).split(' More details')[0]
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        # mmblog's loaders raise KeyError('<file>: no array ...') for a missing key or field.
        if ': ' in exc.args[0]:
            return exc.args[0]
    if isinstance(exc, SyntaxError):
        config = _frame_local(exc, os.path.join('mmengine', 'config', 'config.py'), 'filename')
        if config is not None:
            return f'config {config} has a syntax error on line {exc.lineno}: {exc.msg}'
        if 'config' in str(exc):
            return str(exc)
    if isinstance(exc, TypeError) and '__init__()' in str(exc):
        return f'bad config value: {exc}'
    if isinstance(
        exc, (ValueError, FileExistsError, NotADirectoryError, IsADirectoryError, PermissionError)
    ):
        return str(exc)
    return None


def _one_line(message: str) -> str:
    return ' '.join(part.strip() for part in message.splitlines() if part.strip())


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
        print(f'{tool}: error: {_one_line(message)}', file=sys.stderr)
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
