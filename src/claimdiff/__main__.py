"""``python -m claimdiff``."""

from .cli import main

main()
