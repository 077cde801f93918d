"""Near-duplicates, syndicated copies and incremental story grouping.

Three stages, one module each:

- ``fingerprint``: each article reduced once to a :class:`Fingerprint` (weighted content
  terms and a MinHash over word shingles); no decisions.
- ``decide``: :func:`assign` decides, from what a :class:`StoryIndex` answers, whether
  the article copies one already seen, joins a story or starts one, and which storyline
  that story belongs to. Every threshold lives there.
- ``index``: :class:`MemoryStoryIndex`, and :func:`place`, the one path an article takes
  through grouping on every backend (the store's ``SqlStoryIndex`` answers the same
  protocol from SQLite or PostgreSQL)::

    index = MemoryStoryIndex()
    for article in articles:
        fp, decision = place(article, index)
        index.add(fp, decision)

:func:`group` does exactly that for a batch, in date order. The work per article is
bounded: candidate stories come from posting lists that keep only the most recent stories
per term, and near-duplicates from LSH bands, so the time to place one article does not
grow with the corpus.

**Embeddings (optional).** With the ``[embed]`` extra, ``group(..., embedder=load_embedder())``
adds a sentence embedding of each article's title and lead to its fingerprint
(``claimdiff.embed``); stories keep the sum of their members' embeddings, and
:func:`score_candidate` blends the embedding cosine into the term cosine with weight
``EMBEDDING_WEIGHT`` when both sides have one.
"""

from __future__ import annotations

from .decide import (
    CANDIDATE_LIMIT,
    DAY_PENALTY,
    DEFAULT_OPTIONS,
    DUPLICATE_THRESHOLD,
    EMBEDDING_BASELINE,
    EMBEDDING_WEIGHT,
    PAIR_THRESHOLD,
    POSTING_LIMIT,
    QUERY_TERMS,
    STORY_THRESHOLD,
    STORY_WINDOW_DAYS,
    STORYLINE_THRESHOLD,
    STORYLINE_WINDOW_DAYS,
    SYNDICATION_THRESHOLD,
    TOPIC_THRESHOLD,
    UNDATED_DAYS,
    Decision,
    GroupingOptions,
    NearDuplicate,
    StoryCandidate,
    StoryIndex,
    TextEncoder,
    assign,
    days_apart,
    merge_embedding,
    mean_cosine,
    merge_terms,
    query_terms,
    score_candidate,
    story_id_for,
    topic_similarity,
    within_window,
)
from .fingerprint import (
    EMBEDDING_DECIMALS,
    LEAD_WORDS,
    LSH_BANDS,
    LSH_ROWS,
    NUM_PERM,
    STOPWORDS,
    Fingerprint,
    fingerprint,
    jaccard,
    lsh_buckets,
    parse_date,
)
from .index import MemoryStoryIndex, group, independent_sources, place, resolve_roots

__all__ = [
    "Fingerprint",
    "StoryCandidate",
    "NearDuplicate",
    "Decision",
    "GroupingOptions",
    "StoryIndex",
    "MemoryStoryIndex",
    "fingerprint",
    "score_candidate",
    "topic_similarity",
    "mean_cosine",
    "assign",
    "place",
    "merge_terms",
    "group",
    "independent_sources",
    "resolve_roots",
    "jaccard",
    "lsh_buckets",
    "query_terms",
    "within_window",
    "days_apart",
    "parse_date",
    "story_id_for",
    "DEFAULT_OPTIONS",
    "DUPLICATE_THRESHOLD",
    "SYNDICATION_THRESHOLD",
    "STORY_THRESHOLD",
    "TOPIC_THRESHOLD",
    "PAIR_THRESHOLD",
    "STORY_WINDOW_DAYS",
    "STORYLINE_WINDOW_DAYS",
    "STORYLINE_THRESHOLD",
    "DAY_PENALTY",
    "UNDATED_DAYS",
    "EMBEDDING_WEIGHT",
    "EMBEDDING_BASELINE",
    "EMBEDDING_DECIMALS",
    "CANDIDATE_LIMIT",
    "QUERY_TERMS",
    "POSTING_LIMIT",
    "NUM_PERM",
    "LSH_BANDS",
    "LSH_ROWS",
    "LEAD_WORDS",
    "STOPWORDS",
    "TextEncoder",
    "merge_embedding",
]
