"""Merge a narration line with its neighbours until the clip is long enough (HowTo100M)."""

from collections.abc import Sequence


def merge_captions(
    starts: Sequence[float],
    ends: Sequence[float],
    words: Sequence[list[str]],
    index: int,
    min_time: float = 5.0,
    min_words: int = 0,
) -> tuple[int, int, list[str]]:
    """Grow caption ``index`` into a clip that lasts at least ``min_time`` seconds.

    As the HowTo100M reference: while the clip is too short (or has fewer than ``min_words``
    words), add the previous or the next caption, whichever gives the shorter clip (with
    ``min_time == 0``: whichever has fewer words; ties go to the previous caption), until both
    neighbours are used up.

    Args:
        starts / ends: Caption times in seconds.
        words: The words of each caption.
        index: The caption to grow.
        min_time: Shortest clip in seconds (the post: 5 s).
        min_words: Fewest words in the clip.

    Returns:
        (first caption, last caption, words of the merged clip in time order).
    """
    first = last = index
    n = len(starts)
    merged = list(words[index])
    while len(merged) < min_words or ends[last] - starts[first] < min_time:
        can_prev, can_next = first > 0, last < n - 1
        if can_prev and can_next:
            if min_time > 0:
                take_prev = ends[last] - starts[first - 1] <= ends[last + 1] - starts[first]
            else:
                take_prev = len(words[first - 1]) <= len(words[last + 1])
        elif can_prev or can_next:
            take_prev = can_prev
        else:
            break
        if take_prev:
            first -= 1
            merged = list(words[first]) + merged
        else:
            last += 1
            merged = merged + list(words[last])
    return first, last, merged
