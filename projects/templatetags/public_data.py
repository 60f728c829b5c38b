"""Template helpers of the public data pages: Markdown texts, challenge cards and the data
credit."""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from core.markdown import markdown_to_html
from projects.selectors import ChallengeCard

register = template.Library()


@register.filter
def markdown(text: str, top_heading: int = 3) -> SafeString:
    """``{{ challenge.body|markdown }}``: Markdown rendered as sanitised HTML, its top heading
    at level ``top_heading``."""
    return markdown_to_html(text or "", top_heading=int(top_heading))


@register.inclusion_tag("projects/_data_credit.html")
def data_credit() -> dict[str, str]:
    """The credit and licence owed for the program's data, on every page that shows it."""
    return {"credit": settings.EIG_DATA_CREDIT, "licence_url": settings.EIG_DATA_LICENCE_URL}


# Cards whose HTML each process keeps (a card is about a kilobyte).
CARDS_KEPT = 2048


@register.simple_tag
def challenge_card(card: ChallengeCard) -> SafeString:
    """``{% challenge_card card %}``: a challenge as a DSFR card (``_challenge_card.html``).

    A card's HTML depends only on what the card shows: each process renders a card once and
    reuses it while the card stays the same (a changed title or summary is a new card). The
    lists show dozens of cards, and rendering one through the template costs more than reading
    its data. With ``DEBUG`` on, cards are rendered each time, so that template edits show.
    """
    if settings.DEBUG:
        return render_to_string("projects/_challenge_card.html", {"card": card})
    return _rendered_card(card)


@functools.lru_cache(maxsize=CARDS_KEPT)
def _rendered_card(card: ChallengeCard) -> SafeString:
    return render_to_string("projects/_challenge_card.html", {"card": card})
