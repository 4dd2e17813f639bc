"""A rule-based scene-graph parser for captions: objects, attributes and relations.

ERNIE-ViL parses captions with SPICE's parser (Stanford CoreNLP dependencies plus rules), which
was never released with the model. This parser needs no tagger: it knows a lexicon of relation
phrases (prepositions and common verbs), determiners and copulas, and reads a caption as noun
phrases separated by relation phrases::

    "a small red circle left of a blue square"
     -> objects    [circle, square]
        attributes [(circle, small), (circle, red), (square, blue)]
        relations  [(circle, left of, square)]

Rules: a noun phrase is a run of words between relation phrases, ``and``, commas or copulas;
its last word is the object and the words before it (without determiners and numbers) are its
attributes. A relation phrase links the nearest noun phrase before it to the one after it,
except right after ``and`` (``"a man holding a cup and wearing a hat"``), where the clause's
first noun phrase is the subject. ``X is/are Y`` with a determiner-free ``Y`` makes Y's words
attributes of X (``"the circle is red"``).

Limits (documented, measured on ``tests/fixtures/scene_graph_captions.jsonl``): compound nouns
come out as an attribute plus a noun (``"tennis racket"`` -> racket with attribute tennis);
``of``-phrases other than the known relations (``"a cup of coffee"``) read as a relation;
plural and singular forms are not merged; relative clauses, negation and counting are not
understood; a relation verb missing from the lexicon joins the noun phrase around it.
"""

import re
from dataclasses import dataclass, field

DETERMINERS = frozenset(
    'a an the this that these those some one two three four five several many his her its '
    'their our my your another each every'.split()
)
COPULAS = frozenset('is are was were be being been'.split())
# Relation phrases, matched longest first. Verbs optionally carry their particle.
RELATION_PHRASES = tuple(
    sorted(
        {
            *'to the left of|to the right of|on the left of|on the right of|on top of|in front of'
            '|next to|close to|left of|right of|on|in|at|by|near|above|below|under|beneath|over'
            '|behind|beside|inside|outside|with|without|against|along|across|around|through'
            '|between|into|onto|underneath|among|from|toward|towards|of'.split('|'),
            *'holding|wearing|riding|eating|carrying|sitting on|sitting in|standing on|standing in'
            '|standing next to|lying on|lying in|looking at|playing with|walking on|walking in'
            '|walking with|flying over|flying in|hanging on|hanging from|parked on|parked in'
            '|covered in|covered with|filled with|made of|using|watching|throwing|catching'
            '|pulling|pushing|hitting|kicking|drinking|reading|touching|has|have|with'.split('|'),
        },
        key=lambda p: -len(p.split()),
    )
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class SceneGraphParseError(ValueError):
    """A caption with no noun phrase (empty, punctuation only, only relation words)."""


@dataclass
class SceneGraph:
    """A parsed caption. Word indices refer to :attr:`words` (the caption's tokens).

    Attributes:
        words: Lower-cased words of the caption, punctuation removed.
        objects: Object names (the head noun of each noun phrase).
        object_words: Word index of each object.
        attributes: ``(object index, attribute)`` pairs.
        attribute_words: Word index of each attribute.
        relations: ``(subject index, relation, object index)`` triples.
        relation_words: Word indices of each relation phrase.
    """

    words: list[str]
    objects: list[str] = field(default_factory=list)
    object_words: list[int] = field(default_factory=list)
    attributes: list[tuple[int, str]] = field(default_factory=list)
    attribute_words: list[int] = field(default_factory=list)
    relations: list[tuple[int, str, int]] = field(default_factory=list)
    relation_words: list[list[int]] = field(default_factory=list)

    def as_tuples(self) -> dict[str, set]:
        """Objects, (object, attribute) and (subject, relation, object) as name tuples."""
        obj = self.objects
        return dict(
            objects={(o,) for o in obj},
            attributes={(obj[i], a) for i, a in self.attributes},
            relations={(obj[s], r, obj[o]) for s, r, o in self.relations},
        )


class SceneGraphParser:
    """Parse captions into :class:`SceneGraph` with the rules of this module's docstring.

    Args:
        extra_relations: More relation phrases (e.g. a dataset's verbs).

    Examples:
        >>> g = SceneGraphParser()('a small red circle left of a blue square')
        >>> g.objects, g.attributes, g.relations
        (['circle', 'square'], [(0, 'small'), (0, 'red'), (1, 'blue')], [(0, 'left of', 1)])
    """

    def __init__(self, extra_relations: tuple[str, ...] | list[str] = ()):
        phrases = set(RELATION_PHRASES) | {p.lower() for p in extra_relations}
        self.relations = sorted((tuple(p.split()) for p in phrases), key=lambda p: -len(p))

    @staticmethod
    def words(caption: str) -> list[str]:
        """Lower-cased words without punctuation (the parser's and the tokenizer's units)."""
        return _WORD.findall(caption.lower())

    def _relation_at(self, words: list[str], i: int) -> tuple[str, ...] | None:
        for p in self.relations:
            if tuple(words[i : i + len(p)]) == p:
                return p
        return None

    def __call__(self, caption: str) -> SceneGraph:
        if not isinstance(caption, str):
            raise SceneGraphParseError(f'caption must be a string, got {type(caption).__name__}')
        words = self.words(caption)
        graph = SceneGraph(words)
        # Split into chunks: ('np', [idx...]) / ('rel', [idx...]) / ('and',) / ('cop',).
        chunks: list[tuple] = []
        np_run: list[int] = []

        def close_np():
            if np_run:
                chunks.append(('np', list(np_run)))
                np_run.clear()

        i = 0
        text = caption.lower()
        commas = [m.start() for m in re.finditer(',', text)]
        starts = [m.start() for m in _WORD.finditer(text)]
        while i < len(words):
            if i > 0 and any(starts[i - 1] < c < starts[i] for c in commas):
                close_np()
                chunks.append(('and',))
            w = words[i]
            rel = self._relation_at(words, i)
            if rel is not None:
                close_np()
                chunks.append(('rel', list(range(i, i + len(rel)))))
                i += len(rel)
                continue
            if w == 'and':
                close_np()
                chunks.append(('and',))
            elif w in COPULAS:
                close_np()
                chunks.append(('cop',))
            else:
                np_run.append(i)
            i += 1
        close_np()
        if not any(c[0] == 'np' for c in chunks):
            raise SceneGraphParseError(
                f'cannot parse caption {caption!r}: no noun phrase (object) found'
            )
        self._build(graph, chunks)
        return graph

    def _add_np(self, graph: SceneGraph, idx: list[int], determined: list[bool]) -> int | None:
        words = graph.words
        content = [i for i in idx if words[i] not in DETERMINERS and not words[i].isdigit()]
        determined.append(len(content) < len(idx))
        if not content:
            return None
        graph.objects.append(words[content[-1]])
        graph.object_words.append(content[-1])
        o = len(graph.objects) - 1
        for i in content[:-1]:
            graph.attributes.append((o, words[i]))
            graph.attribute_words.append(i)
        return o

    def _build(self, graph: SceneGraph, chunks: list[tuple]) -> None:
        clause_subject = prev = None
        pending_rel: list[int] | None = None
        after_and = after_cop = False
        for chunk in chunks:
            kind = chunk[0]
            if kind == 'np':
                idx = chunk[1]
                has_det = graph.words[idx[0]] in DETERMINERS
                if after_cop and not has_det and prev is not None and pending_rel is None:
                    # "the circle is red": predicate adjectives describe the subject
                    for i in idx:
                        graph.attributes.append((prev, graph.words[i]))
                        graph.attribute_words.append(i)
                    after_cop = False
                    continue
                o = self._add_np(graph, idx, [])
                if o is None:
                    continue
                if pending_rel is not None and pending_rel[0] is not None:
                    subj, rel_idx = pending_rel
                    rel = ' '.join(graph.words[i] for i in rel_idx)
                    graph.relations.append((subj, rel, o))
                    graph.relation_words.append(rel_idx)
                pending_rel = None
                if clause_subject is None:
                    clause_subject = o
                prev = o
                after_and = after_cop = False
            elif kind == 'rel':
                subj = clause_subject if after_and else prev
                pending_rel = (subj, chunk[1])
                after_and = False
            elif kind == 'and':
                after_and = True
                pending_rel = None
            else:  # copula: "X is on Y" keeps X as the subject of the next relation
                after_cop = True
