"""How administration names are compared: two names that differ only by case, accents,
apostrophes, dashes, punctuation or spacing name the same administration."""

import re

from core.text_search import accents_removed

_NON_WORD = re.compile(r"[^a-z0-9]+")


def administration_name_key(name: str) -> str:
    """Fold a name to the key used to recognise the same administration under other spellings.

    >>> administration_name_key("Direction interministérielle du numérique (DINUM),")
    'direction interministerielle du numerique dinum'
    """
    return _NON_WORD.sub(" ", accents_removed(name).lower()).strip()
