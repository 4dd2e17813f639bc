"""Clear errors for data that is not where a config says it is."""

import os.path as osp


class MissingDataError(FileNotFoundError):
    """A dataset file or folder is missing; the message names it and the command that makes it."""


def require_path(path: str, how_to_make: str) -> str:
    """Return ``path`` if it exists, else raise :class:`MissingDataError`.

    Args:
        path: File or folder a dataset needs.
        how_to_make: The command (or instruction) that creates or converts that data.
    """
    if not osp.exists(path):
        raise MissingDataError(f'data not found: {path} -- create it with: {how_to_make}')
    return path


class DataFormatError(ValueError):
    """A data file that exists but is malformed; the message names the file, record and field."""
