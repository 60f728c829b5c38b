"""Staff lift a reviewer's declared conflict of interest from the admin, with a reason kept in
the review's history; only the groups holding ``selection.lift_review_conflict`` may (Équipe du
programme, Sélection), and the reviewer never lifts their own."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from selection.models import Review
from selection.services import review_declare_conflict
from tests.authorization.matrix import close_without_closing_the_database
from tests.factories import UserFactory
from tests.selection.factories import ReviewFactory

pytestmark = pytest.mark.django_db

REASON = "Déclaration faite par erreur : aucun lien avec la candidate."


def staff_in(group_name):
    user = UserFactory(is_staff=True)
    user.groups.set([Group.objects.get(name=group_name)])
    return user


@pytest.fixture
def review():
    review = ReviewFactory(application__submitted=True, reviewer__username="jury-en-conflit")
    review_declare_conflict(review=review, has_conflict=True, note="Ancienne collègue.")
    return review


def lift_url(review):
    return reverse("selection_admin:review-conflict-lift", args=[review.pk])


def post(client, url, data):
    response = client.post(url, data)
    close_without_closing_the_database(response)
    return response


@pytest.mark.parametrize("group_name", ["Sélection", "Équipe du programme"])
def test_permitted_staff_lift_a_conflict_and_the_history_keeps_who_and_why(
    client, review, group_name
):
    staff = staff_in(group_name)
    client.force_login(staff)
    decision = client.get(reverse("selection_admin:decision", args=[review.application.pk]))
    assert lift_url(review) in decision.content.decode()  # the link from the reviews' list

    response = post(client, lift_url(review), {"reason": REASON})

    assert (response.status_code, response["Location"]) == (302, lift_url(review))
    review.refresh_from_db()
    assert review.has_conflict is None  # the reviewer declares again
    latest = review.history.latest()
    assert (latest.history_change_reason, latest.history_user) == (REASON, staff)


def test_a_lift_without_a_reason_is_refused_with_a_french_error(client, review):
    client.force_login(staff_in("Sélection"))

    response = client.post(lift_url(review), {"reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]  # shown on the page, in French
    assert Review.objects.get(pk=review.pk).has_conflict is True


def test_a_reason_longer_than_the_history_keeps_is_refused_with_what_was_typed(client, review):
    client.force_login(staff_in("Sélection"))
    reason = "Motif détaillé. " * 10  # 160 characters: the history keeps 100

    response = post(client, lift_url(review), {"reason": reason})

    assert response.status_code == 200
    assert "au plus 100 caractères" in response.content.decode()
    assert response.context["form"]["reason"].value() == reason  # nothing typed is lost
    assert Review.objects.get(pk=review.pk).has_conflict is True


def test_communication_may_not_lift_a_conflict(client, review):
    client.force_login(staff_in("Communication"))
    assert client.get(lift_url(review)).status_code == 302

    response = post(client, lift_url(review), {"reason": REASON})

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert Review.objects.get(pk=review.pk).has_conflict is True
    assert review.history.count() == 2  # created, then declared: no lift


def test_the_reviewer_cannot_lift_their_own_conflict(client, review):
    client.force_login(review.reviewer)

    refused = post(client, lift_url(review), {"reason": REASON})
    taken_back = post(
        client,
        reverse("selection:review-detail", args=[review.pk]),
        {"action": "conflict", "has_conflict": "no"},
    )

    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("account_login"))
    assert taken_back["Location"] == reverse("selection:review-detail", args=[review.pk])
    assert Review.objects.get(pk=review.pk).has_conflict is True
