"""Turn the errors a user can fix into one clear line instead of a deep traceback."""

import os
import pickle
import sys
from collections.abc import Callable

from .config_utils import CfgOptionsError
from .data_check import MissingDataError

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
    checkpoint = _checkpoint_being_loaded(exc)
    if checkpoint is not None:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (
            f'checkpoint {checkpoint} cannot be loaded ({type(exc).__name__}: {reason}); '
            'is it a complete .pth file written by torch.save?'
        )
    if isinstance(exc, pickle.UnpicklingError):
        return f'cannot unpickle: {exc}'
    if isinstance(exc, (CfgOptionsError, MissingDataError, FileNotFoundError, ToolUsageError)):
        return str(exc)
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
