"""A generated English-like corpus in BERT's pre-training text format, plus its vocab.txt.

The format is the one BERT's ``create_pretraining_data.py`` reads (and WikiText/BookCorpus
dumps are turned into): UTF-8, one sentence a line, a blank line between documents. The
sentences follow fixed facts and sequences (animal sounds, object colours, counting, months,
subject-verb pairings), so a masked word is predictable from its context while the most
frequent word is a poor guess: what a masked-LM must learn.
"""

import os

import numpy as np

NUMBERS = (
    'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen '
    'sixteen seventeen eighteen nineteen twenty'
).split()
MONTHS = (
    'january february march april may june july august september october november december'
).split()
ANIMAL_SOUNDS = dict(
    cow='moos', dog='barks', cat='meows', duck='quacks', lion='roars', sheep='bleats',
    horse='neighs', owl='hoots', snake='hisses', bee='buzzes', frog='croaks', wolf='howls',
    pig='oinks', mouse='squeaks', crow='caws', goose='honks',
)  # fmt: skip
OBJECT_COLOURS = dict(
    sky='blue', grass='green', snow='white', coal='black', blood='red', sun='yellow',
    orange='orange', plum='purple', chocolate='brown', flamingo='pink', ash='grey',
    lemon='yellow', leaf='green', ocean='blue', milk='white', cherry='red',
)  # fmt: skip
PEOPLE_TOOLS = dict(
    baker='bread', farmer='corn', writer='books', painter='pictures', builder='houses',
    tailor='coats', potter='bowls', smith='swords', brewer='beer', weaver='cloth',
)  # fmt: skip
ADJECTIVES = 'old young small big happy quiet busy clever'.split()


def _sentence(rng: np.random.Generator) -> str:
    kind = rng.integers(5)
    if kind == 0:
        animal = rng.choice(list(ANIMAL_SOUNDS))
        return f'the {rng.choice(ADJECTIVES)} {animal} {ANIMAL_SOUNDS[animal]} at night'
    if kind == 1:
        obj = rng.choice(list(OBJECT_COLOURS))
        return f'the colour of the {obj} is {OBJECT_COLOURS[obj]}'
    if kind == 2:
        start = rng.integers(len(NUMBERS) - 5)
        return 'we count ' + ' '.join(NUMBERS[start : start + int(rng.integers(4, 6))])
    if kind == 3:
        start = rng.integers(len(MONTHS))
        months = [MONTHS[(start + i) % 12] for i in range(int(rng.integers(3, 5)))]
        return 'after ' + ' then '.join(months) + ' comes ' + MONTHS[(start + len(months)) % 12]
    person = rng.choice(list(PEOPLE_TOOLS))
    return f'a {rng.choice(ADJECTIVES)} {person} makes {PEOPLE_TOOLS[person]} every day'


def write_corpus(path: str, num_docs: int, rng: np.random.Generator) -> int:
    """Write ``num_docs`` documents of 3-6 sentences; return the number of sentences."""
    lines = []
    for _ in range(num_docs):
        lines += [_sentence(rng) for _ in range(int(rng.integers(3, 7)))]
        lines.append('')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    return sum(1 for line in lines if line)


def make_text_corpus_demo(out_dir: str, seed: int = 0, train_docs: int = 800) -> dict:
    """Write ``text_corpus/{train,val}.txt`` and a WordPiece ``vocab.txt`` trained on train.

    Returns:
        Sentences per split and the vocabulary size.
    """
    from mmblog.datasets.tokenizers import WordPieceTokenizer

    folder = os.path.join(out_dir, 'text_corpus')
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    counts = {
        'train': write_corpus(os.path.join(folder, 'train.txt'), train_docs, rng),
        'val': write_corpus(os.path.join(folder, 'val.txt'), max(1, train_docs // 8), rng),
    }
    counts['vocab'] = WordPieceTokenizer.train(
        [os.path.join(folder, 'train.txt')],
        vocab_size=400,
        out_file=os.path.join(folder, 'vocab.txt'),
        min_frequency=1,
    )
    return counts
