"""Every input is bounded: NUL, control characters, integers beyond 64 bits, 10 kB texts and
broken dates give a French form error or a 400, never a server error."""

import pytest
from django import forms

from core.bounds import INT64_MAX, integer_in_range
from core.forms import DsfrFormMixin

BEYOND_INT64 = str(INT64_MAX + 1)

# What probing sends to every public parameter (a bounded, fixed set: the suite stays fast).
HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    BEYOND_INT64,
    "-" + BEYOND_INT64,
    "x" * 10_000,
    "2024-02-31",
    '"',
    "'\"*NEAR(",
    "=1+1",
]

PUBLIC_PARAMETERS = [
    ("/recherche/", "q"),
    ("/defis/", "q"),
    ("/defis/", "administration"),
    ("/defis/", "page"),
    ("/promotions/", "page"),
    ("/api/defis", "administration"),
    ("/api/defis", "annee"),
    ("/api/defis", "page"),
    ("/api/defis", "q"),
    ("/api/promotions", "page"),
    ("/api/personnes", "page"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "parameter"), PUBLIC_PARAMETERS)
def test_hostile_values_in_public_parameters_never_fail_the_server(client, path, parameter):
    for value in HOSTILE_VALUES:
        response = client.get(path, {parameter: value})
        assert response.status_code in (200, 400, 404, 422), (path, parameter, value)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ['"', 'les "défis', "a\x00b", "NEAR(x y)", "* OR -"])
def test_search_takes_any_text(client, text):
    response = client.get("/recherche/", {"q": text})
    assert response.status_code in (200, 400)
    if "\x00" not in text:
        assert response.status_code == 200


@pytest.mark.django_db
def test_nul_in_an_api_path_is_a_bad_request(client):
    response = client.get("/api/defis/eig-1/a%00b")
    assert response.status_code == 400


@pytest.mark.django_db
def test_integer_beyond_64_bits_in_the_api_is_a_bad_request(client):
    response = client.get("/api/defis", {"administration": BEYOND_INT64})
    assert response.status_code == 400


class _Form(DsfrFormMixin, forms.Form):
    name = forms.CharField()
    count = forms.IntegerField(required=False)


def test_a_form_refuses_nul_and_control_characters_in_french():
    form = _Form(data={"name": "Ada\x01"})
    assert not form.is_valid()
    assert "caractère invisible" in str(form.errors["name"])


def test_a_form_refuses_an_integer_beyond_64_bits():
    form = _Form(data={"name": "Ada", "count": BEYOND_INT64})
    assert not form.is_valid()
    assert "count" in form.errors


@pytest.mark.django_db
def test_a_choice_of_records_refuses_an_identifier_beyond_64_bits():
    from cohorts.models import Cohort

    class ChoiceForm(DsfrFormMixin, forms.Form):
        cohorts = forms.ModelMultipleChoiceField(queryset=Cohort.objects.all())

    form = ChoiceForm(data={"cohorts": [BEYOND_INT64]})
    assert not form.is_valid()
    assert "cohorts" in form.errors


def test_integer_in_range_reads_text_and_numbers():
    assert integer_in_range("12")
    assert integer_in_range("not a number")
    assert not integer_in_range(BEYOND_INT64)
    assert not integer_in_range(INT64_MAX + 1)
