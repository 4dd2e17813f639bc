"""Generated MovieLens-100K-format ratings with planted user and item groups."""

import os
import os.path as osp

import torch


def make_movielens_demo(
    out_dir: str,
    seed: int = 0,
    num_users: int = 150,
    num_items: int = 200,
    density: float = 0.12,
    num_groups: int = 3,
    id_offset: int = 0,
    folder: str = 'ml-100k',
) -> str:
    """Write ``ml-100k/{u.data,u1.base,u1.test}`` (tab-separated ``user item rating time``).

    A user's rating of an item is 3 + 1.6 * (same group ? +1 : -0.6) + small user/item biases +
    noise, rounded and clipped to 1..5: the group interaction is what a user+item bias model cannot
    capture, and what a model that reads the local rating graph can. ``id_offset`` shifts the user
    and item ids (a disjoint population for transfer tests).
    """
    g = torch.Generator().manual_seed(seed)
    ug = torch.randint(num_groups, (num_users,), generator=g)
    ig = torch.randint(num_groups, (num_items,), generator=g)
    ub = 0.3 * torch.randn(num_users, generator=g)
    ib = 0.3 * torch.randn(num_items, generator=g)
    mask = torch.rand(num_users, num_items, generator=g) < density
    u, i = mask.nonzero(as_tuple=True)
    affinity = torch.where(ug[u] == ig[i], 1.0, -0.6)
    r = 3 + 1.6 * affinity + ub[u] + ib[i] + 0.4 * torch.randn(len(u), generator=g)
    r = r.round().clamp(1, 5).long()
    perm = torch.randperm(len(u), generator=g)
    u, i, r = u[perm] + 1 + id_offset, i[perm] + 1 + id_offset, r[perm]
    t = 874724710 + torch.arange(len(u))
    root = osp.join(out_dir, folder)
    os.makedirs(root, exist_ok=True)
    lines = [
        f'{a}\t{b}\t{c}\t{d}\n'
        for a, b, c, d in zip(u.tolist(), i.tolist(), r.tolist(), t.tolist())
    ]
    n_test = len(lines) // 5
    for name, chunk in (
        ('u.data', lines),
        ('u1.base', lines[n_test:]),
        ('u1.test', lines[:n_test]),
    ):
        with open(osp.join(root, name), 'w') as f:
            f.writelines(chunk)
    return f'{len(lines)} ratings, {num_users} users, {num_items} items, {num_groups} groups'


def make_movielens_transfer_demo(out_dir: str, seed: int = 0) -> str:
    """Another population under the same planted rule -- other user and item ids, other groups
    and biases -- in ``ml-100k-transfer/``: a model trained on the ``movielens`` demo is tested
    here inductively (IGMC's transfer setting)."""
    return make_movielens_demo(out_dir, seed + 1, id_offset=10000, folder='ml-100k-transfer')
