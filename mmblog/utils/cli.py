"""Turn the errors a user can fix into one clear line instead of a deep traceback."""

import os
import sys
from collections.abc import Callable

from .config_utils import CfgOptionsError
from .data_check import DataFormatError, MissingDataError

DEBUG_ENV = 'MMBLOG_DEBUG'


class ToolUsageError(ValueError):
    """A command-line option that cannot work as given (the message says why)."""


def _user_error_message(exc: BaseException) -> str | None:
    """The one-line message for an error the user can fix, or None for a real bug."""
    if isinstance(
        exc, (CfgOptionsError, MissingDataError, FileNotFoundError, ToolUsageError, DataFormatError)
    ):
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
