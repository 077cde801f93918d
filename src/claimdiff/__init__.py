"""claimdiff: compare, claim by claim, how news outlets report the same story."""

from __future__ import annotations

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"
