"""The spaCy pipeline: ``spacy.blank("zh")`` (character tokens) plus rule components.

Components (in order):

- ``ob_entities``: gazetteer longest match over the raw text (one compiled regex, longest
  alternatives first), name-ending patterns (their left edges re-decided by a small learned
  model, ``edges.py``), people by title context and a learned person finder (``persons.py``),
  a learned last word on each organisation-like name's type (``retype.py``), MONEY/QUANTITY with
  normalised values; sets ``doc.ents`` and ``span._.linked_id``/``value``/``unit``.
- ``ob_relations``: trigger patterns within sentences (``relations.py``); sets
  ``doc._.relations``.

Runs fully offline; no database access.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from oceanbrain.nlp.edges import EdgeModel
from oceanbrain.nlp.gazetteer import Gazetteer
from oceanbrain.nlp.patterns import GazetteerMatcher, find_entities
from oceanbrain.nlp.persons import PersonModel
from oceanbrain.nlp.relations import find_relations
from oceanbrain.nlp.retype import TypeModel

ENTITY_TYPES = (
    "FIRM",
    "INSTITUTE",
    "GOV",
    "PARK",
    "PERSON",
    "PROJECT",
    "PRODUCT",
    "MONEY",
    "QUANTITY",
)
_MIN_ALIAS_LEN = 2

for _attr in ("linked_id", "value", "unit"):
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)
if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


class CharTokenizer:
    """One token per character, whitespace included, so token offsets are the raw text's.

    The same segmentation as ``spacy.blank("zh")``'s "char" segmenter, without its
    whitespace bookkeeping: ``doc.text`` is the input string exactly.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))


class EntityComponent:
    """Sets doc.ents from the rule candidates; offsets are the raw text's."""

    def __init__(
        self,
        gazetteer: Gazetteer | None,
        edges: EdgeModel | None = None,
        persons: PersonModel | None = None,
        types: TypeModel | None = None,
    ) -> None:
        lookup = gazetteer.lookup() if gazetteer else {}
        self.lookup = {f: v for f, v in lookup.items() if v[0] in ENTITY_TYPES}
        self.matcher = GazetteerMatcher(self.lookup, _MIN_ALIAS_LEN) if self.lookup else None
        self.edges = edges.with_names(self.lookup) if edges is not None else None
        self.persons = persons
        self.types = types.with_names(self.lookup) if types is not None else None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        ents = []
        one_char_tokens = len(doc) == len(doc.text)
        for c in find_entities(doc.text, self.matcher, self.edges, self.persons, self.types):
            span: Span | None
            if one_char_tokens:  # CharTokenizer: token i is character i
                span = Span(doc, c.start, c.end, label=c.type)
            else:
                span = doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
            if span is None:
                continue
            linked = c.linked_id
            if linked is None and span.text in self.lookup:
                etype, lid = self.lookup[span.text]
                linked = lid if etype == c.type else None
            if linked is not None:
                span._.linked_id = linked
            if c.value is not None:
                span._.value = c.value
                span._.unit = c.unit
            spans.append(span)
            ents.append(_Ent(span.start_char, span.end_char, c.type))
        filtered = spacy.util.filter_spans(spans)
        doc.ents = filtered
        # plain (start, end, label) records for the relation component, in doc.ents order
        doc.user_data["ob_ents"] = ents if len(filtered) == len(spans) else None
        return doc


class _Ent(NamedTuple):
    start_char: int
    end_char: int
    label_: str


class RelationComponent:
    def __call__(self, doc: Doc) -> Doc:
        ents = doc.user_data.get("ob_ents")
        doc._.relations = find_relations(doc.text, ents if ents is not None else list(doc.ents))
        return doc


@Language.factory("ob_entities", default_config={})
def _make_entities(nlp: Language, name: str) -> EntityComponent:
    return EntityComponent(None)


@Language.factory("ob_relations", default_config={})
def _make_relations(nlp: Language, name: str) -> RelationComponent:
    return RelationComponent()


def build_pipeline(
    gazetteer: Gazetteer | None = None,
    *,
    edges: EdgeModel | bool = True,
    persons: PersonModel | bool | None = None,
    types: TypeModel | bool | None = None,
) -> Language:
    """A blank Chinese pipeline (char segmenter) with the entity and relation components.

    ``edges``: True uses the shipped learned edge model (``edges.py``), False the rules alone,
    an ``EdgeModel`` that model. ``persons`` and ``types`` likewise for the person model
    (``persons.py``) and the type model (``retype.py``); by default they follow ``edges``: all
    learned models, or the rules alone. With a custom ``EdgeModel`` the defaults are the
    *shipped* person and type models, which were trained after the shipped edge model on their
    own slices: pass them explicitly when evaluating.
    """
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    comp: Any = nlp.add_pipe("ob_entities")
    model = EdgeModel.load() if edges is True else (edges or None)
    persons = bool(edges) if persons is None else persons
    people = PersonModel.load() if persons is True else (persons or None)
    types = bool(edges) if types is None else types
    retyper = TypeModel.load() if types is True else (types or None)
    if gazetteer is not None or model is not None or people is not None or retyper is not None:
        fresh = EntityComponent(gazetteer, model, people, retyper)
        comp.lookup, comp.matcher = fresh.lookup, fresh.matcher
        comp.edges, comp.persons, comp.types = fresh.edges, fresh.persons, fresh.types
    nlp.add_pipe("ob_relations")
    return nlp
