"""``reverse`` for long lists: a URL pattern is reversed once, then filled for each record."""

from collections.abc import Callable

from django.urls import reverse


def reverse_maker(name: str, *params: str) -> Callable[..., str]:
    """A function giving ``reverse(name, kwargs=...)`` for the URL's slug parameters ``params``,
    about a hundred times faster than ``reverse`` when called for hundreds of records.

    >>> challenge_path = reverse_maker("projects:challenge-detail", "cohort_slug", "slug")
    >>> challenge_path(cohort_slug="eig-2", slug="lexiq")
    '/defis/eig-2/lexiq/'
    """
    placeholders = {param: f"zq{index}qz" for index, param in enumerate(params)}
    path = reverse(name, kwargs=placeholders)
    # The path cut around each placeholder, in the order they appear.
    order = sorted(params, key=lambda param: path.index(placeholders[param]))
    pieces, rest = [], path
    for param in order:
        before, rest = rest.split(placeholders[param], 1)
        pieces.append(before)

    def make(**values: str) -> str:
        return (
            "".join(piece + values[param] for piece, param in zip(pieces, order, strict=True))
            + rest
        )

    return make
