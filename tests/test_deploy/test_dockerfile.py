"""docker/Dockerfile: hadolint-clean, COPYs what exists, leaves data out, torch matches the pin."""

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

DOCKERFILE = REPO_ROOT / 'docker' / 'Dockerfile'


def hadolint() -> str:
    found = Path(sys.executable).parent / 'hadolint'
    return str(found) if found.exists() else shutil.which('hadolint') or 'hadolint'


def instructions(name: str) -> list[list[str]]:
    lines = DOCKERFILE.read_text().replace('\\\n', ' ').splitlines()
    return [ln.split()[1:] for ln in lines if ln.split()[:1] == [name]]


def ignore_patterns() -> list[str]:
    lines = (REPO_ROOT / '.dockerignore').read_text().splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith('#')]


def ignored(path: str) -> bool:
    parts = Path(path).parts
    for pattern in ignore_patterns():
        pattern = pattern.removeprefix('**/')
        if any(fnmatch.fnmatch(p, pattern) for p in parts) or fnmatch.fnmatch(path, pattern):
            return True
    return False


def test_hadolint_passes():
    proc = subprocess.run([hadolint(), str(DOCKERFILE)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hadolint_would_catch_a_defect(tmp_path):
    # The linter really runs: an unpinned pip install without --no-cache-dir is flagged.
    bad = tmp_path / 'Dockerfile'
    bad.write_text('FROM python:3.11-slim\nRUN pip install requests\n')
    proc = subprocess.run([hadolint(), str(bad)], capture_output=True, text=True)
    assert proc.returncode != 0 and 'DL3013' in proc.stdout


def test_copy_sources_are_tracked_and_not_ignored():
    tracked = subprocess.run(
        ['git', 'ls-files'], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    copies = instructions('COPY')
    assert copies, 'the checkout must be COPYd into the image'
    for args in copies:
        for src in args[:-1]:
            assert any(f == src or f.startswith(src + '/') for f in tracked), src
            assert not ignored(src), f'{src} is COPYd but .dockerignore excludes it'
    assert not instructions('ADD')
    assert not any('git clone' in ' '.join(a) for a in instructions('RUN'))


def test_dockerignore_keeps_data_work_dirs_and_venv_out():
    for path in ('data/coco/annotations.json', 'work_dirs/x/epoch_1.pth', '.venv/bin/python'):
        assert ignored(path), path
    assert ignored('mmblog/__pycache__/x.pyc') and ignored('.git')
    volumes = ' '.join(' '.join(a) for a in instructions('VOLUME'))
    assert '/mmblog/data' in volumes and '/mmblog/work_dirs' in volumes
    assert instructions('WORKDIR') == [['/mmblog']]


def test_base_image_torch_matches_the_pin():
    (base,) = instructions('FROM')
    match = re.fullmatch(r'pytorch/pytorch:([\d.]+)-cuda([\d.]+)-cudnn\d+-runtime', base[0])
    assert match, base
    pins = (REPO_ROOT / 'requirements' / 'runtime.txt').read_text()
    assert re.search(r'^torch==([\d.]+)$', pins, re.M).group(1) == match.group(1)
    import torch

    # The pinned wheel's CUDA build (what the registry ships) is the image's CUDA.
    if torch.version.cuda:
        assert torch.version.cuda == match.group(2)
