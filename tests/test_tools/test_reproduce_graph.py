"""reproduce_graph.py's option parsing."""

import importlib.util

from tests.conftest import REPO_ROOT


def _tool():
    path = REPO_ROOT / 'tools' / 'analysis_tools' / 'reproduce_graph.py'
    spec = importlib.util.spec_from_file_location('reproduce_graph', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cfg_options_are_python_literals_or_plain_strings():
    # JSON parsing once turned `precompute=False` into the truthy string 'False'.
    options = _tool().parse_cfg_options(
        ['a.b=False', 'c=[64, 64]', "d='vanilla'", 'e=vanilla', 'f=1e-4', 'g=None', 'h=x=y']
    )
    assert options == {
        'a.b': False,
        'c': [64, 64],
        'd': 'vanilla',
        'e': 'vanilla',
        'f': 1e-4,
        'g': None,
        'h': 'x=y',
    }
