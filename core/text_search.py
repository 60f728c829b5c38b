"""Text search that ignores case and accents ("elysee" finds "Élysée"), the same on SQLite and
PostgreSQL, without a schema change nor a database extension.

Both sides of a comparison are *folded*: lower case, accents removed, the ligatures œ and æ
spelled out. In Python, ``fold``; in SQL, ``Fold(expression)``:

- SQLite: ``EIG_FOLD(x)``, the same Python function, registered on every new connection
  (``connect_text_search``, called once from ``CmsConfig.ready``);
- PostgreSQL: ``LOWER`` then ``TRANSLATE`` of the accented Latin letters (Latin-1 and Latin
  Extended-A, upper and lower case, so that it does not depend on the database's locale) and
  ``REPLACE`` of the ligatures. No ``unaccent`` extension is needed.

    Challenge.objects.filter(folded_contains("title", "Elysée"))
"""

import functools
import re
import unicodedata

from django.db.models import Func, Q, TextField, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Contains

LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


# The combining marks that decomposition (NFKD) separates from the Latin letters they accent.
COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def accents_removed(text: str) -> str:
    """``text`` without its accents (``"Élysée"`` gives ``"Elysee"``); case and ligatures are
    kept. The one rule of the product for dropping accents: ``fold`` and the comparison of
    administration names (``projects.naming``) both use it."""
    if text.isascii():
        return text
    return COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """``text`` in lower case, without accents, its ligatures spelled out."""
    if text.isascii():
        return text.lower()
    folded = accents_removed(text.lower())
    for ligature, spelled in LIGATURES.items():
        folded = folded.replace(ligature, spelled)
    return folded


@functools.cache
def _translate_table() -> tuple[str, str]:
    """The accented letters that fold to one ASCII letter, and those letters (PostgreSQL's
    ``TRANSLATE`` arguments)."""
    accented, plain = [], []
    for code in range(0xC0, 0x180):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            accented.append(char)
            plain.append(folded)
    return "".join(accented), "".join(plain)


class Fold(Func):
    """An SQL text expression folded as ``fold`` does."""

    function = "LOWER"  # other databases: case only
    arity = 1
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="EIG_FOLD", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        accented, plain = _translate_table()
        expression = Func(
            Lower(self.source_expressions[0]),
            Value(accented),
            Value(plain),
            function="TRANSLATE",
            output_field=TextField(),
        )
        for ligature, spelled in LIGATURES.items():
            expression = Func(
                expression,
                Value(ligature),
                Value(spelled),
                function="REPLACE",
                output_field=TextField(),
            )
        return compiler.compile(expression)


def folded_contains(field: str, text: str) -> Q:
    """A condition: the field, folded, contains ``text``, folded."""
    return Q(Contains(Fold(field), fold(text)))


# SQLite calls the function on each row searched: the same texts come back search after
# search, so their folded form is kept (a few thousand texts, a few megabytes at most).
_fold_cached = functools.lru_cache(maxsize=8192)(fold)


def _sqlite_fold(value: str | None) -> str | None:
    return None if value is None else _fold_cached(value)


def _register_sqlite_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("EIG_FOLD", 1, _sqlite_fold, deterministic=True)


def connect_text_search() -> None:
    """Register ``EIG_FOLD`` on every new SQLite connection."""
    from django.db.backends.signals import connection_created

    connection_created.connect(_register_sqlite_fold, dispatch_uid="core.text_search")
