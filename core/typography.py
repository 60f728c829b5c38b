"""French typography for the texts the product shows: dates, spaces and repeated words.

Pure functions on text, shared by the template filters of ``core.templatetags.french`` and the
Markdown renderer (``core.markdown``). They follow the rules of the Imprimerie nationale as the
State's sites apply them:

- the first day of a month is written « 1er » (« 1er janvier 2027 »), every other day as a number;
- a narrow no-break space (U+202F) goes before « ; ! ? », a no-break space (U+00A0) before « : »
  and inside « guillemets », so that the sign never starts a line;
- a word repeated by a template (« la promotion Promotion 2027 ») is written once.
"""

import datetime
import re

from django.utils import dateformat

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

# A space (or none) before a high punctuation sign that is not part of a URL or of a time.
_BEFORE_HIGH_SIGN = re.compile(r"(?<=[\w»)\]…’'\"])[ \u00a0\u202f]?([;!?])(?=\s|$|[»)\]<])")
_BEFORE_COLON = re.compile(r"(?<=[\w»)\]…’'\"])[ \u00a0\u202f]?:(?=\s|$)")
_AFTER_OPENING_QUOTE = re.compile(r"«[ \u00a0\u202f]?")
_BEFORE_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]?»")
# Words that French repeats on purpose (« nous nous retrouvons », « vous vous inscrivez »).
_DOUBLED_ON_PURPOSE = {"nous", "vous"}
_DOUBLED_WORD = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)
_PROMOTION_PREFIX = re.compile(r"^promotion\s+", re.IGNORECASE)


def french_date(value: datetime.date | datetime.datetime | None, fmt: str = "j F Y") -> str:
    """``value`` in Django's date format ``fmt``, with « 1er » for the first day of a month."""
    if value in (None, ""):
        return ""
    text = dateformat.format(value, fmt)
    if value.day == 1 and fmt.startswith("j"):
        return "1er" + text[1:]
    return text


def french_spacing(text: str) -> str:
    """``text`` with no-break spaces where French typography puts them."""
    text = _BEFORE_HIGH_SIGN.sub(lambda m: NARROW_NBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
    return _BEFORE_CLOSING_QUOTE.sub(NBSP + "»", text)


def without_doubled_words(text: str) -> str:
    """``text`` with a word repeated right after itself (whatever its case) written once."""

    def once(match: re.Match) -> str:
        if match.group(1).lower() in _DOUBLED_ON_PURPOSE:
            return match.group(0)
        return match.group(1)

    return _DOUBLED_WORD.sub(once, text)


def french_text(text: str) -> str:
    """The whole treatment: no doubled word, then the spaces."""
    return french_spacing(without_doubled_words(text))


def after_the_word_promotion(name: str) -> str:
    """A cohort's name as it reads after « la promotion » (« Promotion 2027 » → « 2027 »)."""
    short = _PROMOTION_PREFIX.sub("", name)
    return short or name
