"""The page templates: one Jinja environment over the web app's templates and the HTML
report's, and :func:`render_page`. Kept apart from the FastAPI app so that an ingest can
render story pages ahead of their first view (``pagecache``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from .. import __version__
from ..report._common import QUALIFIER_WORDS, format_number
from ..report.table import FIELD_NAMES

__all__ = ["render_page", "TEMPLATE_DIRS"]

HERE = Path(__file__).parent
#: Where page templates are looked up, in order.
TEMPLATE_DIRS = (HERE / "templates", HERE.parent / "report" / "templates")

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(list(TEMPLATE_DIRS)),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.globals.update(format_number=format_number, qualifier_words=QUALIFIER_WORDS, version=__version__,
                    field_names=FIELD_NAMES)


def render_page(name: str, **context: Any) -> str:
    """Render one page template (autoescaped)."""
    return _ENV.get_template(name).render(**context)
