"""Install mmblog: ``pip install -e .`` reads its requirements from ``requirements/``."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent


def read_requirements(name: str) -> list[str]:
    """Requirement lines of ``requirements/<name>.txt`` without comments."""
    lines = (HERE / 'requirements' / f'{name}.txt').read_text().splitlines()
    return [ln.split('#')[0].strip() for ln in lines if ln.split('#')[0].strip()]


def read_version() -> str:
    scope: dict = {}
    exec((HERE / 'mmblog' / 'version.py').read_text(), scope)
    return scope['__version__']


setup(
    name='mmblog',
    version=read_version(),
    description='OpenMMLab-style toolbox for the models a well-read ML blog explains',
    long_description=(HERE / 'README.md').read_text(encoding='utf-8'),
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('tests', 'configs', 'tools', 'demo')),
    python_requires='>=3.10',
    install_requires=read_requirements('runtime'),
    extras_require={
        'tests': read_requirements('tests'),
        'optional': read_requirements('optional'),
        'all': read_requirements('tests') + read_requirements('optional'),
    },
    license='Apache-2.0',
    zip_safe=False,
)
