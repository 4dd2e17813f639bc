"""Where every registered class lives, and whether its file is named after it (spec 08, rule 1).

A class ``FooBar`` belongs in ``foo_bar.py`` (datasets and metrics may drop the ``Dataset`` /
``Metric`` suffix from the file name: ``CocoDataset`` in ``coco.py``). Several classes may share
a file only when the file is named for what they share (``margin_losses.py``): two or more
registered classes, none of which the file is named after.
"""

import inspect
import os.path as osp
from dataclasses import dataclass

from mmengine.registry import Registry

# Files other branches are restructuring (the generative family is moved by its own branch).
OWNED_ELSEWHERE: tuple[str, ...] = ()
_FILE_SUFFIXES = ('', 'dataset', 'metric', 'detector')
# Files spec 08 names itself.
SPEC_NAMED = {
    'mmblog/models/layers/norm.py': 'spec 08: layers/norm.py (LRN) with the norm builder',
    'mmblog/models/layers/transformer/attention.py': 'spec 08: transformer/attention.py',
    'mmblog/models/layers/transformer/embeddings.py': 'spec 08: transformer/embeddings.py',
    'mmblog/models/graph/gft.py': 'spec 08: graph/gft.py (Graph Fourier Transform)',
}


@dataclass
class Placement:
    """One registered class: its registry, name, file (relative to the repo) and verdict."""

    registry: str
    name: str
    file: str
    status: str  # 'named' | 'group' | 'VIOLATION'


def _norm(text: str) -> str:
    return text.replace('_', '').replace('-', '').lower()


def _registries() -> dict[str, Registry]:
    import mmblog.registry as reg

    return {n: r for n, r in vars(reg).items() if isinstance(r, Registry) and n.isupper()}


def _named_after(cls_name: str, stem: str) -> bool:
    return any(_norm(stem) + suffix == _norm(cls_name) for suffix in _FILE_SUFFIXES)


def classify(entries: list[tuple[str, str, str]]) -> list[Placement]:
    """``(registry, class name, file)`` triples -> placements with a verdict each."""
    by_file: dict[str, set[str]] = {}
    for _, name, file in entries:
        by_file.setdefault(file, set()).add(name)
    out = []
    for registry, name, file in entries:
        stem = osp.splitext(osp.basename(file))[0]
        mates = by_file[file]
        if (_named_after(name, stem) and len(mates) == 1) or file in SPEC_NAMED:
            status = 'named'
        elif len(mates) > 1 and not any(_named_after(m, stem) for m in mates):
            status = 'group'
        else:
            status = 'VIOLATION'
        out.append(Placement(registry, name, file, status))
    return sorted(out, key=lambda p: (p.file, p.name))


def registered_classes(root: str) -> list[Placement]:
    """Every class in mmblog's registries (after importing all of mmblog), with its verdict."""
    from .setup_env import register_all_modules

    register_all_modules(init_default_scope=False)
    entries = []
    for reg_name, registry in _registries().items():
        for name, obj in registry.module_dict.items():
            if not inspect.isclass(obj) or not obj.__module__.startswith('mmblog'):
                continue
            file = osp.relpath(inspect.getsourcefile(obj), root)
            entries.append((reg_name, name, file))
    return classify(entries)


def violations(placements: list[Placement], skip: tuple = OWNED_ELSEWHERE) -> list[Placement]:
    """The placements that break the rule, leaving out files owned by other branches."""
    return [p for p in placements if p.status == 'VIOLATION' and not p.file.startswith(skip)]
