"""The HGT tools give one-line errors (exit 2) on missing data and bad arguments."""

import subprocess
import sys

from tests.conftest import REPO_ROOT, tool_env


def _run(*args):
    return subprocess.run(
        [sys.executable, *args], cwd=REPO_ROOT, env=tool_env(), capture_output=True, text=True
    )


def test_reproduce_hgt_missing_data_and_unknown_model_are_one_line(tmp_path):
    proc = _run('tools/analysis_tools/reproduce_hgt.py', '--data-root', str(tmp_path / 'none'))
    assert proc.returncode == 2 and proc.stderr.strip().count('\n') == 0, proc.stderr
    assert 'author_label.txt' in proc.stderr
    proc = _run(
        'tools/analysis_tools/reproduce_hgt.py',
        '--suite',
        'ogbn_mag_demo',
        '--data-root',
        str(tmp_path),
        '--models',
        'gcn',
    )
    assert proc.returncode == 2 and proc.stderr.strip().count('\n') == 0, proc.stderr
    assert 'not in suite' in proc.stderr
