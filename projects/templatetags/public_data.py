"""Template helpers of the public data pages: Markdown texts and the data credit."""

from django import template
from django.conf import settings
from django.utils.safestring import SafeString

from eig.markdown import markdown_to_html

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
