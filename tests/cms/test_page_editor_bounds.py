"""The page editor refuses malformed content with a French error on the field and keeps the page
as it was, instead of failing while it reads the blocks or the rich text it was sent."""

import pytest
from django.urls import reverse

from cms.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "broken",
    [
        "body",  # the blocks: their counter missing, their content unreadable
        "intro",  # a rich text whose JSON is unreadable
    ],
)
def test_malformed_content_is_a_french_error_and_the_page_is_unchanged(
    client, public_site, staff_user, broken
):
    client.force_login(staff_user)  # a superuser
    title = public_site.title

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[public_site.pk]),
        {"title": "Nouveau titre", "slug": public_site.slug, broken: "{pas du JSON"},
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors[broken]  # shown on the field, in French
    assert error.startswith("Le contenu envoyé est illisible")
    assert HomePage.objects.get(pk=public_site.pk).title == title
