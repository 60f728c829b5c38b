"""French typography, as a reader of the site and of its e-mails sees it."""

import datetime

import pytest
from django.template import engines

from core.emails import render_email
from core.markdown import markdown_to_html
from core.typography import (
    NARROW_NBSP,
    NBSP,
    french_date,
    french_spacing,
    without_doubled_words,
)


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("day", "fmt", "expected"),
    [
        (datetime.date(2027, 1, 1), "j F Y", "1er janvier 2027"),
        (datetime.date(2027, 1, 2), "j F Y", "2 janvier 2027"),
        (datetime.date(2027, 3, 11), "j F Y", "11 mars 2027"),
        (datetime.date(2027, 3, 21), "j F Y", "21 mars 2027"),
        (datetime.datetime(2027, 9, 1, 9, 5), "j F Y à H:i", "1er septembre 2027 à 09:05"),
        (datetime.date(2027, 9, 1), "F Y", "septembre 2027"),
    ],
)
def test_the_first_day_of_a_month_is_written_premier(day, fmt, expected):
    assert french_date(day, fmt) == expected


def test_every_template_can_write_a_french_date():
    assert render("{{ d|date_fr }}", d=datetime.date(2026, 6, 1)) == "1er juin 2026"
    assert render("{{ d|date_fr }}", d=None) == ""


def test_high_signs_and_guillemets_get_their_no_break_spaces():
    assert french_spacing("Objectif : réussir ! Vraiment ? Oui ; « bien »") == (
        f"Objectif{NBSP}: réussir{NARROW_NBSP}! Vraiment{NARROW_NBSP}? "
        f"Oui{NARROW_NBSP}; «{NBSP}bien{NBSP}»"
    )
    # A typed no-break space is not doubled, a sign glued to its word gets one.
    assert french_spacing(f"Note{NBSP}: bien!") == f"Note{NBSP}: bien{NARROW_NBSP}!"


def test_addresses_hours_and_code_keep_their_signs():
    text = "Voir https://defis.fr/a?b=1 à 14:30"
    assert french_spacing(text) == text
    html = markdown_to_html("Contexte : voir `a : b`")
    assert "Contexte&nbsp;: voir" in html
    assert "<code>a : b</code>" in html


def test_a_word_repeated_by_a_template_is_written_once_but_not_a_french_pronoun():
    assert without_doubled_words("la promotion Promotion 2027") == "la promotion 2027"
    assert without_doubled_words("nous nous retrouvons, vous vous inscrivez") == (
        "nous nous retrouvons, vous vous inscrivez"
    )
    assert without_doubled_words("le 2 2 fois") == "le 2 2 fois"  # numbers are not words


def test_a_cohort_named_promotion_reads_once_in_pages_and_e_mails():
    assert render("la promotion {{ name|after_promotion }}", name="Promotion 2027") == (
        "la promotion 2027"
    )
    assert render("la promotion {{ name|after_promotion }}", name="EIG 4") == "la promotion EIG 4"
    subject, _body = render_email(
        "selection/emails/decision_selected", {"cohort": "Promotion 2027", "name": "Camille"}
    )
    assert subject.endswith("Vous êtes retenu·e pour la promotion 2027")
