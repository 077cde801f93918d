"""Claim extraction: quantities, attribution, time scope and hedging, and the spaCy
component ``claimdiff`` (registered on import of this package)."""

from .claims import extract, extract_claims, extract_many
from .component import ClaimFinder, claims_of

__all__ = ["extract", "extract_claims", "extract_many", "ClaimFinder", "claims_of"]
