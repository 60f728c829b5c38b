"""Template filters for French typography (``core.typography``), built into every template.

- ``{{ day|date_fr }}`` or ``{{ day|date_fr:"j F Y à H:i" }}``: a date, « 1er » on the first;
- ``{{ text|typo_fr }}``: no-break spaces before « : ; ! ? » and inside guillemets, no doubled
  word, on plain text (the result is escaped like any text);
- ``{{ cohort.name|after_promotion }}``: a cohort's name after the words « la promotion ».
"""

from django import template
from django.template.defaultfilters import stringfilter
from django.utils import timezone

from core import typography

register = template.Library()


@register.filter
def date_fr(value, fmt: str = "j F Y") -> str:
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return typography.french_date(value, fmt)


@register.filter
@stringfilter
def typo_fr(value: str) -> str:
    return typography.french_text(value)


@register.filter
@stringfilter
def after_promotion(value: str) -> str:
    return typography.after_the_word_promotion(value)
