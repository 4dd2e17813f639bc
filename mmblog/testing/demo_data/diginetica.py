"""Generated DIGINETICA-format click log with planted themed Markov sessions."""

import os
import os.path as osp

import numpy as np


def write_diginetica_clicks(
    path: str,
    seed: int = 0,
    num_sessions: int = 5000,
    num_themes: int = 20,
    items_per_theme: int = 20,
    num_hubs: int = 60,
    num_days: int = 60,
    hub_prob: float = 0.5,
    hub_fanout: int = 8,
    noise: float = 0.05,
) -> int:
    """Write ``train-item-views.csv`` (``session_id;user_id;item_id;timeframe;eventdate``).

    Every session follows one theme's Markov chain. A theme owns ``items_per_theme`` items; the
    ``num_hubs`` hub items are shared by all themes. From an own item the next click is, with
    ``hub_prob``, one of the item's 2 hubs, else one of its 2 own successors; from a hub it is
    one of ``hub_fanout`` own items of the *session's* theme (which ones depends on the hub
    and the theme). So
    the last item alone leaves the next click after a hub ambiguous over every theme (what a
    last-item Markov ranking sees), while the earlier items of the session tell the theme (what
    a session model can use). ``noise`` of the clicks are uniformly random items.

    Rows within a session are shuffled (converters must order them by ``timeframe``); session
    dates are spread over ``num_days`` days and are not in session-id order.

    Returns:
        The number of rows written.
    """
    rng = np.random.default_rng(seed)
    num_own = num_themes * items_per_theme
    num_items = num_own + num_hubs
    ids = rng.choice(np.arange(10000, 10000 + 50 * num_items), num_items, replace=False)
    own = np.arange(num_own).reshape(num_themes, items_per_theme)
    hubs = np.arange(num_own, num_items)
    own_next = np.stack([rng.choice(row, (items_per_theme, 2)) for row in own])  # (T, I, 2)
    own_hub = rng.choice(hubs, (num_themes, items_per_theme, 2))
    hub_next = np.stack([rng.choice(row, (num_hubs, hub_fanout)) for row in own])  # (T, H, F)
    day0 = np.datetime64('2016-01-01')
    rows = []
    for sid in rng.permutation(num_sessions) + 1:
        t = rng.integers(num_themes)
        length = int(rng.integers(3, 11))
        cur = own[t, rng.integers(items_per_theme)]
        seq = [cur]
        for _ in range(length - 1):
            if rng.random() < noise:
                cur = rng.integers(num_items)
            elif cur >= num_own:
                cur = hub_next[t, cur - num_own, rng.integers(hub_fanout)]
            else:
                local = np.nonzero(own[t] == cur)[0]
                if local.size == 0:  # after a noise click into another theme: restart in t
                    cur = own[t, rng.integers(items_per_theme)]
                elif rng.random() < hub_prob:
                    cur = own_hub[t, local[0], rng.integers(2)]
                else:
                    cur = own_next[t, local[0], rng.integers(2)]
            seq.append(cur)
        frames = np.cumsum(rng.integers(5000, 90000, size=len(seq)))
        day = str(day0 + int(rng.integers(num_days)))
        order = rng.permutation(len(seq))
        rows.extend(f'{sid};NA;{ids[seq[k]]};{frames[k]};{day}' for k in order)
    os.makedirs(osp.dirname(path) or '.', exist_ok=True)
    with open(path, 'w') as f:
        f.write('session_id;user_id;item_id;timeframe;eventdate\n')
        f.write('\n'.join(rows) + '\n')
    return len(rows)


def make_diginetica_demo(out_dir: str, seed: int = 0) -> str:
    """``<out_dir>/diginetica/train-item-views.csv`` and its conversion (``train.txt``,
    ``test.txt``, ``all_train_seq.txt``, ``stats.json``) next to it."""
    from mmblog.datasets.graph.session_clicks import convert_diginetica

    root = osp.join(out_dir, 'diginetica')
    src = osp.join(root, 'train-item-views.csv')
    n = write_diginetica_clicks(src, seed=seed)
    stats = convert_diginetica(src, root, progress=False)
    return (
        f'{n} clicks, {stats["train_pairs"]} train / {stats["test_pairs"]} test pairs, '
        f'{stats["items"]} items'
    )
