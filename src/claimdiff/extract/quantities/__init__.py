"""Find the amounts a sentence mentions: value, range, qualifier, unit and counted object.

Three public functions:

- :func:`parse_number` turns the words of one number ("6,700", "3m", "half a million",
  "twenty-five", "$60 billion") into a float, or raises :class:`~claimdiff.errors.InputError`.
- :func:`parse_qualifier` normalises a surface qualifier ("more than", "some") to one of
  :data:`claimdiff.model.QUALIFIERS`.
- :func:`find_quantities` returns every :class:`~claimdiff.model.Quantity` in a text, with
  offsets, so that ``text[q.start - offset:q.end - offset] == q.text``.

The finder is lexical: a small tokenizer, a grammar of number words and scale words, and
tables of qualifiers, currencies and units.  Years, dates, times of day, ordinals, model
numbers (F-16, Lumia Q8), index names (S&P 500, FTSE 100), house numbers, postal codes,
ties ("1-1"), calibres (152mm), footnote marks ("[28]") and phone numbers are rejected; fractions ("two-thirds of",
"1/8 of a gallon", "one in three") and scientific notation ("3.42×10−12") are read.  When a spaCy
``Doc``/``Span`` is passed as ``tokens``, its part-of-speech tags pick the counted object;
without it a word-list heuristic does.
"""

from __future__ import annotations

import logging
from typing import Any

from claimdiff.model import Quantity

from .assemble import _find
from .concepts import _concepts, _gapped_clauses, _index_levels, _share_conversions, _signed_changes
from .lexicon import (
    CURRENCY_PREFIXES,
    MONTHS,
    QUALIFIER_FORMS,
    SCALE_WORDS,
    UNIT_FORMS,
)
from .measures import add_measures, measure_query
from .numbers import parse_number, parse_qualifier
from .objects import (
    _hyphen_compounds,
    _index_tokens,
    _link_conjunctions,
    _object_from_tokens,
    _object_from_words,
    _share_elided,
)
from .tokens import _tokenize
from .units import unit_name

__all__ = ["parse_number", "parse_qualifier", "find_quantities", "unit_name", "QUALIFIER_FORMS", "UNIT_FORMS",
           "CURRENCY_PREFIXES", "SCALE_WORDS", "MONTHS", "measure_query"]

logger = logging.getLogger(__name__)


def find_quantities(text: str, *, offset: int = 0, tokens: Any = None) -> list[Quantity]:
    """Return every amount mentioned in ``text``, sorted by start offset.

    Args:
        text: a sentence or passage.
        offset: added to every start/end, so a caller can pass a sentence and its offset
            in the article.
        tokens: optional spaCy ``Doc`` or ``Span`` whose text equals ``text``; its POS
            tags are used to find the counted object.

    Returns:
        ``Quantity`` objects; ``text[q.start - offset:q.end - offset] == q.text``.

    Example:
        >>> [q.value for q in find_quantities("about 6,700 containers or 3m shells")]
        [6700.0, 3000000.0]
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        found = _find(text)
    except (ValueError, IndexError, KeyError, OverflowError) as exc:  # defensive: never raise
        logger.warning("quantity finder failed on %r: %s", text[:80], exc)
        return []
    spacy_tokens = _index_tokens(tokens, text)
    toks = _tokenize(text)
    for item in found:
        try:
            if spacy_tokens is not None:
                _object_from_tokens(text, item, spacy_tokens)
            else:
                _object_from_words(text, item, toks)
        except (ValueError, IndexError, AttributeError) as exc:  # pragma: no cover - defensive
            logger.debug("object lookup failed: %s", exc)
    if spacy_tokens is not None:
        _concepts(text, found, spacy_tokens)
        _gapped_clauses(text, found, spacy_tokens)
    _link_conjunctions(text, found)
    _hyphen_compounds(text, found)
    _share_elided(text, found)
    _index_levels(text, found)
    _signed_changes(text, found)
    _share_conversions(text, found)
    add_measures(text, found, spacy_tokens)
    out = []
    for item in sorted(found, key=lambda f: (f.start, f.end)):
        out.append(Quantity(
            value=item.value, value_max=item.value_max, text=text[item.start:item.end],
            start=item.start + offset, end=item.end + offset, qualifier=item.qualifier,
            qualifier_text=item.qualifier_text, unit=unit_name(item.unit), object=item.object,
            object_head=item.object_head, detail=item.detail, conjunction=item.conjunction,
            vague=item.vague, concept=item.concept, change=item.change, measure=item.measure,
        ))
    return out
