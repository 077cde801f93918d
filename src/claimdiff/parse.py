"""Parse candidate sentences with spaCy, each distinct sentence once.

News repeats itself: wire copies, syndicated rewrites and updated versions carry the same
sentences word for word, and a day of news holds many of them. :class:`ParseCache`
keeps the annotations of recently parsed sentences (words, tags, parts of speech,
lemmas, dependency arcs and entities: everything the claim rules read) keyed by the
sentence's hash, and :func:`parse_texts` rebuilds a ``Doc`` from them instead of running
the pipeline again. Within one call identical sentences are parsed once as well.

The cache holds plain strings, never spaCy objects, so it survives ``nlp.memory_zone()``:
the rebuilt Docs intern their strings inside the caller's zone, which frees them as
usual. It is bounded (least recently used sentences go first), so memory stays flat.
It also keeps what the claim rules found in a sentence (``analysis``): the same words
have the same parse, so the rules' findings for them are the same too.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from sys import intern
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import fastpipe

__all__ = ["ParseCache", "parse_texts", "DEFAULT_CACHE_SENTENCES"]

#: Sentences a cache keeps (about 2 KB each with interned strings: some 20 MB at most,
#: per worker process).
DEFAULT_CACHE_SENTENCES = 10_000


@dataclass(frozen=True, slots=True)
class _Annotation:
    """What the claim rules read of one parsed sentence, as plain values."""

    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    tags: tuple[str, ...]
    pos: tuple[str, ...]
    lemmas: tuple[str, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    ents: tuple[str, ...]


def _annotation(doc: Doc) -> _Annotation:
    """The annotations of a parsed Doc; strings are interned, so the many repeats of a
    tag, label or word are stored once."""
    return _Annotation(
        words=tuple(intern(t.text) for t in doc), spaces=tuple(bool(t.whitespace_) for t in doc),
        tags=tuple(intern(t.tag_) for t in doc), pos=tuple(intern(t.pos_) for t in doc),
        lemmas=tuple(intern(t.lemma_) for t in doc), heads=tuple(t.head.i for t in doc),
        deps=tuple(intern(t.dep_) for t in doc),
        ents=tuple(intern(f"{t.ent_iob_}-{t.ent_type_}") if t.ent_type_ else "O" for t in doc),
    )


def _rebuild(nlp: Language, a: _Annotation) -> Doc:
    """A Doc with the annotations of an earlier parse (no pipeline run)."""
    return Doc(nlp.vocab, words=list(a.words), spaces=list(a.spaces), tags=list(a.tags), pos=list(a.pos),
               lemmas=list(a.lemmas), heads=list(a.heads), deps=list(a.deps), ents=list(a.ents))


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ParseCache:
    """The annotations of the ``size`` most recently parsed sentences, by sentence hash.

    Example:
        >>> cache = ParseCache(size=2)
        >>> len(cache)
        0
    """

    def __init__(self, *, size: int = DEFAULT_CACHE_SENTENCES) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[bytes, _Annotation] = OrderedDict()
        self._analyses: OrderedDict[tuple[bytes, Any], Any] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, text: str) -> _Annotation | None:
        """The annotations of ``text`` when it was parsed recently (counted as a hit)."""
        found = self._items.get(_key(text))
        if found is not None:
            self._items.move_to_end(_key(text))
            self.hits += 1
        return found

    def put(self, text: str, annotation: _Annotation) -> None:
        """Remember a parse, forgetting the oldest one beyond ``size``."""
        self.misses += 1
        if self.size <= 0:
            return
        self._items[_key(text)] = annotation
        while len(self._items) > self.size:
            self._items.popitem(last=False)


    def analysis(self, text: str, variant: Any = None) -> Any:
        """What the claim rules found in ``text`` (kept with ``keep_analysis``), or None."""
        key = (_key(text), variant)
        found = self._analyses.get(key)
        if found is not None:
            self._analyses.move_to_end(key)
        return found

    def keep_analysis(self, text: str, value: Any, variant: Any = None) -> None:
        """Keep what the claim rules found in ``text`` (plain, immutable values only: no
        spaCy objects), forgetting the oldest beyond ``size``."""
        if self.size <= 0:
            return
        self._analyses[(_key(text), variant)] = value
        while len(self._analyses) > self.size:
            self._analyses.popitem(last=False)


def parse_texts(nlp: Language, texts: Sequence[str], *, batch_size: int, disable: Sequence[str] = (),
                cache: ParseCache | None = None, n_process: int = 1) -> Iterator[Doc]:
    """One parsed Doc per text, in order; each distinct text runs through ``nlp`` once.

    Args:
        nlp: the spaCy pipeline.
        texts: the sentences.
        batch_size: texts per ``nlp.pipe`` batch.
        disable: pipes left out.
        cache: earlier parses to reuse and to add to (``None``: only repeats within
            ``texts`` are shared).
        n_process: processes for ``nlp.pipe``.

    Call it inside ``nlp.memory_zone()`` when the Docs are dropped afterwards.
    """
    fresh: dict[str, None] = {}
    docs: dict[str, Doc] = {}
    for text in texts:
        if text in fresh or text in docs:
            continue
        found = cache.get(text) if cache is not None else None
        if found is not None:
            docs[text] = _rebuild(nlp, found)
        else:
            fresh[text] = None
    if fresh:
        with fastpipe.one_blas_thread():
            if n_process > 1:
                parsed = nlp.pipe(fresh, batch_size=batch_size, disable=list(disable), n_process=n_process)
            else:
                parsed = fastpipe.pipe(nlp, fresh, batch_size=batch_size, disable=disable)
            for text, doc in zip(fresh, parsed, strict=True):
                docs[text] = doc
                if cache is not None:
                    cache.put(text, _annotation(doc))
    for text in texts:
        yield docs[text]  # repeats share one Doc: the claim rules only read it
