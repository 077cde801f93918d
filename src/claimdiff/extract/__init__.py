"""Claim extraction: quantities, attribution, time scope and hedging."""
