"""Find the amounts a sentence mentions: value, range, qualifier, unit and counted object.

Three public functions:

- :func:`parse_number` turns the words of one number ("6,700", "3m", "half a million",
  "twenty-five", "$60 billion") into a float, or raises :class:`~claimdiff.errors.InputError`.
- :func:`parse_qualifier` normalises a surface qualifier ("more than", "some") to one of
  :data:`claimdiff.model.QUALIFIERS`.
- :func:`find_quantities` returns every :class:`~claimdiff.model.Quantity` in a text, with
  offsets, so that ``text[q.start - offset:q.end - offset] == q.text``.

The finder is lexical: a small tokenizer, a grammar of number words and scale words, and
tables of qualifiers, currencies and units.  Years, dates, times of day, ordinals, model
numbers (F-16, Galaxy S23), index names (S&P 500, FTSE 100), house numbers, postal codes,
ties ("2-2"), calibres (152mm) and phone numbers are rejected; fractions ("two-thirds of",
"1/16 of a pint", "one in three") and scientific notation ("1.99×10−30") are read.  When a spaCy
``Doc``/``Span`` is passed as ``tokens``, its part-of-speech tags pick the counted object;
without it a word-list heuristic does.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any

from claimdiff.errors import InputError
from claimdiff.model import Quantity

__all__ = ["parse_number", "parse_qualifier", "find_quantities"]

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: Scale words and their abbreviations (lower case).  "m" is resolved by context.
SCALE_WORDS = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12, "tr": 1e12,
}
#: Abbreviated scales that are written glued to digits ("3m", "1bn") or after a space.
SCALE_ABBREVIATIONS = {"k", "m", "mn", "mln", "mil", "bn", "b", "bln", "tn", "trn"}
#: Plural scale words that make a vague amount: "thousands of troops".
VAGUE_WORDS = {"dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens"}
DOZEN = 12
HALF = 0.5
#: Fraction words (denominators): "a third", "two-thirds", "three quarters", "one fifth".
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
#: Words before "half" that make it a part of a period, not an amount ("the first half of").
HALF_NOT_AMOUNT_BEFORE = {"first", "second", "the", "this", "that", "latter", "former", "other", "back",
                          "top", "bottom", "each", "every", "one", "a", "an", "last", "next", "earlier"}
#: Words after "half" that make it a fraction of what follows ("half the condos", "half of").
HALF_BEFORE = {"of", "the", "its", "their", "his", "her", "our", "my", "your", "all", "these", "those"}
#: Largest value parse_number accepts; beyond it the text is not a sensible amount.
MAX_VALUE = 1e30

#: Qualifier surface forms → normalised qualifier (longest match wins).
QUALIFIER_FORMS: dict[str, str] = {
    "about": "approx", "around": "approx", "approximately": "approx", "approx": "approx",
    "approx.": "approx", "some": "approx", "roughly": "approx", "an estimated": "approx",
    "circa": "approx", "ca.": "approx", "c.": "approx",
    "an approximate": "approx", "~": "approx", "in the region of": "approx",
    "on the order of": "approx", "in the order of": "approx", "upward of": "more_than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "nigh on": "nearly", "just below": "nearly",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "above": "more_than", "just over": "more_than",
    "well over": "more_than", "greater than": "more_than", "higher than": "more_than",
    "exceeding": "more_than", "north of": "more_than", "beyond": "more_than",
    "just above": "more_than", "more then": "more_than", ">": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "not less than": "at_least", "not fewer than": "at_least",
    "minimum of": "at_least", "at a minimum": "at_least",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "as high as": "up_to",
    "a maximum of": "up_to", "maximum of": "up_to", "as long as": "up_to",
    "fewer than": "less_than", "less than": "less_than", "under": "less_than",
    "below": "less_than", "lower than": "less_than", "<": "less_than",
    "at most": "at_most", "no more than": "at_most", "not more than": "at_most",
    "at the most": "at_most", "no greater than": "at_most",
}
_QUALIFIER_RE = re.compile(
    r"(?:(?<=[\s(\"'“‘])|^)("
    + "|".join(re.escape(k) for k in sorted(QUALIFIER_FORMS, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)

#: Currency written before the number (case-sensitive surface) → ISO code.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "US $": "USD", "U.S.$": "USD", "USD": "USD", "$": "USD", "USD$": "USD",
    "A$": "AUD", "AU$": "AUD", "AU $": "AUD", "$A": "AUD", "AUD": "AUD",
    "C$": "CAD", "C $": "CAD", "CA$": "CAD", "CAD": "CAD", "HK$": "HKD", "HK $": "HKD", "HKD": "HKD",
    "NZ$": "NZD", "NZ $": "NZD", "NZD": "NZD", "S$": "SGD", "S $": "SGD", "SGD": "SGD",
    "R$": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY",
    "JPY": "JPY", "Y=": "JPY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "INR": "INR",
    "₩": "KRW", "KRW": "KRW", "₽": "RUB", "RUB": "RUB", "₴": "UAH", "UAH": "UAH",
    "CNY": "CNY", "RMB": "CNY", "RM": "MYR", "MYR": "MYR", "₪": "ILS", "NIS": "ILS",
    "CHF": "CHF", "Sh": "KES", "$US": "USD", "$C": "CAD", "$NZ": "NZD",
    "AUD$": "AUD", "SEK": "SEK", "DKK": "DKK", "NOK": "NOK", "ZAR": "ZAR", "TRY": "TRY",
    "PS": "GBP",  # "£" folded to ASCII by transliteration ("PS2.7m"); only glued (see _glued_currency)
    "BRL": "BRL", "MXN": "MXN", "SAR": "SAR", "AED": "AED", "NGN": "NGN", "PKR": "PKR",
    "IDR": "IDR", "THB": "THB", "PHP": "PHP", "VND": "VND", "TWD": "TWD", "ILS": "ILS",
}
_CURRENCY_PREFIX_RE = re.compile(
    r"(?:(?<=[\s(\"'“‘-])|^)("
    + "|".join(re.escape(k) for k in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
    + r")\s?$"
)

#: Unit surface forms after the number (lower case, matched case-insensitively unless in
#: CASE_SENSITIVE_UNITS) → normalised unit.
UNIT_FORMS: dict[str, str] = {
    # percent
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage points": "percentage_point", "percentage point": "percentage_point",
    "percent points": "percentage_point", "pp": "percentage_point", "ppt": "percentage_point",
    "basis points": "basis_point", "basis point": "basis_point", "bps": "basis_point",
    "bp": "basis_point", "pc": "percent",
    # currency words
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP",
    "yen": "JPY", "won": "KRW", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB",
    "ruble": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "yuan": "CNY", "renminbi": "CNY",
    "rupees": "INR", "rupee": "INR", "shekels": "ILS", "shekel": "ILS", "ringgit": "MYR",
    "swiss francs": "CHF", "francs": "CHF", "lira": "TRY", "rand": "ZAR",
    "australian dollars": "AUD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "new zealand dollars": "NZD", "singapore dollars": "SGD", "cents": "cent", "cent": "cent",
    "pence": "pence", "sen": "sen", "danish crowns": "DKK", "kroner": "DKK", "krona": "SEK",
    "kronor": "SEK", "naira": "NGN", "pesos": "MXN", "bitcoin": "BTC",
    # length
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "m": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "miles": "mile", "mile": "mile", "cm": "cm", "centimetres": "cm", "centimeters": "cm",
    "centimetre": "cm", "centimeter": "cm", "mm": "mm", "millimetres": "mm",
    "millimeters": "mm", "millimetre": "mm", "millimeter": "mm", "feet": "ft", "foot": "ft",
    "ft": "ft", "inches": "inch", "inch": "inch", "in.": "inch", "yards": "yard",
    "yard": "yard", "yds": "yard", "nautical miles": "nautical_mile",
    "nautical mile": "nautical_mile", "nm": "nm", "nanometres": "nm", "nanometers": "nm", "nanometre": "nm", "nanometer": "nm",
    "micrometres": "um", "micrometers": "um", "micrometre": "um", "micrometer": "um", "μm": "um", "microns": "um",
    # area
    "km2": "km2", "km²": "km2", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "square kilometre": "km2", "square kilometer": "km2",
    "square miles": "sq_mile", "square mile": "sq_mile", "sq mi": "sq_mile",
    "hectares": "hectare", "hectare": "hectare", "ha": "hectare", "acres": "acre",
    "acre": "acre", "m2": "m2", "m²": "m2", "sq m": "m2", "sqm": "m2", "square metres": "m2",
    "square meters": "m2", "square feet": "sq_ft", "sq ft": "sq_ft", "square foot": "sq_ft",
    # mass
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "kgs": "kg",
    "tonnes": "tonne", "tonne": "tonne", "metric tons": "tonne", "metric tonnes": "tonne",
    "tons": "ton", "ton": "ton", "lb": "lb", "lbs": "lb", "pounds": "lb", "pound": "lb",
    "g": "g", "grams": "g", "gram": "g", "grammes": "g", "mg": "mg", "milligrams": "mg",
    "oz": "oz", "ounces": "oz", "ounce": "oz", "gigatonnes": "gigatonne",
    "gigatons": "gigatonne", "megatonnes": "megatonne", "megatons": "megatonne",
    # time
    "years": "year", "year": "year", "yrs": "year", "months": "month", "month": "month",
    "weeks": "week", "week": "week", "days": "day", "day": "day", "hours": "hour",
    "hour": "hour", "hrs": "hour", "minutes": "minute", "minute": "minute", "mins": "minute",
    "min": "minute", "seconds": "second", "second": "second", "secs": "second",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
    "years old": "year_of_age", "year old": "year_of_age", "year-old": "year_of_age",
    "years-old": "year_of_age", "-year-old": "year_of_age", "month-old": "month_of_age",
    "months old": "month_of_age", "week-old": "week_of_age", "weeks old": "week_of_age",
    "day-old": "day_of_age", "days old": "day_of_age",
    # speed, temperature
    "km/h": "km/h", "kmh": "km/h", "kph": "km/h", "km/hr": "km/h",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "kilometres an hour": "km/h", "kilometers an hour": "km/h", "mph": "mph",
    "miles per hour": "mph", "miles an hour": "mph", "knots": "knot", "kt": "knot",
    "metres per second": "m/s", "meters per second": "m/s", "m/s": "m/s",
    "degrees celsius": "celsius", "degree celsius": "celsius", "°c": "celsius",
    "degrees c": "celsius", "celsius": "celsius", "c": "celsius", "degrees centigrade": "celsius",
    "degrees fahrenheit": "fahrenheit", "degree fahrenheit": "fahrenheit",
    "°f": "fahrenheit", "degrees f": "fahrenheit", "fahrenheit": "fahrenheit",
    "f": "fahrenheit", "degf": "fahrenheit", "degrees": "degree", "degree": "degree",
    "°": "degree", "deg": "degree", "deg c": "celsius", "degc": "celsius", "deg f": "fahrenheit",
    # "deg" is "°" folded to ASCII by transliteration ("1.19deg C")
    # energy, power, volume, data, misc
    "barrels": "barrel", "barrel": "barrel", "bbl": "barrel", "bpd": "barrel/day",
    "barrels per day": "barrel/day", "barrels a day": "barrel/day",
    "barrel-a-day": "barrel/day", "gigawatts": "gigawatt", "gigawatt": "gigawatt",
    "gw": "gigawatt", "megawatts": "megawatt", "megawatt": "megawatt", "mw": "megawatt",
    "kilowatts": "kilowatt", "kilowatt": "kilowatt", "kw": "kilowatt", "watts": "watt",
    "w": "watt", "kwh": "kWh", "kilowatt-hours": "kWh", "kilowatt hours": "kWh",
    "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "litres": "litre", "liters": "litre",
    "litre": "litre", "liter": "litre", "l": "litre", "ml": "ml", "millilitres": "ml",
    "milliliters": "ml", "gallons": "gallon", "gallon": "gallon", "cubic metres": "m3",
    "pints": "pint", "pint": "pint", "quarts": "quart", "quart": "quart", "fluid ounces": "fl_oz",
    "fluid ounce": "fl_oz", "fl oz": "fl_oz",
    "cubic meters": "m3", "cubic feet": "cubic_ft", "gb": "GB", "gigabytes": "GB",
    "tb": "TB", "terabytes": "TB", "mb": "MB", "megabytes": "MB", "gbps": "Gbps",
    "mbps": "Mbps", "ghz": "GHz", "mhz": "MHz", "khz": "kHz", "hz": "Hz", "hertz": "Hz",
    "mah": "mAh", "horsepower": "hp", "hp": "hp", "bhp": "bhp", "rpm": "rpm", "mpg": "mpg",
    "miles per gallon": "mpg", "ppm": "ppm", "parts per million": "ppm", "ppb": "ppb",
    "parts per billion": "ppb", "decibels": "decibel", "db": "decibel", "volts": "volt",
    "kv": "kV", "calories": "calorie", "kcal": "kcal", "mpa": "MPa", "gpa": "GPa",
    "gigapascals": "GPa", "psi": "psi", "ksi": "ksi", "nm ": "Nm",
    "lb-ft": "lb-ft", "pound-feet": "lb-ft", "times": "times", "fold": "times", "x": "times",
    "points": "point", "point": "point", "pts": "point", "m.p.h.": "mph", "p": "pence", "ppg": "point/game", "rpg": "rebound/game",
    "apg": "assist/game", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY",
    "inr": "INR", "krw": "KRW", "rub": "RUB", "uah": "UAH", "aud": "AUD", "cad": "CAD",
    "chf": "CHF", "€": "EUR",  # "1,200€": the euro sign after the amount
    "″": "inch", "′": "ft",  # prime marks: 25.5″, 30′
}
#: Units whose short form is only trusted with the exact case shown.
CASE_SENSITIVE_UNITS = {
    "m": "m", "g": "g", "l": "litre", "c": "celsius", "f": "fahrenheit", "w": "watt",
    "x": "times", "b": "", "nm": "nm", "ha": "hectare", "pc": "percent", "pp": "percentage_point",
    "kt": "knot", "bp": "basis_point", "db": "decibel", "in.": "inch", "min": "minute", "p": "pence",
}
#: Case-exact surfaces for the short units above.
_CASE_EXACT = {
    "m": {"m"}, "g": {"g"}, "l": {"l", "L"}, "c": {"C"}, "f": {"F"}, "w": {"W"}, "x": {"x"},
    "nm": {"nm"}, "ha": {"ha"}, "pc": {"pc"}, "pp": {"pp"}, "kt": {"kt"}, "bp": {"bp"},
    "db": {"dB"}, "in.": set(), "min": {"min"}, "p": {"p"}, "usd": {"USD"}, "eur": {"EUR"},
    "gbp": {"GBP"}, "jpy": {"JPY"}, "cny": {"CNY"}, "inr": {"INR"}, "krw": {"KRW"}, "rub": {"RUB"},
    "uah": {"UAH"}, "aud": {"AUD"}, "cad": {"CAD"}, "chf": {"CHF"},
}
#: Units that must be glued to the number or follow "°"/a space only in these forms.
_GLUED_ONLY = {"c", "f", "x"}

_UNIT_RE = re.compile(
    r"(?:-|\s?)("
    + "|".join(re.escape(k) for k in sorted(UNIT_FORMS, key=len, reverse=True) if k.strip())
    + r")(?![A-Za-z0-9²])",
    re.IGNORECASE,
)
#: Time and count units that may follow "per"/"a" to make a rate ("barrels a day").
RATE_DENOMINATORS = {
    "day": "day", "year": "year", "month": "month", "week": "week", "hour": "hour",
    "minute": "minute", "second": "second", "barrel": "barrel", "share": "share",
    "gallon": "gallon", "game": "game", "capita": "capita", "person": "person",
    "head": "person", "ounce": "oz", "gram": "g", "kilogram": "kg", "kg": "kg", "litre": "litre",
    "liter": "litre", "annum": "year", "century": "century", "square foot": "sq_ft",
    "square metre": "m2", "square meter": "m2", "sq m": "m2", "sq ft": "sq_ft", "tonne": "tonne",
    "ton": "ton", "mile": "mile", "km": "km", "night": "night", "mmbtu": "mmBtu",
}
_RATE_RE = re.compile(
    r"\s*(?:per|a|an|/|each)[\s-]?("
    + "|".join(re.escape(k) for k in sorted(RATE_DENOMINATORS, key=len, reverse=True))
    + r")s?(?![A-Za-z])(?!\s+(?:earlier|ago|before|later|after|prior|on|back)\b)",
    re.IGNORECASE,
)
_RATE_CODE_RE = re.compile(r"\s?/\s?(yr|year|day|month|mo|hr|h|week|wk)\b", re.IGNORECASE)
_RATE_CODES = {"yr": "year", "year": "year", "day": "day", "month": "month", "mo": "month",
               "hr": "hour", "h": "hour", "week": "week", "wk": "week"}

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}
#: Weapon nouns after a calibre ("152mm shells").
CALIBRE_NOUNS = {
    "shell", "shells", "artillery", "round", "rounds", "ammunition", "ammo", "gun", "guns",
    "howitzer", "howitzers", "cannon", "cannons", "mortar", "mortars", "rocket", "rockets",
    "projectile", "projectiles", "munitions", "calibre", "caliber", "rifle", "rifles",
    "bullets", "cartridges", "self-propelled", "towed", "tank", "anti-aircraft", "multiple",
    "high-explosive", "guided", "cluster", "artillery-shells", "mlrs", "launchers",
}
#: Common calibres in millimetres.
CALIBRES_MM = {5.45, 5.56, 7.62, 9.0, 12.7, 14.5, 20.0, 23.0, 25.0, 30.0, 35.0, 40.0, 57.0,
               60.0, 73.0, 76.0, 81.0, 82.0, 100.0, 105.0, 115.0, 120.0, 122.0, 125.0, 130.0,
               152.0, 155.0, 203.0, 220.0, 227.0, 240.0, 300.0}
#: Stock indices and lists whose name ends in the number of members ("S&P 500", "FTSE 100",
#: "Fortune 500"): that number names the index, it is not an amount.  Other numbers after
#: the same word stay amounts ("the Dow hit 30,000").
INDEX_MEMBER_COUNTS: dict[str, set[int]] = {
    "s&p": {100, 400, 500, 600, 1500}, "s & p": {100, 400, 500, 600, 1500},
    "s p": {100, 400, 500, 600, 1500}, "sp": {100, 400, 500, 600, 1500},
    "ftse": {100, 250, 350}, "ftse mib": {40}, "stoxx": {50, 600}, "euro stoxx": {50},
    "dow": {30}, "djia": {30}, "dow jones": {30}, "russell": {1000, 2000, 3000}, "nikkei": {225},
    "nasdaq": {100}, "cac": {40}, "dax": {30, 40}, "mdax": {50}, "asx": {20, 50, 100, 200, 300},
    "ibex": {35}, "kospi": {200}, "kosdaq": {150}, "nifty": {50}, "sensex": {30}, "bse": {500},
    "csi": {300}, "topix": {100, 500}, "aex": {25}, "smi": {20}, "omx": {30}, "omxs": {30},
    "tsx": {60}, "jse top": {40}, "fortune": {100, 500, 1000}, "forbes": {400},
    "inc.": {500, 5000}, "inc": {500, 5000}, "global": {2000}, "hot": {100}, "billboard": {200},
}
_INDEX_NAME_RE = re.compile(
    r"(?:^|(?<=[\s(\"'“‘]))("
    + "|".join(re.escape(k).replace("\\ ", r"\s?") for k in sorted(INDEX_MEMBER_COUNTS, key=len, reverse=True))
    + r")\s?$",
    re.IGNORECASE,
)
YEAR_MIN, YEAR_MAX = 1100, 2199
#: Bounds for reading "Name, 66," as an age.
MIN_AGE, MAX_AGE = 1, 120
#: Words that make a following 4-digit number a year ("in 1998", "since 2014").
YEAR_CUES = {"in", "since", "by", "from", "until", "till", "to", "of", "between", "and",
             "year", "early", "late", "mid", "before", "after", "during", "circa", "through",
             "the", "summer", "winter", "spring", "autumn", "fall", "season", "fiscal", "fy"}
#: Words before "one" that make it a pronoun ("no one", "the one who").
ONE_PRONOUN_BEFORE = {"same", "no", "any", "every", "the", "this", "that", "each", "which", "some",
                      "someone", "anyone", "last", "only", "other", "another", "a", "little",
                      "big", "right", "wrong", "new", "old", "good", "loved", "such"}
ONE_PRONOUN_AFTER = {"another", "who", "whom", "whose", "which", "that", "thing", "way",
                     "day", "time", "hand", "by", "point", "side", "'s", "’s"}
#: Lexical stop words that end an object phrase (without POS tags).
OBJECT_STOP = {
    "of", "in", "on", "at", "to", "from", "for", "with", "by", "and", "or", "but", "nor",
    "that", "which", "who", "whom", "whose", "were", "was", "are", "is", "be", "been",
    "being", "have", "has", "had", "will", "would", "could", "should", "may", "might",
    "can", "must", "shall", "do", "does", "did", "said", "says", "say", "the", "a", "an",
    "this", "these", "those", "its", "their", "his", "her", "our", "my", "your", "it",
    "they", "he", "she", "we", "you", "i", "than", "as", "per", "each", "every", "into",
    "over", "under", "about", "after", "before", "since", "during", "while", "when",
    "where", "if", "so", "then", "there", "here", "not", "no", "also", "just", "only",
    "more", "less", "up", "down", "out", "off", "between", "through", "across", "against",
    "among", "around", "via", "a", "last", "next", "ago", "earlier", "later", "already",
    "still", "yet", "all", "both", "either", "according", "including", "like", "such",
    "what", "how", "why", "because", "though", "although", "whereas", "whilst", "rose",
    "fell", "rising", "falling", "compared", "versus", "vs", "toward", "towards",
    "annually", "respectively", "apiece", "each", "per", "a", "above", "below", "within",
    "without", "plus", "minus", "along", "beyond", "until", "despite", "near", "next",
    "got", "get", "gets", "went", "go", "goes", "came", "come", "made", "make", "took",
    "take", "gave", "give", "put", "set", "saw", "see",
}
OBJECT_MAX_WORDS = 5
#: Adjacency: how many characters may separate a number from its unit or scale word.
IRREGULAR_SINGULARS = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "personnel": "personnel",
    "police": "police", "troops": "troop", "staff": "staff", "series": "series",
    "species": "species", "news": "news", "crises": "crisis", "analyses": "analysis",
    "data": "data", "media": "media", "criteria": "criterion", "fishermen": "fisherman",
    "servicemen": "serviceman", "gas": "gas", "bus": "bus", "sales": "sale",
}

# ---------------------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"\d+(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)"   # 6,700 / 1,463.87
    r"|\d+(?:\.\d+)?"                        # 3 / 1.5
    r"|(?<![\w.,])\.\d+(?![\d.])"               # .001 / .500 (a leading decimal point)
    r"|[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?"      # words (incl. it's)
    r"|\S",                                  # any other single character
)


@dataclass(slots=True)
class _Tok:
    """One lexical token: its text, lower-case form and offsets."""

    text: str
    start: int
    end: int
    low: str = ""

    def __post_init__(self) -> None:
        self.low = self.text.lower()

    @property
    def is_digit(self) -> bool:
        """True for digit tokens such as '6,700', '1.5' or '.001'."""
        return self.text[0].isdigit() or (self.text[0] == "." and len(self.text) > 1)


def _tokenize(text: str) -> list[_Tok]:
    """Split ``text`` into number, word and symbol tokens with offsets."""
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------

_DIGITS_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")


def _digits_value(word: str) -> float | None:
    """Return the value of a digit string such as '6,700' or '1.5', else None."""
    if not _DIGITS_RE.match(word):
        return None
    return float(word.replace(",", ""))


def _word_sequence_value(words: list[str]) -> float | None:
    """Evaluate a sequence of number words/digits ("three hundred and five", "1.5 million").

    Returns None when the words do not form one number.
    """
    total = 0.0
    current: float | None = None
    last_kind = ""
    pending_half = False
    seen = False
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word in ("and", "-"):
            if last_kind not in ("hundred", "scale", "tens") or index >= len(words):
                return None
            continue
        digits = _digits_value(word)
        if digits is not None:
            if last_kind not in ("",):
                return None
            current, last_kind, seen = digits, "digits", True
            continue
        if word in ("a", "an"):
            if index >= len(words) or last_kind not in ("", "half"):
                return None
            if last_kind != "half":
                current, last_kind = 1.0, "article"
            continue
        if word == "half":
            if last_kind not in ("", "and") or pending_half:
                return None
            pending_half, last_kind = True, "half"
            continue
        if word in UNITS_WORDS:
            if last_kind in ("units", "digits", "article", "half") or (
                last_kind == "tens" and UNITS_WORDS[word] >= 10
            ):
                return None
            current = (current or 0.0) + UNITS_WORDS[word] if last_kind == "tens" or last_kind == "hundred" else (
                UNITS_WORDS[word] if current is None else current + UNITS_WORDS[word]
            )
            last_kind, seen = "units", True
            continue
        if word in TENS_WORDS:
            if last_kind in ("units", "tens", "digits", "article", "half"):
                return None
            current = (current or 0.0) + TENS_WORDS[word]
            last_kind, seen = "tens", True
            continue
        if word == "dozen":
            if last_kind in ("scale", "hundred"):
                return None
            current = (current if current is not None else 1.0) * DOZEN
            last_kind, seen = "units", True
            continue
        if word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            base = current if current is not None else (1.0 if pending_half else None)
            if base is None:
                return None
            if pending_half:
                base *= HALF
                pending_half = False
            if scale == 100:
                if last_kind == "hundred":
                    return None
                current, last_kind = base * 100, "hundred"
            else:
                total += base * scale
                current, last_kind = None, "scale"
            seen = True
            continue
        return None
    if pending_half or not seen or last_kind in ("article",):
        return None
    return total + (current or 0.0)


_CURRENCY_STRIP_RE = re.compile(
    r"^(?:US\s?\$|U\.S\.\$|[A-Z]{1,3}\s?\$|\$[A-Z]?|€|£|¥|₹|₩|₽|₴|₪|Rs\.?|RM|USD|EUR|GBP|JPY|"
    r"CNY|INR|KRW|RUB|UAH|Y=)\s*"
)
_GLUED_SCALE_RE = re.compile(
    r"^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(k|m|mn|mln|bn|b|bln|tn|trn|M|K|B)$"
)


def parse_number(text: str) -> float:
    """Parse the words of one number into a float.

    Args:
        text: a number as written: digits with commas, digits with a scale word or
            abbreviation, number words, or any of these after a currency symbol.

    Returns:
        The value as a float.

    Raises:
        InputError: ``text`` is not a number.

    Example:
        >>> parse_number("half a million"), parse_number("$60 billion"), parse_number("3mn")
        (500000.0, 60000000000.0, 3000000.0)
    """
    if not isinstance(text, str):
        raise InputError(f"not a number: {text!r}; pass the number's words as a string")
    raw = text.strip()
    value: float | None = None
    if raw and len(raw) <= 200:
        stripped = _CURRENCY_STRIP_RE.sub("", raw).strip()
        glued = _GLUED_SCALE_RE.match(stripped)
        if glued:
            value = float(glued.group(1).replace(",", "")) * SCALE_WORDS[glued.group(2).lower()]
        else:
            words = [w for w in re.split(r"[\s]+|(?<=[a-z])-(?=[a-z])", stripped.lower()) if w]
            if words:
                value = _word_sequence_value(words)
    if value is None or math.isnan(value) or math.isinf(value) or abs(value) > MAX_VALUE:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise InputError(f"not a number: {shown!r}; pass digits or number words such as '3 million'")
    return value


def parse_qualifier(text: str) -> str | None:
    """Normalise a surface qualifier to one of ``model.QUALIFIERS``.

    Args:
        text: the qualifier words, e.g. "more than", "Some", "as many as".

    Returns:
        The normalised qualifier ("more_than", "approx", …), or None when unknown.

    Example:
        >>> parse_qualifier("upwards of"), parse_qualifier("close to"), parse_qualifier("red")
        ('more_than', 'nearly', None)
    """
    if not isinstance(text, str):
        return None
    key = " ".join(text.lower().split())
    return QUALIFIER_FORMS.get(key)


# ---------------------------------------------------------------------------------------
# Finding
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Number:
    """A number phrase found in the token stream (before units and context)."""

    first: int               # token index of the first number token
    last: int                # token index of the last number token
    value: float | None
    vague: bool = False
    has_scale: bool = False
    words: list[str] = field(default_factory=list)
    fraction: bool = False   # "a third", "two-thirds", "1/16", "one in three"


def _is_number_word(low: str) -> bool:
    """True for a word that can be part of a spelled-out number."""
    return low in UNITS_WORDS or low in TENS_WORDS or low in ("hundred", "thousand", "million",
                                                             "billion", "trillion", "dozen")


def _glued(tokens: list[_Tok], i: int) -> bool:
    """True when token i touches token i-1 (no space between)."""
    return i > 0 and tokens[i - 1].end == tokens[i].start


def _read_number(tokens: list[_Tok], i: int) -> _Number | None:
    """Read the number phrase starting at token ``i`` (digits or words), or None."""
    tok = tokens[i]
    low = tok.low
    n = len(tokens)
    fraction = _read_fraction(tokens, i)
    if fraction is not None:
        return fraction
    if tok.is_digit:
        sci = _read_scientific(tokens, i)
        if sci is not None:
            return sci
        words = [tok.text]
        j = i
        # scale words after digits: "3 million", "4 hundred million", "3m", "1.5bn"
        has_scale = False
        while j + 1 < n:
            nxt = tokens[j + 1]
            if nxt.low in ("hundred", "thousand", "million", "billion", "trillion"):
                words.append(nxt.low)
                j += 1
                has_scale = True
                continue
            if nxt.low in SCALE_ABBREVIATIONS and not has_scale and (
                _glued(tokens, j + 1) or nxt.low in ("mn", "bn", "mln", "bln", "trn", "tn")
            ):
                if nxt.low in ("m", "b", "k") and not _glued(tokens, j + 1):
                    break
                words.append(nxt.low)
                j += 1
                has_scale = True
                break
            break
        value = _word_sequence_value([w.lower() for w in words])
        if value is None:
            return None
        return _Number(i, j, value, has_scale=has_scale, words=words)
    # vague: "thousands of", "tens of thousands of", "hundreds of millions of"
    if low in VAGUE_WORDS:
        j = i
        while j + 2 < n and tokens[j + 1].low == "of" and tokens[j + 2].low in VAGUE_WORDS - {"tens", "dozens"}:
            j += 2
        if low == "tens" and j == i:
            return None
        return _Number(i, j, None, vague=True, words=[t.low for t in tokens[i:j + 1]])
    starts_article = low in ("a", "an", "half")
    if not (_is_number_word(low) or starts_article):
        return None
    j = i
    words = [low]
    while j + 1 < n:
        nxt = tokens[j + 1]
        if nxt.low == "-" and j + 2 < n and _glued(tokens, j + 1) and tokens[j + 2].start == nxt.end \
                and tokens[j + 2].low in UNITS_WORDS and tokens[j].low in TENS_WORDS:
            words.extend(["-", tokens[j + 2].low])
            j += 2
            continue
        if nxt.low == "and" and j + 2 < n and tokens[j].low in ("hundred", "thousand", "million", "billion") \
                and (tokens[j + 2].low in UNITS_WORDS or tokens[j + 2].low in TENS_WORDS):
            words.extend(["and", tokens[j + 2].low])
            j += 2
            continue
        if _is_number_word(nxt.low) or (nxt.low in ("a", "an") and words[-1] == "half"):
            words.append(nxt.low)
            j += 1
            continue
        break
    if starts_article:
        # "a million", "an estimated" is not a number; "half a million" is.
        if len(words) < 2 or not any(w in ("hundred", "thousand", "million", "billion", "trillion", "dozen") for w in words):
            return None
    value = _word_sequence_value(words)
    if value is None:
        # fall back to the longest valid prefix
        for k in range(len(words) - 1, 0, -1):
            value = _word_sequence_value(words[:k])
            if value is not None:
                j = i + _token_span_for_words(words[:k]) - 1
                words = words[:k]
                break
        if value is None:
            return None
    has_scale = any(w in ("thousand", "million", "billion", "trillion") for w in words)
    return _Number(i, j, value, has_scale=has_scale, words=words)


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
#: Scientific notation after a mantissa: "×10−30", " x 10^-8", "×10⁻³".
_SCIENTIFIC_RE = re.compile(r"\s?[×xX*]\s?10(?:\^|\*\*)?\s?([−\-–]?\d{1,3}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![\d,])")


def _read_scientific(tokens: list[_Tok], i: int) -> _Number | None:
    """Read "1.99×10−30" / "2.998 x 10^-8" / "6×10²³" at digit token ``i``."""
    tok = tokens[i]
    text_after = "".join(
        (" " if k > i + 1 and tokens[k].start > tokens[k - 1].end else "") + tokens[k].text
        for k in range(i + 1, min(i + 8, len(tokens)))
        if all(tokens[m].start - tokens[m - 1].end <= 1 for m in range(i + 1, k + 1))
    )
    if i + 1 < len(tokens) and tokens[i + 1].start > tok.end:
        text_after = " " + text_after
    m = _SCIENTIFIC_RE.match(text_after)
    mantissa = _digits_value(tok.text)
    if m is None or mantissa is None:
        return None
    exponent = int(m.group(1).translate(_SUPERSCRIPTS).replace("−", "-").replace("–", "-"))
    # the token that ends the exponent
    consumed = len(m.group(0).replace(" ", ""))
    j, used = i, 0
    while used < consumed and j + 1 < len(tokens):
        j += 1
        used += len(tokens[j].text)
    if used != consumed:
        return None
    value = mantissa * 10.0 ** exponent
    return _Number(i, j, value, has_scale=True, words=[t.text for t in tokens[i:j + 1]])


_SMALL_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                     "seven": 7, "eight": 8, "nine": 9}


def _read_fraction(tokens: list[_Tok], i: int) -> _Number | None:
    """Read a fraction at token ``i``: "1/16" or "1⁄32" (before "of" or a unit is checked by
    the caller's context), "a third of", "two-thirds of", "three quarters of", "half the",
    and ratios "one in three", "one out of five"."""
    n = len(tokens)
    tok = tokens[i]
    low = tok.low
    # 1/16, 1⁄32: numerator < denominator, not a date (no second slash) and not "24/7"
    if tok.is_digit and i + 2 < n and tokens[i + 1].text in ("/", "⁄") and _glued(tokens, i + 1) \
            and _glued(tokens, i + 2) and tokens[i + 2].is_digit and "," not in tok.text + tokens[i + 2].text:
        after = tokens[i + 3] if i + 3 < n else None
        if after is not None and after.text in ("/", "⁄", "-", ".") and after.start == tokens[i + 2].end \
                and i + 4 < n and tokens[i + 4].is_digit:
            return None
        num, den = _digits_value(tok.text), _digits_value(tokens[i + 2].text)
        if num is None or not den or num >= den:
            return None
        follows_of = after is not None and after.low == "of"
        if tokens[i + 1].text == "⁄" or follows_of or (after is not None and after.text[0].isalpha()
                                                       and after.low in UNIT_FORMS):
            return _Number(i, i + 2, num / den, words=[tok.text, "/", tokens[i + 2].text], fraction=True)
        return None
    # "half the condos", "almost half of which"
    if low == "half":
        prev = tokens[i - 1].low if i > 0 else ""
        nxt = tokens[i + 1].low if i + 1 < n else ""
        if nxt in HALF_BEFORE and prev not in HALF_NOT_AMOUNT_BEFORE and not (i > 0 and tokens[i - 1].text == "-"):
            return _Number(i, i, HALF, words=["half"], fraction=True)
        return None
    # "a third of", "two-thirds of", "one fourth of", "three quarters of"
    if low in _SMALL_NUMERATORS:
        j = i + 1
        if j < n and tokens[j].text in ("-", "–") and _glued(tokens, j) and j + 1 < n and _glued(tokens, j + 1):
            j += 1
        if j < n and tokens[j].low in FRACTION_WORDS and j + 1 < n and tokens[j + 1].low == "of":
            den_word = tokens[j].low
            num = _SMALL_NUMERATORS[low]
            if (num == 1) == den_word.endswith("s"):
                return None  # "two third of", "a thirds of": not a fraction as written
            return _Number(i, j, num / FRACTION_WORDS[den_word], words=[t.low for t in tokens[i:j + 1]],
                           fraction=True)
    # ratios: "one in three adults", "1 in 5", "one out of three Germans"
    if low in _SMALL_NUMERATORS and low not in ("a", "an") or (tok.is_digit and tok.text.isdigit()):
        j = i + 1
        if j < n and tokens[j].low == "in":
            j += 1
        elif j + 1 < n and tokens[j].low == "out" and tokens[j + 1].low == "of":
            j += 2
        else:
            return None
        if j >= n:
            return None
        den_tok = tokens[j]
        den = _digits_value(den_tok.text) if den_tok.is_digit else (
            UNITS_WORDS.get(den_tok.low) or TENS_WORDS.get(den_tok.low) or (100 if den_tok.low == "hundred" else None))
        num = _SMALL_NUMERATORS.get(low) if not tok.is_digit else _digits_value(tok.text)
        if not den or not num or num >= den or (den_tok.is_digit and "." in den_tok.text):
            return None
        after = tokens[j + 1] if j + 1 < n else None
        if after is not None and after.text[0].isalpha() and (after.low in UNIT_FORMS or after.low in SCALE_WORDS
                                                               or after.low in MONTHS):
            return None  # "1 in 10 years", "one in 3 million"
        if den_tok.is_digit and len(den_tok.text) == 4 and YEAR_MIN <= den <= YEAR_MAX:
            return None  # "one in 2019"
        if after is not None and after.text in ("-", "–", "/", ":") and after.start == den_tok.end:
            return None
        return _Number(i, j, num / den, words=[t.low for t in tokens[i:j + 1]], fraction=True)
    return None


def _token_span_for_words(words: list[str]) -> int:
    """Number of tokens covered by the word list (one token per word)."""
    return len(words)


def _prev_word(tokens: list[_Tok], i: int) -> _Tok | None:
    """The nearest alphabetic token before index i (skipping nothing), or None."""
    return tokens[i - 1] if i > 0 else None


def _sentence_initial(text: str, tok: _Tok) -> bool:
    """True when ``tok`` starts the text or follows sentence punctuation."""
    before = text[: tok.start].rstrip()
    return not before or before[-1] in ".!?\"“;(—–-"


_TIME_AFTER_RE = re.compile(r"\s?(?:a\.m\.|p\.m\.|am|pm|GMT|BST|UTC|ET|EST|EDT|PST|CET|hrs\b)(?![A-Za-z])", re.IGNORECASE)
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_PHONE_RE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b")
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "s"}
#: Letters that may touch the digits because they spell a currency ("RM23", "US$5").
_GLUED_CURRENCY_WORDS = {k.rstrip("$= .") for k in CURRENCY_PREFIXES if k[0].isalpha()} | {
    "US", "HK", "A", "C", "NZ", "S", "AU", "R"}


#: Letter-only currency forms that may touch the digits on their own ("RM23", "Rs500").
_LETTER_CURRENCIES = {k for k in CURRENCY_PREFIXES if k.isalpha()} | {"Rs", "PS"}


def _glued_currency(tokens: list[_Tok], k: int, number: _Number) -> bool:
    """True when the letters at token ``k``, touching the number, spell its currency:
    "RM23", "$US55,931,000", "$A82m", "PS2.7m" (an ASCII-folded "£"); not "S23" or "A1"."""
    word = tokens[k].text
    if word == "PS":  # "£" folded to ASCII; "PS5" is a games console, so ask for a money-like number
        first = tokens[number.first].text
        return number.has_scale or "," in first or "." in first
    if word in _LETTER_CURRENCIES:
        return True
    if word in _GLUED_CURRENCY_WORDS and k > 0 and tokens[k - 1].text == "$" and tokens[k - 1].end == tokens[k].start:
        return True  # "$US", "$A", "$C", "$NZ"
    return False


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans that hold times of day and phone numbers."""
    spans = [m.span() for m in _TIME_RE.finditer(text)]
    spans += [m.span() for m in _PHONE_RE.finditer(text)]
    return spans


def _match_unit(text: str, pos: int, value: float) -> tuple[str, int, str] | None:
    """Match a unit right after ``pos``; return (normalised unit, end, surface) or None."""
    m = _UNIT_RE.match(text, pos)
    if not m:
        return None
    surface = m.group(1)
    key = surface.lower()
    glued = m.start(1) == pos
    if key in _CASE_EXACT and surface not in _CASE_EXACT[key]:
        return None
    if key in _GLUED_ONLY and not glued:
        return None
    if key == "m" and not glued and text[pos:m.start(1)] == "-":
        return None
    norm = UNIT_FORMS[key]
    if key in ("c", "f") and not glued:
        return None
    if key == "won" and value is not None and value < 10 and not glued:
        # "won 3" is a verb; "3 won" rarely sensible for tiny amounts
        return None
    end = m.end()
    # "degrees" followed by C/F
    if norm == "degree":
        m2 = re.match(r"\s?(?:celsius|centigrade|C\b)", text[end:])
        if m2:
            return "celsius", end + m2.end(), text[m.start(1):end + m2.end()]
        m2 = re.match(r"\s?(?:fahrenheit|F\b)", text[end:])
        if m2:
            return "fahrenheit", end + m2.end(), text[m.start(1):end + m2.end()]
    return norm, end, surface


def _match_rate(text: str, pos: int) -> tuple[str, int] | None:
    """Match '/day', 'per barrel', 'a year' after a unit; return (denominator, end)."""
    m = _RATE_RE.match(text, pos)
    if m:
        return RATE_DENOMINATORS[m.group(1).lower()], m.end()
    m = _RATE_CODE_RE.match(text, pos)
    if m:
        return _RATE_CODES[m.group(1).lower()], m.end()
    return None


@dataclass(slots=True)
class _Found:
    """A quantity under construction (offsets relative to ``text``)."""

    start: int
    end: int
    value: float | None
    value_max: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    qualifier_text: str | None = None
    vague: bool = False
    tail_token: int = 0      # index of the first token after the amount
    object: str | None = None
    object_head: str | None = None
    detail: str | None = None
    conjunction: str | None = None
    concept: str | None = None
    change: str | None = None


def _singular(word: str) -> str:
    """Return a lower-case, lemma-ish singular of an English noun."""
    low = word.lower()
    if low in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[low]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and re.search(r"(?:ss|sh|ch|x|zz)es$", low):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def find_quantities(text: str, *, offset: int = 0, tokens: Any = None) -> list[Quantity]:
    """Return every amount mentioned in ``text``, sorted by start offset.

    Args:
        text: a sentence or passage.
        offset: added to every start/end, so a caller can pass a sentence and its offset
            in the article.
        tokens: optional spaCy ``Doc`` or ``Span`` whose text equals ``text``; its POS
            tags are used to find the counted object.

    Returns:
        ``Quantity`` objects; ``text[q.start - offset:q.end - offset] == q.text``.

    Example:
        >>> [q.value for q in find_quantities("about 6,700 containers or 3m shells")]
        [6700.0, 3000000.0]
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        found = _find(text)
    except (ValueError, IndexError, KeyError, OverflowError) as exc:  # defensive: never raise
        logger.warning("quantity finder failed on %r: %s", text[:80], exc)
        return []
    spacy_tokens = _index_tokens(tokens, text)
    toks = _tokenize(text)
    for item in found:
        try:
            if spacy_tokens is not None:
                _object_from_tokens(text, item, spacy_tokens)
            else:
                _object_from_words(text, item, toks)
        except (ValueError, IndexError, AttributeError) as exc:  # pragma: no cover - defensive
            logger.debug("object lookup failed: %s", exc)
    if spacy_tokens is not None:
        _concepts(text, found, spacy_tokens)
    _link_conjunctions(text, found)
    _hyphen_compounds(text, found)
    _share_elided(text, found)
    _index_levels(text, found)
    _signed_changes(text, found)
    _share_conversions(text, found)
    out = []
    for item in sorted(found, key=lambda f: (f.start, f.end)):
        out.append(Quantity(
            value=item.value, value_max=item.value_max, text=text[item.start:item.end],
            start=item.start + offset, end=item.end + offset, qualifier=item.qualifier,
            qualifier_text=item.qualifier_text, unit=item.unit, object=item.object,
            object_head=item.object_head, detail=item.detail, conjunction=item.conjunction,
            vague=item.vague, concept=item.concept, change=item.change,
        ))
    return out


def _in_blocked(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the blocked spans."""
    return any(s < end and start < e for s, e in spans)


def _find(text: str) -> list[_Found]:
    """Scan ``text`` and return the amounts (without objects)."""
    tokens = _tokenize(text)
    blocked = _blocked_spans(text)
    results: list[_Found] = []
    i = 0
    n = len(tokens)
    while i < n:
        number = _read_number(tokens, i)
        if number is None:
            i += 1
            continue
        if i > 1 and tokens[i - 1].text in ("-", "–", "/") and tokens[i - 1].end == tokens[i].start \
                and tokens[i - 2].end == tokens[i - 1].start and tokens[i - 2].is_digit:
            i = number.last + 1  # the tail of a rejected "2014-15", "Oct. 18-22", "ISO 3888-2"
            continue
        item = _build(text, tokens, number)
        if item is None:
            i = number.last + 1
            continue
        if _in_blocked(blocked, item.start, item.end):
            i = max(item.tail_token, i + 1)
            continue
        results.append(item)
        i = max(item.tail_token, i + 1)
    return results


def _rejected(text: str, tokens: list[_Tok], number: _Number) -> bool:
    """True when the number is a year, date, ordinal, model number or pronoun 'one'."""
    first = tokens[number.first]
    last = tokens[number.last]
    n = len(tokens)
    prev = tokens[number.first - 1] if number.first > 0 else None
    prev2 = tokens[number.first - 2] if number.first > 1 else None
    nxt = tokens[number.last + 1] if number.last + 1 < n else None
    if first.is_digit:
        # glued to a letter or letter-hyphen before: F-16, COVID-19, G7, cac40
        if prev is not None and prev.end == first.start:
            if prev.text[0].isalpha() and not _glued_currency(tokens, number.first - 1, number):
                return True  # "Galaxy S23", "Audi A1", "PLX-R18", "G7"
            if prev.text == "-" and prev2 is not None and prev2.end == prev.start and prev2.text[0].isalpha() \
                    and prev2.low not in ("minus", "to", "from", "sub"):  # "sub-7 nanometer" is an amount
                return True
            if prev.text in ("#", "№", "/", ":", "."):
                return True
        # glued suffix: 2nd, 1970s, 5G, 3D (units and scales are handled elsewhere)
        if nxt is not None and nxt.start == last.end and nxt.text[0].isalpha():
            suffix = nxt.low
            if suffix in _ORDINAL_SUFFIXES:
                return True
            if not number.has_scale and _match_unit(text, last.end, number.value or 0) is None \
                    and suffix not in SCALE_ABBREVIATIONS:
                return True
        if nxt is not None and nxt.start == last.end and nxt.text == "/" and number.last + 2 < n \
                and tokens[number.last + 2].start == nxt.end and tokens[number.last + 2].is_digit \
                and not number.fraction:
            return True  # dates and codes: "9/11", "1/16/2020", "24/7"
        if nxt is not None and nxt.start == last.end and nxt.text in ("'", "’") and number.first + 2 < n \
                and tokens[number.first + 2].low == "s":
            return True
        if nxt is not None and nxt.start == last.end and nxt.text in (".",) and number.last + 2 < n \
                and tokens[number.last + 2].start == nxt.end and tokens[number.last + 2].is_digit:
            return True  # version numbers like 3.2.1
        raw = first.text
        if not number.has_scale and "," not in raw and "." not in raw and len(raw) == 4:
            year = int(raw)
            if YEAR_MIN <= year <= YEAR_MAX and _looks_like_year(text, tokens, number):
                return True
        if "," not in raw and "." not in raw and not number.has_scale and number.value is not None \
                and 1 <= number.value <= 31:
            # "Feb 16", "Oct. 31", "16 February"
            if prev is not None and prev.low in MONTHS and (prev.text[0].isupper()):
                return True
            if prev is not None and prev.text == "." and prev2 is not None and prev2.low in MONTHS:
                return True
            if nxt is not None and nxt.low in MONTHS and nxt.text[0].isupper() and (nxt.low != "may" or nxt.text == "May"):
                return True
        if _TIME_AFTER_RE.match(text, last.end):
            return True
        if _is_index_name(text, first.start, number):
            return True
        if _age_after_name(tokens, number):
            return False
        # identifiers: "S&P 500", "Section 427", "Model 3", "No. 10"
        if prev is not None and _is_identifier_label(text, tokens, number.first - 1) \
                and not number.has_scale and _match_unit(text, last.end, number.value or 0) is None:
            return True
    else:
        if first.low == "one" and number.last == number.first:
            if prev is not None and prev.low in ONE_PRONOUN_BEFORE:
                return True
            if nxt is not None and nxt.low in ONE_PRONOUN_AFTER:
                return True
            if nxt is not None and nxt.low == "of" and number.last + 2 < n and tokens[number.last + 2].low in (
                "the", "his", "her", "its", "their", "our", "my", "your", "those", "these", "them", "us",
                "which", "whom", "many", "several", "its", "this", "that", "a", "an",
            ):
                return True
            if nxt is not None and nxt.text in (",", ".", ";", "!", "?", ")") and prev is not None and prev.low in (
                "that", "this", "the", "which",
            ):
                return True
            if prev is not None and prev.text in ("-",) and prev.end == first.start:
                return True
            if nxt is not None and nxt.text == "-" and nxt.start == first.end:
                return True  # "one-off", "one-sided"
        if prev is not None and prev.text == "-" and prev.end == first.start and prev2 is not None \
                and prev2.end == prev.start and prev2.text[0].isalpha() and prev2.low not in TENS_WORDS:
            return True  # "Catch-Twenty"
        if first.text[0].isupper() and number.first > 0 and _is_identifier_label(text, tokens, number.first - 1) \
                and not _sentence_initial(text, first):
            return True  # "BBC One", "Formula One"
    return False


#: Words after "First Last 44" that show the number is the person's age.
AGE_AFTER_NAME_VERBS = {"has", "had", "is", "was", "said", "says", "who", "will", "would", "told", "died",
                        "had", "became", "lives", "lived", "wrote", "added", "from", "of"}
#: Capitalised labels that a number follows as an identifier, not as an age.
LABEL_WORDS = {"section", "chapter", "room", "route", "flight", "bowl", "row", "level", "grade", "article",
               "category", "highway", "interstate", "gate", "terminal", "platform", "page", "volume",
               "season", "episode", "game", "week", "round", "stage", "day", "model", "version", "phase",
               "act", "rule", "item", "class", "district", "ward", "building", "block", "unit", "suite",
               "floor", "pier", "lot", "part", "title", "amendment", "number", "no", "track", "lane",
               "street", "avenue", "road", "precinct", "squadron", "battalion", "division", "brigade",
               "regiment", "corps", "fleet", "army", "group", "channel", "series", "mark", "mk", "type"}
AGE_AFTER_NAME_MIN = 15


def _age_after_name(tokens: list[_Tok], number: _Number) -> bool:
    """True for an age written straight after a person's name: "Nick Hague 44 has spent"."""
    k = number.first
    if k < 2 or k + 1 >= len(tokens) or number.last != k or number.has_scale:
        return False
    first, last, nxt = tokens[k - 2], tokens[k - 1], tokens[k + 1]
    value = number.value
    if value is None or not value.is_integer() or not AGE_AFTER_NAME_MIN <= value <= MAX_AGE:
        return False
    if not tokens[k].text.isdigit() or nxt.low not in AGE_AFTER_NAME_VERBS or not nxt.text.islower():
        return False
    names = (first, last)
    return all(t.text.isalpha() and t.text[0].isupper() and t.text[1:].islower() and len(t.text) > 1
               and t.low not in LABEL_WORDS and t.low not in MONTHS and t.low not in OBJECT_STOP
               for t in names) and tokens[k - 1].end < tokens[k].start


def _is_index_name(text: str, start: int, number: _Number) -> bool:
    """True for the member count in an index or list name: "S&P 500", "sp 500", "FTSE 100"."""
    if number.has_scale or number.value is None or not number.value.is_integer() or number.last != number.first:
        return False
    m = _INDEX_NAME_RE.search(text, 0, start)
    if m is None:
        return False
    name = re.sub(r"\s+", " ", m.group(1).lower())
    sizes = INDEX_MEMBER_COUNTS.get(name) or INDEX_MEMBER_COUNTS.get(name.replace(" ", ""), set())
    if name in ("global", "hot", "billboard", "inc", "inc.") and not m.group(1)[0].isupper():
        return False  # "global 2000" in lower case is not Forbes' list
    return int(number.value) in sizes


def _is_identifier_label(text: str, tokens: list[_Tok], k: int) -> bool:
    """True when token k is a capitalised name that labels the following number."""
    tok = tokens[k]
    if tok.text in ("No", "Number", "Nos") and k + 1 < len(tokens):
        return True
    if tok.text == "." and k > 0 and tokens[k - 1].text in ("No", "Nos", "no"):
        return True
    if tok.text in ("&P",):
        return True
    if tok.text == "P" and k > 1 and tokens[k - 1].text == "&":
        return True
    if not tok.text[0].isalpha() or not any(ch.isupper() for ch in tok.text[:2]):
        return False
    if tok.text in _GLUED_CURRENCY_WORDS or tok.text in CURRENCY_PREFIXES:
        return False
    if tok.low in MONTHS or tok.low in QUALIFIER_FORMS or tok.low in UNIT_FORMS:
        return False
    if tok.low in OBJECT_STOP or tok.low in ("only", "just", "some", "about", "nearly", "almost", "roughly"):
        return False
    if _sentence_initial(text, tok):
        return False
    return True


def _looks_like_year(text: str, tokens: list[_Tok], number: _Number) -> bool:
    """Decide whether a bare 4-digit integer is a year."""
    n = len(tokens)
    prev = tokens[number.first - 1] if number.first > 0 else None
    nxt = tokens[number.last + 1] if number.last + 1 < n else None
    last = tokens[number.last]
    if prev is not None and (prev.text in CURRENCY_PREFIXES or prev.text in ("$", "€", "£", "¥")):
        if prev.end == tokens[number.first].start:
            return False
    if _match_unit(text, last.end, 0.0) is not None:
        unit = _match_unit(text, last.end, 0.0)
        if unit and unit[0] not in ("m", "year"):
            return False
    before = text[: tokens[number.first].start]
    if _QUALIFIER_RE.search(before.rstrip() + " " if before.endswith(" ") else before):
        qual = _QUALIFIER_RE.search(before.rstrip())
        if qual and qual.group(1).lower() not in ("over", "around", "about", "by", "since", "circa", "c.", "under",
                                                 "before", "after", "beyond", "above"):
            return False
    if nxt is not None and nxt.text[0].isalpha() and nxt.text[0].islower() and nxt.low.endswith("s") \
            and nxt.low not in OBJECT_STOP and not nxt.low.endswith("ss") and nxt.low not in ("was", "has", "is"):
        # "1500 people", "2000 troops"
        if prev is None or prev.low not in ("in", "since", "by", "of", "from", "until", "to", "the"):
            return False
    return True


def _is_calibre(text: str, tokens: list[_Tok], number: _Number, unit: str | None, unit_end: int) -> bool:
    """True for a calibre like '152mm shells' / '122-mm' that is not an amount."""
    if unit != "mm" or number.value is None or number.has_scale:
        return False
    first = tokens[number.first]
    if number.value not in CALIBRES_MM:
        return False
    before = text[: first.start].rstrip().lower()
    after = text[unit_end:].lstrip().lower()
    word = re.match(r"[a-z-]+", after)
    if word and (word.group() in CALIBRE_NOUNS or word.group().rstrip("s") in CALIBRE_NOUNS):
        return True
    if re.search(r"(?:^|\s)(?:of|by|to|is|was|were|are|measured|measuring)$", before):
        return False
    if _QUALIFIER_RE.search(before + " ") if before else False:
        return False
    # "152mm and 122mm shells", "500,000 122mm shells"
    if re.match(r"(?:and|or|,)\s*\d", after):
        return True
    prev = text[: first.start].rstrip()
    if prev and (prev[-1].isdigit() or re.search(r"(?:thousand|million|billion|dozens?|hundreds?)$", prev.lower())):
        return True
    return False


def _build(text: str, tokens: list[_Tok], number: _Number) -> _Found | None:
    """Turn a number phrase into a quantity with range, currency, unit and qualifier."""
    if _rejected(text, tokens, number):
        return None
    first_tok = tokens[number.first]
    start = first_tok.start
    pos = tokens[number.last].end
    value = number.value
    value_max: float | None = None
    last_index = number.last
    vague = number.vague

    # sign: "-1.3%", "minus 130 degrees", "$-50.8bn", "+0.2%"
    sign = 1.0
    if first_tok.is_digit and number.first > 0:
        prev = tokens[number.first - 1]
        if prev.text in ("-", "−", "–") and prev.end == start and (
            number.first < 2 or tokens[number.first - 2].end < prev.start
            or tokens[number.first - 2].text in ("$", "(", "€", "£")
        ):
            sign, start = -1.0, prev.start
        elif prev.text == "+" and prev.end == start:
            start = prev.start
    before = text[:start]
    minus = re.search(r"(?:^|[\s,(])(minus|negative)[\s-]$", before, re.IGNORECASE)
    if minus and sign > 0:
        sign, start = -1.0, minus.start(1)

    # currency before the number
    unit: str | None = None
    currency = _CURRENCY_PREFIX_RE.search(text[:start])
    if currency and currency.group(1) == "PS" and (currency.end(1) != start or not _glued_currency(
            tokens, number.first - 1, number)):
        currency = None  # "PS" is "£" only glued to a money-like number ("PS2.7m", not "PS 5")
    if currency and first_tok.is_digit:
        unit = CURRENCY_PREFIXES[currency.group(1)]
        start = currency.start(1)
        # sign between the currency and the digits: "$-50.8bn"
    if sign < 0 and start > 0:
        cur2 = _CURRENCY_PREFIX_RE.search(text[:start])
        if cur2 and unit is None:
            unit, start = CURRENCY_PREFIXES[cur2.group(1)], cur2.start(1)

    # decide what a glued/loose "m" means: million after a currency or before a noun
    if number.words and number.words[-1] == "m" and first_tok.is_digit:
        after = text[pos:]
        next_word = re.match(r"\s+([A-Za-z]+)", after)
        is_million = unit is not None or tokens[number.last].text == "M" or (
            next_word is not None and next_word.group(1).lower() not in OBJECT_STOP
            and next_word.group(1).lower() not in ("tall", "high", "long", "wide", "deep", "away",
                                                   "above", "below", "race", "sprint", "hurdles")
            and not next_word.group(1)[0].isupper()
        )
        if not is_million:
            value = _digits_value(tokens[number.first].text)
            pos = tokens[number.first].end
            last_index = number.first
            number = _Number(number.first, number.first, value, words=[tokens[number.first].text])

    if value is not None:
        value *= sign

    # range: "40 to 60", "2-3 million", "between 2 and 3 million", "from $2,415 to $2,315"
    range_match = None if number.fraction else _read_range(text, tokens, number, last_index, unit)
    if range_match is not None:
        value_lo, value_hi, last_index, pos = range_match
        if number.has_scale is False and value_lo is not None:
            value = value_lo * sign
        value_max = value_hi
    if range_match is not None and value is not None and value == value_max \
            and unit is None and text[tokens[number.last].end:tokens[number.last].end + 1] in ("-", "–"):
        return None  # a tie, not a range: "ended 2-2", "tied at 89-89"
    if _is_address_or_code(text, start, pos):
        return None
    # unit after the number
    unit_match = _match_unit(text, pos, value if value is not None else 0.0)
    if unit_match is not None and not vague:
        norm, end, surface = unit_match
        if _is_calibre(text, tokens, number, norm, end):
            return None
        if unit is None or norm in ("percent",):
            # "$60 billion dollars" keeps USD; "5 dollars" sets it
            if unit is None or norm not in ("USD",):
                unit = norm if unit is None else unit
            pos = end
        elif unit is not None and norm == "USD":
            pos = end
        if norm == "year" and re.match(r"-?old\b|\s+old\b", text[pos:]):
            m_old = re.match(r"-?old\b|\s+old\b", text[pos:])
            unit = "year_of_age"
            pos += m_old.end()  # type: ignore[union-attr]
    if unit is None and number.fraction:
        unit = "fraction"  # "a third of those screened"
        of_unit = re.match(r"\s+of\s+an?\s+(?:(?:US|U\.S\.|imperial|metric)\s+)?", text[pos:])
        if of_unit:  # "1/16 of a US pint": a fraction of a unit is an amount in that unit
            measured = _match_unit(text, pos + of_unit.end(), value or 0.0)
            if measured is not None and measured[0] not in ("USD", "EUR", "GBP", "year", "times") \
                    and re.match(r"\s*(?:[,.;:)]|$|\s(?!of\b))", text[measured[1]:]):
                unit, pos = measured[0], measured[1]
    if unit == "year" and re.search(r"\bage\s+of\s*$", text[:start], re.IGNORECASE):
        unit = "year_of_age"  # "under the age of 5 years"
    if unit is None and value_max is None and _age_after_name(tokens, number):
        unit = "year_of_age"  # "Nick Hague 44 has spent"
    # "Maddon, 66, said": a bare integer set off by commas after a name is an age
    if unit is None and value is not None and value_max is None and not number.has_scale \
            and value.is_integer() and MIN_AGE <= value <= MAX_AGE and first_tok.is_digit:
        k = number.first
        if k > 1 and tokens[k - 1].text == "," and tokens[k - 2].text[:1].isupper() \
                and tokens[k - 2].text[0].isalpha() and k + 1 < len(tokens) and tokens[k + 1].text == ",":
            unit = "year_of_age"
    if unit is not None:
        rate = _match_rate(text, pos)
        if rate is not None and unit not in ("year_of_age",):
            unit = f"{unit}/{rate[0]}"
            pos = rate[1]
        elif unit not in ("year_of_age", "fraction"):
            # a conversion in brackets sits between the amount and its rate:
            # "9 billion shekels ($2.408 billion) a year", "C$6 (US$4.46) per share"
            bracket = re.match(r"\s*\([^()]{1,40}\)", text[pos:])
            if bracket and re.search(r"\d", bracket.group(0)):
                rate = _match_rate(text, pos + bracket.end())
                if rate is not None:
                    unit = f"{unit}/{rate[0]}"
    # qualifier before
    qualifier = qualifier_text = None
    if range_match is None or not text[:start].rstrip().lower().endswith(("between", "from")):
        qual = _QUALIFIER_RE.search(text[:start])
        if qual:
            word = qual.group(1)
            if not _false_qualifier(text, qual.start(1), word):
                qualifier = QUALIFIER_FORMS[word.lower()]
                qualifier_text = word
                start = qual.start(1)
    if range_match is not None:
        m_between = re.search(r"(?:^|(?<=\s))(between|from)\s+$", text[:start], re.IGNORECASE)
        if m_between and m_between.group(1).lower() == "between":
            start = m_between.start(1)
    item = _Found(start=start, end=pos, value=value, value_max=value_max, unit=unit,
                  qualifier=qualifier, qualifier_text=qualifier_text, vague=vague)
    item.tail_token = _token_after(tokens, pos)
    # strip trailing spaces from the span
    while item.end > item.start and text[item.end - 1].isspace():
        item.end -= 1
    return item


#: A street name after a house number: "9 E 71st St", "49 Zorro Ranch Road", "16-18 Industrial Avenue".
_ADDRESS_RE = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:(?:\d+(?:st|nd|rd|th)|[A-Z][a-z]+)\s+){1,3}"
    r"(?:St|Street|Rd|Road|Ave|Avenue|Lane|Ln|Drive|Dr|Boulevard|Blvd|Place|Pl|Court|Ct|Terrace|Parkway"
    r"|Pkwy|Square|Sq|Crescent|Close|Highway|Hwy)\b"
)
#: Calendar eras and postal codes after a number: "300 BC", "1000 A.D.", "90049 ZIP code".
_CODE_AFTER_RE = re.compile(r"\s*(?:(?i:zip\s*codes?|postal\s*codes?|postcodes?)\b|B\.C\.(?:E\.)?|BCE?\b|A\.D\.|AD\b|CE\b)")


def _is_address_or_code(text: str, start: int, end: int) -> bool:
    """True for a house number, a postal code or a year of an era, not an amount."""
    before = text[max(0, start - 20):start]
    if _ADDRESS_RE.match(text, end) and not re.search(r"[$€£¥]\s*$", before):
        return True
    if re.search(r"\b(?:zip|postal|post)\s*codes?\s*$", before, re.IGNORECASE):
        return True
    if re.search(r"(?:\bA\.D\.|\bAD|\bCE)\s*$", before):  # case-sensitive: "A.D. 1000", not "ad"
        return True
    return _CODE_AFTER_RE.match(text, end) is not None


def _false_qualifier(text: str, at: int, word: str) -> bool:
    """True when a qualifier-looking word is something else ("some 3" ok, "won over 3"?)."""
    low = word.lower()
    before = text[:at].rstrip().lower()
    if low in ("some",) and re.search(r"(?:of|for)$", before):
        return True
    if low in ("over", "under", "above", "below", "beyond") and re.search(
        r"(?:^|\s)(?:lead|win|victory|edge|advantage|margin|beat|beating|defeat|rose|fell)$", before
    ):
        return True
    return False


def _token_after(tokens: list[_Tok], pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    for k, tok in enumerate(tokens):
        if tok.start >= pos:
            return k
    return len(tokens)


_RANGE_SEP_RE = re.compile(r"(\s*(?:to|-|–|—|and|or)\s*|-|–)")


def _read_range(text: str, tokens: list[_Tok], number: _Number, last_index: int,
                unit: str | None) -> tuple[float | None, float, int, int] | None:
    """Read the upper end of a range after ``number``; return (lo, hi, last token, end).

    Accepts "40 to 60", "2-3 million", "between 2 and 3 million", "from $2,415 to $2,315",
    "between 5% and 6%" and "five per cent to 20 per cent" (same unit on both ends).
    """
    if number.vague or number.value is None:
        return None
    n = len(tokens)
    first_tok = tokens[number.first]
    before = text[:first_tok.start].rstrip().lower()
    between = re.search(r"(?:^|\s)between(?:\s+\S{1,4})?$", before) is not None
    from_before = re.search(r"(?:^|\s)from(?:\s+\S{1,4})?$", before) is not None
    lo_end = tokens[last_index].end
    lo_unit = _match_unit(text, lo_end, number.value)
    j = last_index + 1
    if lo_unit is not None:
        if lo_unit[0] in ("m", "year") and not (between or from_before):
            lo_unit = None
        else:
            j = _token_after(tokens, lo_unit[1])
    if j >= n:
        return None
    if re.search(r"(?:^|\s)by(?:\s+(?:an?|about|some|around|nearly|almost|roughly|more\s+than|over|just))*"
                 r"\s*(?:[a-z]{0,3}\s?[$€£¥]|rs\.?|rm)?$", before) and (
                     unit is not None or lo_unit is not None or number.has_scale):
        # "increased by $43.6 billion to $419.2 billion": a change, then the level reached
        # (but "dropped by 1 to 1.5 degrees" is a range of the change)
        return None
    sep = tokens[j]
    glued_dash = sep.text in ("-", "–") and sep.start == tokens[j - 1].end
    if glued_dash and j + 3 < n and tokens[j + 1].low == "to" and tokens[j + 2].text == "-" \
            and _glued(tokens, j + 1) and _glued(tokens, j + 2) and _glued(tokens, j + 3):
        j += 2  # "0-to-60-mph"
        sep = tokens[j]
    if not (sep.low == "to" or (sep.low == "and" and between) or sep.text in ("-", "–")):
        return None
    if sep.text in ("-", "–") and not glued_dash and text[sep.end:sep.end + 1] != " ":
        return None  # "50 -1.3%": a sign, not a range
    k = j + 1
    if k < n and tokens[k].text == "-" and tokens[k].start == sep.end:  # "to-260,000"
        k += 1
    hi_currency = None
    cur = re.match(r"\s*(" + "|".join(re.escape(c) for c in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
                   + r")\s?(?=\d)", text[tokens[k].start:] if k < n else "")
    if cur:
        hi_currency = CURRENCY_PREFIXES[cur.group(1)]
        k = _token_after(tokens, tokens[k].start + cur.end())
    if k >= n:
        return None
    upper = _read_number(tokens, k)
    if upper is None or upper.value is None or upper.vague:
        return None
    if hi_currency is not None and unit is not None and hi_currency != unit:
        return None
    if hi_currency is not None and unit is None:
        return None
    hi_unit = _match_unit(text, tokens[upper.last].end, upper.value)
    if lo_unit is not None and (hi_unit is None or hi_unit[0] != lo_unit[0]):
        return None
    if sep.text in ("-", "–") and glued_dash:
        lo_raw = tokens[number.first].text
        hi_raw = tokens[upper.first].text
        if len(lo_raw) == 4 and lo_raw.isdigit() and YEAR_MIN <= int(lo_raw) <= YEAR_MAX and not number.has_scale:
            return None
        if not tokens[upper.first].is_digit:
            return None
        if len(hi_raw) >= 4 and len(lo_raw) >= 3 and "," not in hi_raw:
            return None
    if _rejected(text, tokens, upper):
        return None
    lo = number.value
    hi = upper.value
    # scale propagation: "1 to 2 thousand", "between 2 and 3 million", "2-3 million"
    if upper.has_scale and not number.has_scale and "," not in first_tok.text and lo < 1000:
        head = tokens[upper.first].text.lower() if tokens[upper.first].is_digit else upper.words[0]
        base = _word_sequence_value([head])
        if base and lo * (hi / base) <= hi:  # not "$200 to $4 million" (200 million > 4 million)
            lo = lo * (hi / base)
    return lo, hi, upper.last, tokens[upper.last].end


# ---------------------------------------------------------------------------------------
# Objects and conjunctions
# ---------------------------------------------------------------------------------------


def _index_tokens(tokens: Any, text: str) -> list[tuple[int, int, Any]] | None:
    """Return (start, end, token) in ``text`` coordinates for a spaCy Doc/Span, else None."""
    if tokens is None:
        return None
    try:
        base = getattr(tokens, "start_char", 0) or 0
        out = []
        for tok in tokens:
            start = tok.idx - base
            out.append((start, start + len(tok.text), tok))
        if out and text[out[0][0]:out[0][1]] != out[0][2].text:
            return None
        return out
    except (AttributeError, TypeError):
        return None


_OBJECT_POS = {"NOUN", "PROPN", "ADJ", "NUM", "VERB", "X", "SYM"}


def _object_from_tokens(text: str, item: _Found, toks: list[tuple[int, int, Any]]) -> None:
    """Fill object/object_head/detail using spaCy tags after the amount."""
    after = [t for t in toks if t[0] >= item.end]
    if not after:
        return
    # vague amounts: "thousands of troops" → skip "of"
    if after[0][2].lower_ == "of" and (item.vague or item.unit in ("percent", "km", "mile", "year", "m", "tonne",
                                                                    "kg", "USD", "EUR", "GBP", "fraction")):
        after = after[1:]
        while after and after[0][2].pos_ == "DET":
            after = after[1:]
        of_object = True
    else:
        of_object = False
    chain: list[tuple[int, int, Any]] = []
    head_index = -1
    for k, (s, e, tok) in enumerate(after):
        if k > 0 and s > after[k - 1][1] + 1:
            break
        pos = tok.pos_
        if pos == "PUNCT" and tok.text in ("-",) and chain and s == chain[-1][1]:
            chain.append((s, e, tok))
            continue
        if pos not in _OBJECT_POS and not (pos == "ADV" and tok.dep_ == "amod"):
            break
        if pos == "VERB" and tok.dep_ not in ("amod", "compound") and tok.tag_ not in ("VBN", "VBG"):
            break
        if pos == "VERB" and tok.tag_ in ("VBN", "VBG") and tok.dep_ not in ("amod", "compound"):
            break
        if pos == "NUM" and not re.match(r"^\d+(?:\.\d+)?(?:-?mm)?$", tok.text) and tok.text.lower() != "mm":
            break
        chain.append((s, e, tok))
        if pos in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod") and k > 0 or (
            pos in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod")
            and (k + 1 >= len(after) or after[k + 1][2].pos_ not in ("NOUN", "PROPN"))
        ):
            head_index = len(chain) - 1
            break
        if pos in ("NOUN", "PROPN"):
            head_index = len(chain) - 1
        if len(chain) >= OBJECT_MAX_WORDS + 1:
            break
    if head_index < 0:
        return
    chain = chain[: head_index + 1]
    # a currency/unit-word head (e.g. "dollars") is not an object
    head_tok = chain[-1][2]
    if head_tok.lower_ in UNIT_FORMS and chain[-1][0] == item.end + 1 and item.unit is not None:
        return
    item.object = text[chain[0][0]:chain[-1][1]]
    lemma = head_tok.lemma_.lower() if head_tok.lemma_ else head_tok.lower_
    item.object_head = lemma if head_tok.pos_ != "PROPN" else _singular(head_tok.text)
    # detail: "of ammunition"
    rest = [t for t in toks if t[0] >= chain[-1][1]]
    if not of_object and len(rest) >= 2 and rest[0][2].lower_ == "of":
        end_tok = None
        for s, e, tok in rest[1:]:
            if tok.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV") or (tok.text == "-"):
                end_tok = (s, e, tok)
                if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod"):
                    break
                continue
            break
        if end_tok is not None and end_tok[2].pos_ in ("NOUN", "PROPN"):
            item.detail = text[rest[0][0]:end_tok[1]]


def _object_from_words(text: str, item: _Found, toks: list[_Tok]) -> None:
    """Fill object/object_head/detail with a word-list heuristic after the amount."""
    k = _token_after(toks, item.end)
    of_object = False
    if k < len(toks) and toks[k].low == "of" and (
        item.vague or item.unit in ("percent", "km", "mile", "year", "m", "tonne", "kg", "fraction")
    ):
        k += 1
        while k < len(toks) and toks[k].low in ("the", "a", "an", "their", "its", "his", "her", "our"):
            k += 1
        of_object = True
    words: list[_Tok] = []
    while k < len(toks) and len(words) < OBJECT_MAX_WORDS:
        tok = toks[k]
        if words and tok.start > words[-1].end + 1:
            break
        if tok.text == "-" and words and tok.start == words[-1].end:
            words.append(tok)
            k += 1
            continue
        calibre = tok.is_digit and re.match(r"-?mm\b", text[tok.end:tok.end + 4]) is not None
        if not (tok.text[0].isalpha() or calibre):
            if not (tok.is_digit and words and words[-1].text == "-"):
                break
        if tok.low in OBJECT_STOP or tok.low in QUALIFIER_FORMS and not words:
            break
        if tok.low.endswith("ly") and len(tok.low) > 4:
            break
        words.append(tok)
        k += 1
    # a trailing "-ed"/"-ing" word is a verb ("people killed"), not the head
    while words and (words[-1].text == "-" or (
        len(words[-1].low) > 4 and words[-1].low.endswith(("ed", "ing")) and len(words) > 1
    ) or words[-1].is_digit or words[-1].low == "mm"):
        words.pop()
    if not words:
        return
    if len(words) == 1 and words[0].low.endswith(("ed", "ing")) and len(words[0].low) > 4:
        return
    if words[-1].low in UNIT_FORMS and item.unit is not None and len(words) == 1:
        return
    item.object = text[words[0].start:words[-1].end]
    item.object_head = _singular(words[-1].text)
    k2 = _token_after(toks, words[-1].end)
    if not of_object and k2 + 1 < len(toks) and toks[k2].low == "of":
        detail_words = []
        m = k2 + 1
        while m < len(toks) and len(detail_words) < OBJECT_MAX_WORDS:
            tok = toks[m]
            if not tok.text[0].isalpha() or (tok.low in OBJECT_STOP and tok.low not in ("the", "a", "an")):
                break
            detail_words.append(tok)
            m += 1
        while detail_words and detail_words[-1].low in ("the", "a", "an"):
            detail_words.pop()
        if detail_words:
            item.detail = text[toks[k2].start:detail_words[-1].end]


_CONJ_RE = re.compile(r"(?:^|[\s,])(and|or)\s*$", re.IGNORECASE)
#: Longest gap (characters) between two quantities that can still form a list.
CONJUNCTION_MAX_GAP = 80


def _link_conjunctions(text: str, found: list[_Found]) -> None:
    """Mark a quantity joined to the previous one by 'and'/'or' (same clause)."""
    ordered = sorted(found, key=lambda f: f.start)
    for prev, cur in zip(ordered, ordered[1:]):
        gap = text[prev.end:cur.start]
        if len(gap) > CONJUNCTION_MAX_GAP or re.search(r"[.;:!?]\s", gap) or "(" in gap or ")" in gap:
            continue
        if re.search(r"\b(?:said|says|while|but|whereas|which|who|that|was|were|is|are)\b", gap, re.IGNORECASE):
            continue
        m = _CONJ_RE.search(gap)
        if m:
            cur.conjunction = m.group(1).lower()


_BACKWARD_LINK_RE = re.compile(
    r"^[^.;:!?()\d]*\b(?:and|or|including|while|whereas|but|compared with|compared to|versus|vs)\b[^.;:!?()\d]*$",
    re.IGNORECASE,
)
_FORWARD_LINK_RE = re.compile(r"^\s*(?:or|and|of the|of)\s*$", re.IGNORECASE)


def _share_elided(text: str, found: list[_Found]) -> None:
    """Give a bare number the unit or counted noun its neighbour states ("8 or $9",
    "435 homes ... and 187 by tender"): the text elides it, it does not change it."""
    ordered = sorted(found, key=lambda f: f.start)
    for index, cur in enumerate(ordered):
        if cur.unit is not None or cur.object is not None or cur.vague:
            continue
        nxt = ordered[index + 1] if index + 1 < len(ordered) else None
        if nxt is not None and nxt.unit is not None and _FORWARD_LINK_RE.match(text[cur.end:nxt.start]):
            cur.unit = nxt.unit
            continue
        prev = ordered[index - 1] if index > 0 else None
        if prev is None or prev.vague:
            continue
        if re.match(r"\s+who\b", text[cur.end:]):
            # "68400 people who ... for one to two years and 95800 who ...": people, not years
            people = next((p for p in reversed(ordered[:index]) if p.object is not None
                           and not re.search(r"[.;!?]\s", text[p.end:cur.start])), None)
            if people is not None and _BACKWARD_LINK_RE.match(text[prev.end:cur.start]):
                cur.object, cur.object_head = people.object, people.object_head
            continue
        gap = text[prev.end:cur.start]
        if prev.unit is not None and re.fullmatch(r"\s+to\s+", gap) \
                and re.search(r"\bfrom\s+$", text[:prev.start]):
            if not text[cur.end:cur.end + 2][:1].isalpha() or re.match(r"\s(?:for|in|by|on)\b", text[cur.end:]):
                cur.unit = prev.unit  # "from about 14-18 mpg to 24 for SUVs": the level in the same unit
                continue
        if len(gap) > CONJUNCTION_MAX_GAP or not _BACKWARD_LINK_RE.match(gap):
            continue
        after = text[cur.end:cur.end + 2]
        if after[:1].isalpha():
            continue
        if prev.unit is not None:
            cur.unit = prev.unit
        elif prev.object is not None:
            cur.object, cur.object_head = prev.object, prev.object_head


# ---------------------------------------------------------------------------------------
# Concept (what is measured) and change (up/down) from the dependency parse
# ---------------------------------------------------------------------------------------

#: Verb (or adverb) lemmas that make the amount the size of a rise or a fall.
CHANGE_UP = {
    "rise", "gain", "increase", "climb", "jump", "surge", "soar", "grow", "advance", "rally",
    "rebound", "expand", "raise", "boost", "lift", "hike", "add", "widen", "accelerate",
    "spike", "skyrocket", "improve", "recover", "strengthen", "appreciate", "balloon", "swell",
    "leap", "rocket", "up", "higher", "upward", "upwards", "firm", "mount", "escalate",
}
CHANGE_DOWN = {
    "fall", "drop", "decline", "decrease", "slip", "slide", "plunge", "tumble", "lose", "shed",
    "cut", "reduce", "lower", "sink", "dip", "down", "shrink", "ease", "slump", "narrow",
    "contract", "retreat", "crash", "plummet", "dive", "sag", "weaken", "depreciate", "trim",
    "slash", "erode", "decelerate", "slow", "lower", "downward", "downwards", "diminish",
    "plunge", "crater", "tank", "retreat", "shrink", "dwindle", "subside", "lessen",
}
#: Prepositions that mark the amount as the size of the change ("rose by 3%").
_CHANGE_PREPS = {"by"}
#: Prepositions that mark a level, not a change ("rose to $5", "up from 3", "closed at 9").
_LEVEL_PREPS = {"to", "at", "from", "of", "near", "around", "above", "below", "under", "over"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
_RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose", "what"}
#: Pronouns that say nothing about what is measured on their own.
_EMPTY_PRONOUNS = {"it", "they", "this", "that", "these", "those", "there", "we", "i", "you", "he",
                   "she", "them", "its", "something", "anything", "everything", "one", "all",
                   "some", "both", "each", "most", "many", "none"}
#: Left modifiers kept in a concept phrase ("the benchmark TA-35 index").
_PHRASE_LEFT_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "npadvmod", "quantmod", "punct"}
CONCEPT_MAX_WORDS = 8
_CLIMB_LIMIT = 8


def _concept_and_change(text: str, item: _Found, toks: list[tuple[int, int, Any]],
                        others: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    """Fill ``item.concept`` and ``item.change`` by walking up the dependency parse.

    The walk starts at the amount's syntactic root (or at the counted noun) and climbs:
    a noun the amount modifies ("a $60 billion aid request") or hangs off through a
    preposition ("a stake of 5%") is the concept; a verb's subject is the concept
    ("The index was up 19 per cent", "Revenue rose to $5bn"), through relative clauses
    to the noun they modify.  On the way, a verb or adverb of rising or falling whose
    object, adverbial or "by" complement is the amount sets ``change``; an amount after
    "to"/"at"/"from" is a level, not a change.
    """
    inside = [tok for s, e, tok in toks if s < item.end and item.start < e]
    if not inside:
        return
    ids = {tok.i for tok in inside}
    roots = [tok for tok in inside if tok.head.i not in ids or tok.head.i == tok.i]
    if not roots:
        return
    anchor = min(roots, key=lambda t: (_depth(t), t.i))
    counted = item.unit is None and item.object is not None
    if counted:
        head = _object_token(text, item, toks)
        if head is not None:
            ids = ids | {t.i for t in head.subtree if t.i <= head.i}
            anchor = head
    # other amounts are passed through: "7.3 points, 3.7 rebounds", "$1.8bn (£1.4bn)"
    amounts = ids | (set(others) - ids)
    via_level = False
    change: str | None = None
    concept_tok = None
    node = anchor
    came_from = ""
    for _ in range(_CLIMB_LIMIT):
        if node is not anchor and node.pos_ in ("VERB", "AUX"):
            if came_from in _SUBJECT_DEPS:
                break  # the amount is the subject: what it measures is its own noun
            found = None
            if came_from == "at":  # "estimated the cost at $1.2 billion", "put losses at 3%"
                found = next((c for c in node.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")
                              and c.i not in amounts and c.lower_ not in _EMPTY_PRONOUNS), None)
            found = found or _subject_of(node, amounts)
            if found is not None:
                concept_tok = found
                break
            if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN") and node.head.i not in amounts:
                concept_tok = node.head
                break
            found = _complement_of(node, amounts)
            if found is not None and node.dep_ not in ("xcomp", "conj", "advcl", "pcomp"):
                concept_tok = found  # "boost the range by 35 miles", "paid $35,538 for a system"
                break
            if node.dep_ in ("xcomp", "conj", "advcl", "pcomp") and node.head.i != node.i:
                came_from = node.dep_
                node = node.head
                continue
            break
        dep = node.dep_
        head = node.head
        if head.i == node.i:
            break
        if dep not in ("conj", "pobj", "prep") and head.pos_ in ("NOUN", "PROPN") and head.i not in amounts:
            concept_tok = head
            break
        if dep == "conj" or head.i in amounts:
            came_from = dep
            node = head
            continue
        if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent", "dative"):
            prep = head
            word = prep.lower_
            grand = prep.head
            if grand.pos_ in ("NOUN", "PROPN") and grand.i not in amounts:
                if not (counted and word != "of"):
                    concept_tok = grand
                break
            if word == "from" and item.value_max is not None:
                pass  # "fell from $2,415 to $2,315": the range is the movement itself
            elif word == "to" and not via_level and change is None and not _has_change_amount(grand, ids):
                via_level = True  # "increased to $5bn": the level reached is all the text says
                change = _change_of(grand)
            elif word in _LEVEL_PREPS:
                via_level = True
            elif word in _CHANGE_PREPS and not via_level and change is None:
                change = _change_of(grand)
            came_from = "at" if word == "at" else "prep"
            node = grand
            continue
        if dep == "prep":
            came_from = dep
            node = head
            continue
        if head.pos_ in ("VERB", "AUX", "ADJ", "ADV", "ADP") or dep in ("advmod", "acomp", "prt"):
            if change is None and not via_level and dep in (
                    "dobj", "npadvmod", "advmod", "attr", "nummod", "quantmod", "acomp", "oprd",
                    "prt", "appos", "conj", "dep"):
                change = _change_of(head)
            came_from = dep
            node = head
            continue
        break
    if change is not None and not counted:
        item.change = change
    if concept_tok is not None:
        phrase = _concept_phrase(text, concept_tok, amounts, toks)
        if phrase:
            item.concept = phrase


def _concepts(text: str, found: list[_Found], toks: list[tuple[int, int, Any]]) -> None:
    """Fill concept and change for every amount, each knowing where the others are."""
    spans = [{tok.i for s, e, tok in toks if s < item.end and item.start < e} for item in found]
    for k, item in enumerate(found):
        others = set().union(*(ids for j, ids in enumerate(spans) if j != k)) if len(spans) > 1 else set()
        try:
            _concept_and_change(text, item, toks, others)
        except (ValueError, IndexError, AttributeError) as exc:  # pragma: no cover - defensive
            logger.debug("concept lookup failed: %s", exc)


def _has_change_amount(verb: Any, ids: set[int]) -> bool:
    """True when ``verb`` states its own amount of change ("rose 5% to ...", "rose by 5%")."""
    for child in verb.children:
        if child.i in ids:
            continue
        if child.dep_ in ("dobj", "npadvmod", "attr") and any(t.like_num for t in child.subtree):
            return True
        if child.dep_ == "prep" and child.lower_ == "by":
            return True
        if child.dep_ == "advmod" and child.lower_ in ("up", "down") and any(t.like_num for t in child.subtree):
            return True
    return False


def _depth(tok: Any) -> int:
    """Number of arcs from ``tok`` up to its sentence root."""
    depth = 0
    while tok.head.i != tok.i and depth < 100:
        tok = tok.head
        depth += 1
    return depth


def _object_token(text: str, item: _Found, toks: list[tuple[int, int, Any]]) -> Any:
    """The spaCy token of the counted object's head noun, or None."""
    if not item.object:
        return None
    start = text.find(item.object, item.end)
    if start < 0:
        return None
    end = start + len(item.object)
    for s, e, tok in toks:
        if e == end and s >= start:
            return tok
    return None


def _change_of(tok: Any) -> str | None:
    """"up"/"down" for a verb or adverb of change (with its particle: "edged down")."""
    for child in tok.children:
        if child.dep_ in ("prt", "advmod") and child.lower_ in ("up", "higher", "upward", "upwards"):
            return "up"
        if child.dep_ in ("prt", "advmod") and child.lower_ in ("down", "lower", "downward", "downwards"):
            return "down"
    lemma = (tok.lemma_ or tok.lower_).lower()
    if lemma in CHANGE_UP or tok.lower_ in CHANGE_UP:
        return "up"
    if lemma in CHANGE_DOWN or tok.lower_ in CHANGE_DOWN:
        return "down"
    return None


def _complement_of(verb: Any, ids: set[int]) -> Any:
    """A verb's object, or else its "for"/"on" complement, when the amount is in neither."""
    for deps, preps in ((("dobj",), ()), (("prep",), ("for", "on"))):
        for child in verb.children:
            if child.dep_ not in deps or any(t.i in ids for t in child.subtree):
                continue
            if preps:
                if child.lower_ not in preps:
                    continue
                child = next((c for c in child.children if c.dep_ == "pobj"), None)
                if child is None:
                    continue
            if child.pos_ in ("NOUN", "PROPN") and child.lower_ not in _EMPTY_PRONOUNS:
                return child
    return None


def _subject_of(verb: Any, ids: set[int]) -> Any:
    """The subject of ``verb`` (resolving a relative pronoun), skipping empty pronouns."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.i not in ids:
            low = child.lower_
            if low in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head
            if child.pos_ == "PRON" or low in _EMPTY_PRONOUNS:
                return None
            if child.pos_ in ("NOUN", "PROPN", "NUM", "X", "ADJ"):
                return child
            return None
    return None


def _concept_phrase(text: str, head: Any, ids: set[int], toks: list[tuple[int, int, Any]]) -> str | None:
    """The words of the noun phrase headed by ``head``: left modifiers, head and an "of" complement."""
    if head.pos_ == "PRON" or head.lower_ in _EMPTY_PRONOUNS:
        return None
    left = [head]
    frontier = [head]
    while frontier:
        tok = frontier.pop()
        for child in tok.lefts:
            if child.dep_ in _PHRASE_LEFT_DEPS and child.i not in ids and child.pos_ not in ("DET",) \
                    and child.lower_ not in _EMPTY_PRONOUNS and not child.like_num and child.pos_ != "NUM":
                left.append(child)
                frontier.append(child)
    start_i = min(t.i for t in left)
    # stop at the amount itself or punctuation that is not inside a word ("S&P/TSX")
    kept = [t for t in left if t.i >= start_i]
    first = head
    for tok in sorted(kept, key=lambda t: -t.i):
        if tok.i > head.i:
            continue
        between = [t for t in head.doc[tok.i:head.i] if t.i in ids or t.like_num]
        if between:
            break
        first = tok
    words_start, words_end = first.idx, head.idx + len(head.text)
    # an "of"/"in" complement: "stock prices of other companies", "exports to China"
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "in", "for", "from") and child.i not in ids:
            objs = [c for c in child.children if c.dep_ == "pobj" and c.i not in ids]
            if objs and not any(t.i in ids for t in objs[0].subtree) and objs[0].pos_ in ("NOUN", "PROPN"):
                words_end = objs[0].idx + len(objs[0].text)
        break
    base = toks[0][2].idx - toks[0][0] if toks else 0
    phrase = text[words_start - base:words_end - base].strip(" ,;:-–—'\"“”")
    words = phrase.split()
    if not words or len(words) > CONCEPT_MAX_WORDS + 4:
        phrase = head.text
    return phrase or None


#: Units for which a written sign marks a change ("Dow +0.2%", "FTSE -0.6%").
_SIGNED_CHANGE_UNITS = {"percent", "percentage_point", "basis_point", "point"}


_HYPHEN_NOUN_RE = re.compile(r"-([a-z]{3,})\b(?!-)")
_SUSPENDED_RE = re.compile(r"-(?:,\s*|\s+(?:and|or|to)\s+|,\s*(?:and|or)\s+)$")


def _hyphen_compounds(text: str, found: list[_Found]) -> None:
    """A counted noun written into a compound ("a four-cylinder engine" counts cylinders),
    and suspended hyphens ("four-, five- and six-cylinder", "a 7- or 8-inch screen"): the
    first numbers take the unit or noun written after the last one."""
    for item in found:
        if item.unit is None and item.object is None and not item.vague and item.value is not None:
            m = _HYPHEN_NOUN_RE.match(text, item.end)
            if m and m.group(1) not in OBJECT_STOP and m.group(1) not in ("old", "year", "odd", "plus"):
                item.object = m.group(1)
                item.object_head = _singular(m.group(1))
    ordered = sorted(found, key=lambda f: f.start)
    for index in range(len(ordered) - 2, -1, -1):
        cur, nxt = ordered[index], ordered[index + 1]
        if cur.unit is not None or cur.object is not None:
            continue
        gap_end = nxt.start
        if _SUSPENDED_RE.search(text[cur.end:gap_end]) or re.fullmatch(
                r"-(?:,\s*|\s+(?:and|or|to)\s+|,\s*(?:and|or)\s+)", text[cur.end:gap_end]):
            cur.unit, cur.object, cur.object_head = nxt.unit, nxt.object, nxt.object_head


#: Words that show a bare level is a stock index's ("the TA-125 climbed 0.1% to 1,333.18").
_INDEX_CUE_RE = re.compile(
    r"\b(?:index|indices|indexes|S&P|Dow|Nasdaq|NASDAQ|FTSE|Nikkei|TSX|Stoxx|STOXX|DAX|CAC|Hang\s+Seng|Kospi|KOSPI"
    r"|Sensex|Nifty|TA-\d+|blue[- ]chip|Stock\s+Exchange)")
_LEVEL_BEFORE_RE = re.compile(r"(?:\b(?:to|at|of)\s+|\(\s*)$")


def _index_levels(text: str, found: list[_Found]) -> None:
    """A bare figure that a stock index moved to or closed at, in a sentence that counts the
    index's moves in points, is a level in points (the text elides the unit): "The S&P 500
    rose 64.06 points to 4,577.10"; "... 1,463.87 points, while the TA-125 climbed 0.1% to
    1,333.18"."""
    if not any(f.unit == "point" for f in found):
        return
    for item in found:
        if item.unit is not None or item.object is not None or item.vague or item.value is None \
                or item.value_max is not None or item.value < 100:
            continue
        surface = text[item.start:item.end]
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+\.\d{1,2}", surface):
            continue
        before = text[:item.start]
        if not _LEVEL_BEFORE_RE.search(before):
            continue
        clause = re.split(r"[.;!?]\s", before)[-1]
        if _INDEX_CUE_RE.search(clause):
            item.unit = "point"


def _signed_changes(text: str, found: list[_Found]) -> None:
    """A leading "+" or "-" on a percentage or point figure marks a rise or fall."""
    for item in found:
        if item.change is not None or item.unit not in _SIGNED_CHANGE_UNITS or item.value is None:
            continue
        if item.value_max is not None:
            continue
        before = text[item.start - 1:item.start] if item.start > 0 else ""
        if before == "+" or text[item.start:item.start + 1] == "+":
            item.change = "up"
        elif item.value < 0 and text[item.start:item.start + 1] in ("-", "−"):
            item.change = "down"


def _share_conversions(text: str, found: list[_Found]) -> None:
    """A conversion in brackets ("1.8 billion miles (2.8bn km)") measures the same thing as
    the amount before it: it takes that amount's concept and change."""
    ordered = sorted(found, key=lambda f: f.start)
    for prev, cur in zip(ordered, ordered[1:]):
        if re.fullmatch(r"\s*[(\[]\s*(?:or\s+|about\s+|around\s+|roughly\s+)?", text[prev.end:cur.start]) is None:
            continue
        if cur.concept is None and cur.object is None:
            cur.concept = prev.concept
        if cur.change is None:
            cur.change = prev.change
