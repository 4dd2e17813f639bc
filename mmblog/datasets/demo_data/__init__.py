"""Moved to :mod:`mmblog.testing.demo_data`; this name stays so older imports keep working."""

from mmblog.testing.demo_data import *  # noqa: F401,F403
from mmblog.testing.demo_data import DEMO_GENERATORS, __getattr__  # noqa: F401
