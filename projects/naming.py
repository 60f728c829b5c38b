"""How administration names are compared: two names that differ only by case, accents,
apostrophes, dashes, punctuation or spacing name the same administration."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def administration_name_key(name: str) -> str:
    """Fold a name to the key used to recognise the same administration under other spellings.

    >>> administration_name_key("Direction interministérielle du numérique (DINUM),")
    'direction interministerielle du numerique dinum'
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", without_accents.lower()).strip()
