"""Who cites whom, as sentences a person reads: "Tidewater Times cites Capital Wire citing
Jennifer Homendy (2 claims)". Pure: a Comparison in, sentences out.

A speaker named several ways in one story ("Homendy", "Jennifer Homendy", "NTSB" and
"National Transportation Safety Board") is merged under its longest name, by the same
rule alignment uses (``align.same_speaker_key``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..align import same_speaker_key
from ..extract.attribution import speaker_key
from ..extract.attribution.lexicon import ROLE_FILLER, ROLE_WORDS, SOURCE_NOUNS
from ..model import Comparison, Speaker
from ..sources import CitationGraph
from ._common import article_labels, sorted_articles

__all__ = ["Chain", "citation_chains", "direct_sources", "merge_aliases"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Chain:
    """One path a claim travelled: ``outlet``, then ``via`` (relays, outermost first, the
    original speaker last), ``claims`` (how many claims took it) and ``sentence``."""

    outlet: str
    via: tuple[str, ...]
    claims: int
    sentence: str


def _generic(name: str) -> bool:
    """A name that only describes ("officials", "a spokesperson"): it names no one in
    particular, so it is never merged into a longer name ("Norfolk port officials")."""
    words = [w for w in speaker_key(Speaker(name=name)).split() if w not in ROLE_FILLER]
    return all(w in SOURCE_NOUNS or w in ROLE_WORDS for w in words)


def _canonical_names(names: list[str]) -> dict[str, str]:
    """Each name → the longest name in ``names`` that names the same speaker."""
    keys = {n: speaker_key(Speaker(name=n)) for n in names}
    out = {}
    for name in names:
        same = [m for m in names if same_speaker_key(keys[name], keys[m])
                and (keys[m] == keys[name] or not (_generic(name) or _generic(m)))]
        out[name] = max(same, key=lambda m: (len(m), m)) if same else name
    return out


def citation_chains(comparison: Comparison) -> list[Chain]:
    """Every relay path in the story, multi-step chains first, then by claims carried."""
    labels = article_labels(sorted_articles(comparison))
    copies = comparison.originals  # a syndicated copy repeats its original's sourcing
    relayed = [c for c in comparison.claims if c.cites and c.kind != "narration" and c.article not in copies]
    names = sorted({name for c in relayed for name in c.cites})
    canonical = _canonical_names(names)
    counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for claim in relayed:
        outlet = labels.get(claim.article, claim.article)
        via = tuple(dict.fromkeys(canonical[n] for n in claim.cites if canonical[n].casefold() != outlet.casefold()))
        if via:
            counts[(outlet, via)] += 1
    chains = []
    for (outlet, via), n in counts.items():
        sentence = f"{outlet} cites {via[0]}" + "".join(f" citing {name}" for name in via[1:])
        chains.append(Chain(outlet=outlet, via=via, claims=n, sentence=sentence))
    return sorted(chains, key=lambda c: (-len(c.via), -c.claims, c.sentence))


def direct_sources(chains: list[Chain]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Single-step attributions per outlet, most cited first: ``[(outlet, [(source, claims)])]``."""
    per: dict[str, list[tuple[str, int]]] = {}
    for chain in chains:
        if len(chain.via) == 1:
            per.setdefault(chain.outlet, []).append((chain.via[0], chain.claims))
    return [(outlet, sorted(items, key=lambda i: (-i[1], i[0]))) for outlet, items in sorted(per.items())]


def merge_aliases(graph: CitationGraph) -> CitationGraph:
    """The citation graph with each speaker or relay named several ways merged into one
    node under its longest name ("Homendy" into "Jennifer Homendy"), edges summed."""
    names = sorted({n["label"] for n in graph.nodes if n["kind"] != "outlet"})
    canonical = _canonical_names(names)
    node_of: dict[str, str] = {}
    nodes: dict[str, dict[str, Any]] = {}
    for node in graph.nodes:
        label = node["label"] if node["kind"] == "outlet" else canonical[node["label"]]
        merged = f"{node['kind']}:{label.lower()}"
        node_of[node["id"]] = merged
        nodes.setdefault(merged, {**node, "id": merged, "label": label})
    edges: Counter[tuple[str, str]] = Counter()
    for edge in graph.edges:
        source, target = node_of.get(edge["source"], edge["source"]), node_of.get(edge["target"], edge["target"])
        if source != target:
            edges[(source, target)] += edge["claims"]
    return CitationGraph(nodes=tuple(sorted(nodes.values(), key=lambda n: (n["kind"], n["id"]))),
                         edges=tuple({"source": a, "target": b, "claims": n} for (a, b), n in sorted(edges.items())),
                         first=graph.first)
