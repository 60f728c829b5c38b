"""The personal spaces of the front office, linked from the header of every page.

Each app registers its spaces in its ``AppConfig.ready()``::

    register_space(
        key="administration",
        label=_("Espace administration"),
        url_name="projects:space",
        visible_to=lambda user: is_agent(user),
    )

The header shows, to a logged-in user, the link of each space whose ``visible_to`` accepts them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class Space:
    key: str
    label: str | Promise
    url_name: str
    visible_to: Callable
    icon: str = "fr-icon-account-line"


_SPACES: dict[str, Space] = {}


def register_space(
    *, key: str, label, url_name: str, visible_to: Callable, icon: str = "fr-icon-account-line"
) -> None:
    _SPACES[key] = Space(key=key, label=label, url_name=url_name, visible_to=visible_to, icon=icon)


def spaces_for(user) -> list[dict]:
    """The spaces ``user`` may enter, as ``{"label", "url", "icon"}``, in registration order."""
    if user is None or not user.is_authenticated:
        return []
    links = []
    for space in _SPACES.values():
        if not space.visible_to(user):
            continue
        try:
            url = reverse(space.url_name)
        except NoReverseMatch:
            continue
        links.append({"label": space.label, "url": url, "icon": space.icon})
    return links
