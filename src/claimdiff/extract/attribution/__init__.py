"""Who said it: reporting cues, speakers, quote vs paraphrase and citation chains,
found on a dependency-parsed sentence.

``find_attribution`` (``find``) looks at one parsed sentence and returns what the
sentence itself says; ``cues`` finds the reporting words, ``speakers`` describes who a
phrase names, and ``resolve`` (``SpeakerResolver``) resolves "he" or "the minister" to a
name from the article's earlier sentences. The word lists are data
(``claimdiff/lexicons/cues.jsonl`` and ``speakers.jsonl``), read by ``lexicon``.
"""

from __future__ import annotations

from .cues import QUOTE_SPAN
from .find import Attribution, find_attribution, find_attributions
from .resolve import SpeakerResolver, role_fits, same_person, speaker_key
from .speakers import describe_speaker

__all__ = ["Attribution", "find_attribution", "find_attributions", "SpeakerResolver", "speaker_key", "QUOTE_SPAN", "role_fits",
           "same_person", "describe_speaker"]
