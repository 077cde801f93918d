"""The spaCy pipeline, run faster with the same annotations.

Two costs of running ``en_core_web_sm`` that do not depend on the model:

- **Matrix products.** thinc multiplies with BLIS, which on CPUs its wheel has no kernel
  for (this 2-core AMD EPYC among them) falls back to its generic reference code, 2–3×
  slower than numpy's OpenBLAS. :func:`use_numpy_gemm` gives the pipeline's layers
  thinc's own numpy product (``NumpyOps(use_blis=False)``), and :func:`one_blas_thread`
  keeps OpenBLAS to one thread while a batch is parsed (each extraction worker owns a
  core; a second OpenBLAS thread would only spin). Floating-point sums may round
  differently; the parses of the test corpora and of the shared scorers' data are the
  same (``tests/test_fastpipe.py`` compares every annotation).
- **The attribute ruler.** spaCy runs its 179 patterns (the tag map and morphology
  exceptions) through the general ``Matcher``: a tenth of the parse time for what is
  mostly a lookup by tag. :class:`FastAttributeRuler` applies the same patterns (one or
  two tokens; ``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``; values, ``IN``, ``NOT_IN``,
  ``REGEX``)
  with dictionaries, in the same order and with spaCy's own ``set_token_attrs``. A
  pipeline whose patterns use anything else keeps spaCy's ruler.

:func:`pipe` runs a loaded pipeline with both.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["FastAttributeRuler", "pipe", "use_numpy_gemm", "one_blas_thread"]

log = logging.getLogger(__name__)

#: The token attributes the fast ruler reads, in the order of ``Doc.to_array``.
_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_COLUMNS = [LOWER, TAG, DEP, IS_SPACE]


# --------------------------------------------------------------------- BLAS threads

def _openblas_threads() -> tuple[Callable[[int], None], Callable[[], int]] | None:
    """The set/get thread-count functions of the OpenBLAS numpy loaded, or None."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("scipy_openblas", ""), ("openblas", "64_"), ("openblas", "")):
            setter = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
            getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
            if setter is not None and getter is not None:
                setter.argtypes, setter.restype, getter.restype = [ctypes.c_int], None, ctypes.c_int
                return setter, getter
    return None


_BLAS: list[tuple[Callable[[int], None], Callable[[], int]] | None] = []


def _blas() -> tuple[Callable[[int], None], Callable[[], int]] | None:
    if not _BLAS:
        import numpy  # noqa: F401  (loads OpenBLAS)

        _BLAS.append(_openblas_threads())
    return _BLAS[0]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """OpenBLAS on one thread inside the block (restored after)."""
    blas = _blas()
    if blas is None:
        yield
        return
    setter, getter = blas
    before = getter()
    setter(1)
    try:
        yield
    finally:
        setter(before)


def use_numpy_gemm(nlp: Language) -> bool:
    """Give the pipeline's layers thinc's numpy matrix product instead of BLIS (see the
    module docstring); True when done. Only where numpy's OpenBLAS can be kept to one
    thread, and only for layers on thinc's CPU ops."""
    from thinc.api import NumpyOps

    if _blas() is None:
        return False
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return True


# --------------------------------------------------------------------- attribute ruler

class _Unsupported(Exception):
    """A pattern the fast ruler does not handle."""


def _predicate(key: str, spec: Any, strings: Any) -> Callable[[int], bool]:
    """A test of one token attribute's value (an int: a string hash, or a flag), as
    spaCy's ``Matcher`` makes it (``REGEX`` searches the attribute's string)."""
    if key == "IS_SPACE":
        if not isinstance(spec, bool):
            raise _Unsupported(f"IS_SPACE {spec!r}")
        want = int(spec)
        return lambda value: value == want
    if isinstance(spec, str):
        target = get_string_id(spec)
        return lambda value: value == target
    if isinstance(spec, dict) and len(spec) == 1:
        (op, values), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(values, list) and all(isinstance(v, str) for v in values):
            ids = frozenset(get_string_id(v) for v in values)
            return (lambda value: value in ids) if op == "IN" else (lambda value: value not in ids)
        if op == "REGEX" and isinstance(values, str):
            regex = re.compile(values)
            return lambda value: bool(regex.search(strings[value]))
    raise _Unsupported(f"{key} {spec!r}")


def _token_test(spec: dict[str, Any], strings: Any) -> Callable[[tuple[int, ...]], bool]:
    """A test of one token (its ``_KEYS`` values) against one pattern token."""
    if not spec or any(key not in _KEYS for key in spec):
        raise _Unsupported(f"pattern token {spec!r}")
    tests = [(_KEYS.index(key), _predicate(key, value, strings)) for key, value in spec.items()]
    return lambda values: all(test(values[i]) for i, test in tests)


def _exact_values(spec: dict[str, Any], key: str) -> list[int] | None:
    """The values ``key`` must take for the pattern token to match (None: any)."""
    value = spec.get(key)
    if isinstance(value, str):
        return [get_string_id(value)]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [get_string_id(v) for v in value["IN"]]
    return None


class FastAttributeRuler:
    """spaCy's ``AttributeRuler`` with the same patterns, applied with dictionaries.

    Matching reads the tokens as they are before the ruler (as spaCy's ``Matcher``
    does), and the attributes of every match are set in the ruler's order (later
    patterns win), token by token. Raises ``ValueError`` for a ruler with patterns it
    does not handle (use spaCy's then).
    """

    def __init__(self, ruler: Any) -> None:
        self.attrs: list[dict[int, int]] = list(ruler.attrs)
        #: Single-token patterns, found through the token's lower form, else its tag.
        self.by_lower: dict[int, list[tuple[int, Callable[[tuple[int, ...]], bool]]]] = {}
        self.by_tag: dict[int, list[tuple[int, Callable[[tuple[int, ...]], bool]]]] = {}
        self.other: list[tuple[int, Callable[[tuple[int, ...]], bool]]] = []
        #: Longer patterns: (rule, token tests, index of the token the rule sets).
        self.longer: list[tuple[int, list[Callable[[tuple[int, ...]], bool]], int]] = []
        self._single: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        try:
            for rule, entry in enumerate(ruler.patterns):
                index = entry["index"]
                for pattern in entry["patterns"]:
                    tests = [_token_test(spec, ruler.vocab.strings) for spec in pattern]
                    if not -len(pattern) <= index < len(pattern):
                        raise _Unsupported(f"index {index} of {pattern!r}")
                    if len(pattern) > 1:
                        self.longer.append((rule, tests, index % len(pattern)))
                        continue
                    lowers, tags = _exact_values(pattern[0], "LOWER"), _exact_values(pattern[0], "TAG")
                    if lowers is not None:
                        for value in lowers:
                            self.by_lower.setdefault(value, []).append((rule, tests[0]))
                    elif tags is not None:
                        for value in tags:
                            self.by_tag.setdefault(value, []).append((rule, tests[0]))
                    else:
                        self.other.append((rule, tests[0]))
        except (_Unsupported, KeyError, TypeError) as exc:
            raise ValueError(f"the fast attribute ruler does not handle this pattern: {exc}") from exc

    def _rules_at(self, values: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """For a token with ``values``: the single-token rules it matches (in rule order)
        and the longer patterns whose first token it matches (cached by ``values``)."""
        found = self._single.get(values)
        if found is None:
            candidates = (*self.by_lower.get(values[0], ()), *self.by_tag.get(values[1], ()), *self.other)
            found = (tuple(sorted({rule for rule, test in candidates if test(values)})),
                     tuple(k for k, (_, tests, _) in enumerate(self.longer) if tests[0](values)))
            if len(self._single) < 200_000:
                self._single[values] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        rows = [tuple(row) for row in doc.to_array(_COLUMNS).tolist()] if len(doc) else []
        found = [self._rules_at(values) for values in rows]
        extra: dict[int, set[int]] = {}
        for start, (_, longer) in enumerate(found):
            for k in longer:
                rule, tests, index = self.longer[k]
                if start + len(tests) <= len(rows) and all(tests[j](rows[start + j]) for j in range(1, len(tests))):
                    extra.setdefault(start + index, set()).add(rule)
        attrs = self.attrs
        for i, (rules, _) in enumerate(found):
            if i in extra:
                rules = tuple(sorted(extra[i].union(rules)))
            if not rules:
                continue
            if len(rules) == 1:
                merged = attrs[rules[0]]
            else:
                merged = {}
                for rule in rules:
                    merged.update(attrs[rule])
            set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 0) -> Iterator[Doc]:
        """Apply to each Doc in turn."""
        for doc in docs:
            yield self(doc)


#: id of a loaded ruler → (the ruler, kept so that its id stays its own; its fast twin).
_FAST_RULERS: dict[int, tuple[Any, FastAttributeRuler | None]] = {}


def _fast_ruler(ruler: Any) -> FastAttributeRuler | None:
    """The fast ruler for a loaded ``AttributeRuler`` (built once, again when patterns
    were added), or None when its patterns need spaCy's."""
    known = _FAST_RULERS.get(id(ruler))
    if known is None or (known[1] is not None and len(known[1].attrs) != len(ruler.attrs)):
        try:
            fast: FastAttributeRuler | None = FastAttributeRuler(ruler)
        except ValueError as exc:
            log.info("%s; using spaCy's attribute ruler", exc)
            fast = None
        known = _FAST_RULERS[id(ruler)] = (ruler, fast)
    return known[1]


def pipe(nlp: Language, texts: Iterable[str], *, batch_size: int, disable: Sequence[str] = ()) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` in this process, with the fast attribute ruler in place of
    spaCy's (see the module docstring)."""
    from spacy.pipeline import AttributeRuler

    docs: Iterable[Doc] = (nlp.make_doc(text) for text in texts)
    for name, component in nlp.pipeline:
        if name in disable:
            continue
        fast = _fast_ruler(component) if type(component) is AttributeRuler else None
        if fast is not None:
            docs = fast.pipe(docs)
        elif hasattr(component, "pipe"):
            docs = component.pipe(docs, batch_size=batch_size)
        else:
            docs = map(component, docs)
    return iter(docs)
