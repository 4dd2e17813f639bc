"""A generated corpus on which each of ERNIE 2.0's seven pre-training tasks is learnable.

Files per split (``train``/``val``), in the formats the real sources come in:

* ``docs.txt``: cased text in BERT's pre-training layout (one sentence a line, a blank line
  between documents). Knowledge masking, capitalization, token-document relation, sentence
  reordering and sentence distance are all derived from it.
* ``discourse.tsv``: ``s1 <TAB> s2 <TAB> marker`` (the Discovery corpus' layout: a sentence
  pair whose connective was removed, and the connective).
* ``ir.tsv``: ``query <TAB> title <TAB> label`` (0 strongly relevant, 1 weakly, 2 irrelevant).
* ``phrases.txt`` (top level): the gazetteer of named entities and phrases, one a line; the
  knowledge masking task masks these whole.

What makes every task learnable (and no task solvable by a single-token shortcut):

* People have two-token names and a fixed home (a two-word phrase): a masked name follows from
  the home and vice versa (knowledge masking = knowledge facts).
* Names and sentence-initial words are capitalized (capitalization).
* A document is about one person and one topic; its sentences reuse three topic nouns, while
  a noise noun of another topic appears once (token-document relation needs the topic).
* A document's sentences follow a fixed chain of events (sentence reordering, distance).
* A discourse pair's marker is ``and`` when both sentences share a mood, ``but`` when they do
  not, ``then`` for two consecutive events (needs both sentences).
* An IR query is an event and a noun; the title is strongly relevant when it tells that event
  with that noun, weakly when only the noun matches, irrelevant when it is about another topic.
"""

import os

import numpy as np

NUM_TOPICS = 4
NOUNS_PER_TOPIC = 8
PEOPLE_PER_TOPIC = 6
EVENTS = ('wakes', 'eats', 'walks', 'works', 'reads', 'rests')
PREPS = ('near', 'by', 'at')
ADVERBS = ('then', 'later', 'soon')
POSITIVE = ('glad', 'calm', 'proud', 'cheerful')
NEGATIVE = ('sad', 'tired', 'angry', 'afraid')
MARKERS = ('and', 'but', 'then')
SPECIALS = ('[PAD]', '[CLS]', '[SEP]', '[MASK]', '[UNK]')
_CONS, _VOWS = 'bdfgklmnprstvz', 'aeiou'


def _words(rng: np.random.Generator, n: int, taken: set, syllables: int = 2) -> list[str]:
    out = []
    while len(out) < n:
        w = ''.join(rng.choice(list(_CONS)) + rng.choice(list(_VOWS)) for _ in range(syllables))
        if w not in taken:
            taken.add(w)
            out.append(w)
    return out


def make_world(seed: int = 0) -> dict:
    """Topics, topic nouns, people (first, last, topic, home phrase); fixed by ``seed``."""
    rng = np.random.default_rng(seed)
    taken = set(EVENTS + PREPS + ADVERBS + POSITIVE + NEGATIVE + MARKERS + ('the', 'feels'))
    nouns = [_words(rng, NOUNS_PER_TOPIC, taken) for _ in range(NUM_TOPICS)]
    people = []
    for t in range(NUM_TOPICS):
        for _ in range(PEOPLE_PER_TOPIC):
            first, last = _words(rng, 2, taken)
            home = ' '.join(_words(rng, 2, taken, syllables=3))
            people.append(dict(first=first.title(), last=last.title(), topic=t, home=home))
    return dict(nouns=nouns, people=people)


def _event_sentence(rng, world, person, event: int, nouns: list[str], noise: bool) -> str:
    noun = rng.choice(nouns)
    if noise:  # a noun of another topic, used once in the document
        other = (person['topic'] + 1 + int(rng.integers(NUM_TOPICS - 1))) % NUM_TOPICS
        noun = rng.choice(world['nouns'][other])
    words = [f'{person["first"]} {person["last"]} {EVENTS[event]} the {noun}']
    if rng.random() < 0.6:
        words.append(f'{rng.choice(PREPS)} {person["home"]}')
    text = ' '.join(words) + ' .'
    if rng.random() < 0.3:
        text = f'{rng.choice(ADVERBS).title()} {text}'
    return text


def _document(rng, world) -> tuple[list[str], dict]:
    person = world['people'][int(rng.integers(len(world['people'])))]
    doc_nouns = list(rng.choice(world['nouns'][person['topic']], 3, replace=False))
    n = int(rng.integers(3, 6))
    start = int(rng.integers(len(EVENTS) - n + 1))
    noise_at = int(rng.integers(n))
    sents = [
        _event_sentence(rng, world, person, start + i, doc_nouns, noise=i == noise_at)
        for i in range(n)
    ]
    return sents, person


def _mood_sentence(rng, person, positive: bool) -> str:
    adj = rng.choice(POSITIVE if positive else NEGATIVE)
    return f'{person["first"]} {person["last"]} feels {adj} .'


def _discourse_pair(rng, world) -> tuple[str, str, str]:
    person = world['people'][int(rng.integers(len(world['people'])))]
    marker = MARKERS[int(rng.integers(3))]
    if marker == 'then':
        e = int(rng.integers(len(EVENTS) - 1))
        nouns = list(world['nouns'][person['topic']])
        a = _event_sentence(rng, world, person, e, nouns, noise=False)
        b = _event_sentence(rng, world, person, e + 1, nouns, noise=False)
        return a, b, marker
    pa = bool(rng.integers(2))
    pb = pa if marker == 'and' else not pa
    return _mood_sentence(rng, person, pa), _mood_sentence(rng, person, pb), marker


def _ir_pair(rng, world) -> tuple[str, str, int]:
    people = world['people']
    event = int(rng.integers(len(EVENTS)))
    topic = int(rng.integers(NUM_TOPICS))
    noun = rng.choice(world['nouns'][topic])
    query = f'{EVENTS[event]} {noun}'
    label = int(rng.integers(3))
    if label == 2:  # another topic
        topic = (topic + 1 + int(rng.integers(NUM_TOPICS - 1))) % NUM_TOPICS
        noun = rng.choice(world['nouns'][topic])
    elif label == 1:  # the noun, another event
        event = (event + 1 + int(rng.integers(len(EVENTS) - 1))) % len(EVENTS)
    pool = [p for p in people if p['topic'] == topic]
    person = pool[int(rng.integers(len(pool)))]
    title = _event_sentence(rng, world, person, event, [noun], False)
    return query, title, label


def make_ernie2_corpus_demo(
    out_dir: str = 'data/demo',
    seed: int = 0,
    num_docs: dict | None = None,
    num_pairs: dict | None = None,
) -> dict:
    """Write the corpus under ``out_dir/ernie2_corpus`` (module docstring); returns a summary."""
    out_dir = os.path.join(out_dir, 'ernie2_corpus')
    num_docs = num_docs or dict(train=1500, val=200)
    num_pairs = num_pairs or dict(train=3000, val=300)
    world = make_world(seed)
    rng = np.random.default_rng(seed + 1)
    os.makedirs(out_dir, exist_ok=True)
    phrases = [f'{p["first"]} {p["last"]}' for p in world['people']]
    phrases += [p['home'] for p in world['people']]
    with open(os.path.join(out_dir, 'phrases.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(phrases) + '\n')
    summary = dict(phrases=len(phrases))
    for split in ('train', 'val'):
        folder = os.path.join(out_dir, split)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'docs.txt'), 'w', encoding='utf-8') as f:
            for _ in range(num_docs[split]):
                sents, _ = _document(rng, world)
                f.write('\n'.join(sents) + '\n\n')
        with open(os.path.join(folder, 'discourse.tsv'), 'w', encoding='utf-8') as f:
            for _ in range(num_pairs[split]):
                f.write('\t'.join(_discourse_pair(rng, world)) + '\n')
        with open(os.path.join(folder, 'ir.tsv'), 'w', encoding='utf-8') as f:
            for _ in range(num_pairs[split]):
                q, t, label = _ir_pair(rng, world)
                f.write(f'{q}\t{t}\t{label}\n')
        summary[split] = dict(docs=num_docs[split], pairs=num_pairs[split])
    words = set()
    for split in ('train', 'val'):
        for name in ('docs.txt', 'discourse.tsv', 'ir.tsv'):
            with open(os.path.join(out_dir, split, name), encoding='utf-8') as f:
                words.update(w for w in f.read().lower().split() if not w.isdigit())
    vocab = list(SPECIALS) + sorted(words)
    with open(os.path.join(out_dir, 'vocab.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(vocab) + '\n')
    summary['vocab'] = len(vocab)
    return summary
