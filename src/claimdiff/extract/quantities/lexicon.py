"""The quantity finder's word lists and the patterns built from them, loaded once from
``claimdiff/lexicons/`` (numbers.json, qualifiers.jsonl, currencies.jsonl, units.jsonl,
rates.jsonl, unit_names.json, months.json, quantity_words.json)."""

from __future__ import annotations

import re

from ...lexicons import alternation
from ..lexicon import label_map, load_json, load_jsonl, months

_NUMBERS = load_json("numbers.json")
_WORDS = load_json("quantity_words.json")

UNITS_WORDS: dict[str, int] = dict(_NUMBERS["units"])
TENS_WORDS: dict[str, int] = dict(_NUMBERS["tens"])
#: Scale words and their abbreviations (lower case).  "m" is resolved by context.
SCALE_WORDS: dict[str, float] = dict(_NUMBERS["scales"])
#: Abbreviated scales that are written glued to digits ("3m", "1bn") or after a space.
SCALE_ABBREVIATIONS = frozenset(_NUMBERS["scale_abbreviations"])
#: Plural scale words that make a vague amount: "thousands of troops".
VAGUE_WORDS = frozenset(_NUMBERS["vague"])
#: Spelled-out scale words ("3 million"), and those that make a number "scaled".
#: "lakh" (100,000) and "crore" (10 million) are the scales of Indian and South Asian news.
SCALE_NAMES = ("hundred", "thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore", "crores")
LARGE_SCALE_NAMES = SCALE_NAMES[1:]
DOZEN = 12
HALF = 0.5
#: Fraction words (denominators): "a third", "two-thirds", "three quarters", "one fifth".
FRACTION_WORDS: dict[str, int] = dict(_NUMBERS["fractions"])
SMALL_NUMERATORS: dict[str, int] = dict(_NUMBERS["small_numerators"])
#: Words before "half" that make it a part of a period, not an amount ("the first half of").
HALF_NOT_AMOUNT_BEFORE = frozenset(_NUMBERS["half_not_amount_before"])
#: Words after "half" that make it a fraction of what follows ("half the condos", "half of").
HALF_BEFORE = frozenset(_NUMBERS["half_before"])
#: Multiplier words: "more than double their level", "twice the rate", "triple that of".
MULTIPLIER_WORDS: dict[str, int] = dict(_NUMBERS["multipliers"])
#: Fraction characters written after a whole number: "3½ hours", "2¼ miles".
VULGAR_FRACTIONS: dict[str, float] = dict(_NUMBERS["vulgar_fractions"])
#: Largest value parse_number accepts; beyond it the text is not a sensible amount.
MAX_VALUE = 1e30

#: Qualifier surface forms → normalised qualifier (longest match wins).
QUALIFIER_FORMS: dict[str, str] = label_map("qualifiers.jsonl")
QUALIFIER_RE = re.compile(
    r"(?:(?<=[\s(\"'“‘])|^)("
    + alternation(QUALIFIER_FORMS)
    + r")\s*$",
    re.IGNORECASE,
)

#: Currency written before the number (case-sensitive surface) → ISO code.
CURRENCY_PREFIXES: dict[str, str] = label_map("currencies.jsonl")
CURRENCY_ALTERNATION = alternation(CURRENCY_PREFIXES)
CURRENCY_PREFIX_RE = re.compile(r"(?:(?<=[\s(\"'“‘-])|^)(" + CURRENCY_ALTERNATION + r")\s?$")

#: Unit surface forms after the number (lower case, matched case-insensitively unless a
#: row lists its ``case_exact`` surfaces) → normalised unit.
UNIT_FORMS: dict[str, str] = label_map("units.jsonl")
#: Case-exact surfaces for the short units ("m", "C", "dB", "USD").
CASE_EXACT: dict[str, frozenset[str]] = {
    row["pattern"]: frozenset(row["case_exact"]) for row in load_jsonl("units.jsonl") if "case_exact" in row
}
#: Units that must be glued to the number ("5C", "3x").
GLUED_ONLY = frozenset(row["pattern"] for row in load_jsonl("units.jsonl") if row.get("glued_only"))
UNIT_RE = re.compile(
    r"(?:-|\s?)("
    + alternation(k for k in UNIT_FORMS if k.strip())
    + r")(?![A-Za-z0-9²])",
    re.IGNORECASE,
)
#: Time and count units that may follow "per"/"a" to make a rate ("barrels a day").
RATE_DENOMINATORS: dict[str, str] = label_map("rates.jsonl")
RATE_RE = re.compile(
    r"\s*(?:(?:per|a|an|each)[\s-]|/\s?)("
    + alternation(RATE_DENOMINATORS)
    + r")s?(?![A-Za-z])(?!\s+(?:earlier|ago|before|later|after|prior|on|back)\b)",
    re.IGNORECASE,
)
RATE_CODE_RE = re.compile(r"\s?/\s?(yr|year|day|month|mo|hr|h|week|wk)\b", re.IGNORECASE)
RATE_CODES: dict[str, str] = dict(_NUMBERS["rate_codes"])
#: The readable name of a unit the finder keys by an internal code ("year_of_age" → "year of
#: age", "sq_ft" → "square foot") or by a symbol few readers know ("kV" → "kilovolt"); other
#: units are their own names.
UNIT_NAMES: dict[str, str] = dict(load_json("unit_names.json")["names"])
#: A currency's English name, used where a rate is spelled in words ("dollar per barrel") and
#: for a money amount in a currency outside SIGN_CURRENCIES ("Malaysian ringgit").
CURRENCY_WORDS: dict[str, str] = dict(load_json("unit_names.json")["currency_words"])
#: A rate's denominator in words ("USD/oz" -> "dollar per ounce").
DENOMINATOR_NAMES: dict[str, str] = dict(load_json("unit_names.json")["denominator_names"])
#: Currencies written with a sign ($, €, £, ¥): a money amount in one keeps its ISO code.
SIGN_CURRENCIES = frozenset(load_json("unit_names.json")["sign_currencies"])

MONTHS = frozenset(months())
#: Weapon nouns after a calibre ("152mm shells").
CALIBRE_NOUNS = frozenset(_WORDS["calibre_nouns"])
#: Common calibres in millimetres.
CALIBRES_MM = frozenset(float(v) for v in _WORDS["calibres_mm"])
#: Stock indices and lists whose name ends in the number of members ("S&P 500", "FTSE 100",
#: "Fortune 500"): that number names the index, it is not an amount.
INDEX_MEMBER_COUNTS: dict[str, frozenset[int]] = {
    k: frozenset(v) for k, v in _WORDS["index_member_counts"].items()
}
INDEX_NAME_RE = re.compile(
    r"(?:^|(?<=[\s(\"'“‘]))("
    + "|".join(re.escape(k).replace("\\ ", r"\s?") for k in sorted(INDEX_MEMBER_COUNTS, key=len, reverse=True))
    + r")\s?$",
    re.IGNORECASE,
)
YEAR_MIN, YEAR_MAX = 1100, 2199
#: Bounds for reading "Name, 66," as an age.
MIN_AGE, MAX_AGE = 1, 120
#: Words that make a following 4-digit number a year ("in 1998", "since 2014").
YEAR_CUES = frozenset(_WORDS["year_cues"])
#: Nouns that only carry the "of" noun after them into a concept ("the value of the front
#: factor", "the number of specimens"): the "of" noun is what is measured.
LIGHT_CONCEPT_NOUNS = frozenset(_WORDS["light_concept_nouns"])
#: Words before/after "one" that make it a pronoun ("no one", "the one who").
ONE_PRONOUN_BEFORE = frozenset(_WORDS["one_pronoun_before"])
ONE_PRONOUN_AFTER = frozenset(_WORDS["one_pronoun_after"])
#: Lexical stop words that end an object phrase (without POS tags).
OBJECT_STOP = frozenset(_WORDS["object_stop"])
OBJECT_MAX_WORDS = 5
IRREGULAR_SINGULARS: dict[str, str] = dict(_WORDS["irregular_singulars"])
#: Words after "First Last 44" that show the number is the person's age.
AGE_AFTER_NAME_VERBS = frozenset(_WORDS["age_after_name_verbs"])
#: Capitalised labels that a number follows as an identifier, not as an age.
LABEL_WORDS = frozenset(_WORDS["label_words"])
#: Lower-case words that point into a document: "page 12", "p. 12", "paragraph 4", "table 3".
LOCATOR_WORDS = frozenset(_WORDS["locator_words"])
AGE_AFTER_NAME_MIN = 15
#: Verb (or adverb) lemmas that make the amount the size of a rise or a fall.
CHANGE_UP = frozenset(_WORDS["change_up"])
CHANGE_DOWN = frozenset(_WORDS["change_down"])
#: Verbs whose subject states an estimate of the amount, not whose it is ("Officials
#: estimated the cost at $1.2 billion", "Analysts expect revenue of $5 billion").
ESTIMATE_VERBS = frozenset(_WORDS["estimate_verbs"])
#: Pronouns that say nothing about what is measured on their own.
EMPTY_PRONOUNS = frozenset(_WORDS["empty_pronouns"])
ORDINAL_SUFFIXES = frozenset(_WORDS["ordinal_suffixes"])
#: Words that make "pounds" money ("sold for 300,000 pounds", "a 40 million pound deal").
MONEY_CUES = frozenset(_WORDS["money_cues"])
#: Words that keep "pounds" a weight ("the parcel weighs 12 pounds").
WEIGHT_CUES = frozenset(_WORDS["weight_cues"])
#: Nouns of time that name when or how often, not what an amount measures ("rose 7% year on year").
TIME_NOUNS = frozenset(_WORDS["time_nouns"])
#: Nouns of a body or a person that can hold an amount ("the council raised its parking fee"):
#: a verb's subject is named as whose the concept is only when it is one of these or a name.
HOLDER_NOUNS = frozenset(_WORDS["holder_nouns"])
#: Inflected verbs and adverbs of change ("rose", "fell", "up") written before an amount.
CHANGE_VERB_FORMS = frozenset(_WORDS["change_verb_forms"])
