"""The public challenge list (filters, search, pagination) and challenge pages."""

import html

import pytest
from django.urls import reverse

from cohorts.models import Profile
from projects.models import ChallengeStatus, LinkKind, Outcome, TeamRole
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeLinkFactory,
    CohortFactory,
    FellowshipFactory,
    KeyFigureFactory,
    PersonFactory,
    SkillFactory,
    TeamMembershipFactory,
    ThemeFactory,
)
from tests.public_data import a_full_challenge, get_query_count, many_full_challenges

pytestmark = pytest.mark.django_db

LIST_URL = reverse("projects:challenge-list")


def detail_url(challenge) -> str:
    return reverse(
        "projects:challenge-detail",
        kwargs={"cohort_slug": challenge.cohort.slug, "slug": challenge.slug},
    )


def listed_titles(client, **params) -> set[str]:
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return {card.title for card in response.context["cards"]}


# --- List ------------------------------------------------------------------------------------


def test_challenge_list_shows_published_challenges_with_their_cohort_and_host(client):
    host = AdministrationFactory(name="Agence du numérique en santé")
    ChallengeFactory(
        title="Cartographier les soins", cohort=CohortFactory(name="EIG 3"), administrations=[host]
    )

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert "Cartographier les soins" in content
    assert "EIG 3" in content
    assert "Agence du numérique en santé" in content
    assert "1 défi" in content


def test_challenge_list_never_shows_drafts_or_unpublished_or_rejected_challenges(client):
    ChallengeFactory(title="Défi publié")
    ChallengeFactory(title="Brouillon secret", draft=True)
    ChallengeFactory(title="Terminé mais non publié", is_published=False)
    ChallengeFactory(
        title="Publié par erreur en brouillon", status=ChallengeStatus.DRAFT, is_published=True
    )
    ChallengeFactory(
        title="Proposition non retenue", status=ChallengeStatus.REJECTED, is_published=True
    )

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert "Défi publié" in content
    for hidden in (
        "Brouillon secret",
        "Terminé mais non publié",
        "Publié par erreur",
        "Proposition non retenue",
    ):
        assert hidden not in content


def test_filtering_by_promotion_and_year_keeps_only_their_challenges(client):
    eig2 = CohortFactory(name="EIG 2", slug="eig-2", number=2, year=2018)
    eig3 = CohortFactory(name="EIG 3", slug="eig-3", number=3, year=2019)
    ChallengeFactory(title="Défi de 2018", cohort=eig2)
    ChallengeFactory(title="Défi de 2019", cohort=eig3)

    assert listed_titles(client, promotion="eig-2") == {"Défi de 2018"}
    assert listed_titles(client, annee="2019") == {"Défi de 2019"}


def test_filtering_by_a_ministry_includes_the_challenges_of_its_directions(client):
    ministry = AdministrationFactory(name="Ministère de la Culture")
    direction = AdministrationFactory(name="Direction générale des patrimoines", parent=ministry)
    ChallengeFactory(title="Défi de la direction", administrations=[direction])
    ChallengeFactory(title="Défi du ministère", administrations=[ministry])
    ChallengeFactory(title="Défi d'ailleurs")

    assert listed_titles(client, administration=ministry.pk) == {
        "Défi de la direction",
        "Défi du ministère",
    }
    assert listed_titles(client, administration=direction.pk) == {"Défi de la direction"}


def test_filtering_by_theme_skill_and_status(client):
    health = ThemeFactory(name="Santé", slug="sante")
    design = SkillFactory(code="design", name="Design")
    themed = ChallengeFactory(title="Défi santé")
    themed.themes.add(health)
    skilled = ChallengeFactory(title="Défi design", status=ChallengeStatus.IN_PROGRESS)
    skilled.skills.add(design)
    ChallengeFactory(title="Autre défi")

    assert listed_titles(client, thematique="sante") == {"Défi santé"}
    assert listed_titles(client, competence="design") == {"Défi design"}
    assert listed_titles(client, etat="in_progress") == {"Défi design"}


def test_search_finds_words_in_title_summary_body_and_host_administration_name(client):
    ChallengeFactory(title="Signaux faibles", summary="Détecter les entreprises en difficulté")
    ChallengeFactory(title="Lexiq", body="Un moteur de recherche **juridique**.")
    ChallengeFactory(
        title="Prévisions", administrations=[AdministrationFactory(name="Météo-France")]
    )
    ChallengeFactory(title="Sans rapport", summary="Rien à voir.")

    assert listed_titles(client, q="signaux") == {"Signaux faibles"}
    assert listed_titles(client, q="entreprises difficulté") == {"Signaux faibles"}
    assert listed_titles(client, q="juridique") == {"Lexiq"}
    assert listed_titles(client, q="météo") == {"Prévisions"}
    assert listed_titles(client, q="signaux juridique") == set()


def test_search_and_filters_combine(client):
    eig2 = CohortFactory(slug="eig-2", name="EIG 2", number=2, year=2018)
    ChallengeFactory(title="Données de santé 2018", cohort=eig2)
    ChallengeFactory(
        title="Données de santé 2019",
        cohort=CohortFactory(slug="eig-3", name="EIG 3", number=3, year=2019),
    )

    assert listed_titles(client, q="santé", promotion="eig-2") == {"Données de santé 2018"}


def test_a_filter_value_not_offered_is_reported_and_ignored(client):
    ChallengeFactory(title="Défi visible", summary="Les données ouvertes")

    response = client.get(LIST_URL, {"promotion": "inconnue", "q": "ouvertes"})

    assert {card.title for card in response.context["cards"]} == {"Défi visible"}
    assert "fr-select-group--error" in response.content.decode()


def test_challenge_list_paginates_with_dsfr_pagination_keeping_filters(client):
    cohort = CohortFactory(slug="eig-5", name="EIG 5", number=5)
    for number in range(30):
        ChallengeFactory(title=f"Défi {number:02d}", cohort=cohort)

    first = client.get(LIST_URL, {"promotion": "eig-5"})
    second = client.get(LIST_URL, {"promotion": "eig-5", "page": 2})

    assert len(first.context["cards"]) == 24
    assert len(second.context["cards"]) == 6
    content = first.content.decode()
    assert "fr-pagination" in content
    assert "promotion=eig-5&amp;page=2" in content


def test_challenge_list_query_count_does_not_grow_with_challenges(client):
    a_full_challenge()
    one = get_query_count(client, LIST_URL)

    many_full_challenges(49)
    fifty = get_query_count(client, LIST_URL)

    assert one == fifty


def test_challenge_list_escapes_html_in_titles_and_summaries(client):
    ChallengeFactory(
        title='<script>alert("titre")</script>',
        slug="defi-script",
        summary="<b>Résumé</b> <img src=x onerror=alert(1)>",
    )

    content = client.get(LIST_URL).content.decode()

    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert html.escape('<script>alert("titre")</script>') in content
    assert html.escape("<b>Résumé</b>") in content


def test_filter_options_escape_html_in_names_and_keep_the_chosen_one_selected(client):
    hostile = AdministrationFactory(name='Ministère <script>alert("x")</script>', acronym="")
    ChallengeFactory(administrations=[hostile])

    first = client.get(LIST_URL).content.decode()
    chosen = client.get(LIST_URL, {"administration": hostile.pk}).content.decode()

    label = html.escape('Ministère <script>alert("x")</script>')
    for content in (first, chosen):
        assert '<script>alert("x")' not in content
    assert f'<option value="{hostile.pk}">{label}</option>' in first
    assert f'<option value="{hostile.pk}" selected>{label}</option>' in chosen


def test_challenge_list_carries_the_data_credit_and_licence(client, settings):
    content = client.get(LIST_URL).content.decode()

    assert html.escape(settings.EIG_DATA_CREDIT) in content
    assert settings.EIG_DATA_LICENCE_URL in content


# --- Detail ----------------------------------------------------------------------------------


def test_challenge_page_shows_problem_rendered_from_markdown(client):
    challenge = ChallengeFactory(
        body="### La problématique\n\nOuvrir les **données** [du "
        "service](https://www.example.gouv.fr)."
    )

    content = client.get(detail_url(challenge)).content.decode()

    assert "<h3>La problématique</h3>" in content
    assert "<strong>données</strong>" in content
    assert 'href="https://www.example.gouv.fr"' in content


def test_challenge_page_shows_html_in_the_markdown_body_as_text(client):
    challenge = ChallengeFactory(
        body='<script>alert("corps")</script>\n\n'
        '[piège](javascript:alert(1)) <b onclick="x()">gras</b>'
    )

    content = client.get(detail_url(challenge)).content.decode()

    assert "<script>alert" not in content
    assert "javascript:" not in content
    assert "<b onclick" not in content
    assert "&lt;script&gt;alert" in content
    assert "&lt;b onclick" in content


def test_challenge_page_shows_host_administrations_with_their_hierarchy(client):
    ministry = AdministrationFactory(name="Ministère de l'Intérieur")
    direction = AdministrationFactory(name="Direction du numérique", parent=ministry)
    service = AdministrationFactory(name="Service des données", parent=direction)
    challenge = ChallengeFactory(administrations=[service])

    response = client.get(detail_url(challenge))

    assert [
        [a.name for a in lineage] for lineage in response.context["detail"].administration_lineages
    ] == [["Ministère de l'Intérieur", "Direction du numérique", "Service des données"]]
    content = response.content.decode()
    assert (
        content.index("Ministère de l")
        < content.index("Direction du numérique")
        < content.index("Service des données")
    )


def test_challenge_page_names_consenting_team_members_with_their_profile(client):
    challenge = ChallengeFactory()
    fellow = PersonFactory(full_name="Alice Martin", slug="alice-martin")
    FellowshipFactory(person=fellow, cohort=challenge.cohort, profile=Profile.DESIGNER)
    FellowshipFactory(person=fellow, profile=Profile.DEVELOPER)  # another cohort, other profile
    TeamMembershipFactory(challenge=challenge, person=fellow, role=TeamRole.FELLOW)
    TeamMembershipFactory(
        challenge=challenge, role=TeamRole.MENTOR, person=PersonFactory(full_name="Bruno Petit")
    )
    TeamMembershipFactory(
        challenge=challenge, role=TeamRole.SPONSOR, person=PersonFactory(full_name="Chloé Durand")
    )

    content = client.get(detail_url(challenge)).content.decode()

    assert "Alice Martin</a>, Designer" in content
    assert reverse("projects:person-detail", kwargs={"slug": "alice-martin"}) in content
    assert "Bruno Petit" in content
    assert "Chloé Durand" in content


def test_challenge_page_counts_but_never_names_people_without_consent(client):
    challenge = ChallengeFactory()
    TeamMembershipFactory(challenge=challenge, person=PersonFactory(full_name="Alice Martin"))
    hidden = PersonFactory(full_name="Camille Secrète", slug="camille-secrete", private=True)
    FellowshipFactory(person=hidden, cohort=challenge.cohort)
    TeamMembershipFactory(challenge=challenge, person=hidden)
    TeamMembershipFactory(
        challenge=challenge,
        role=TeamRole.MENTOR,
        person=PersonFactory(full_name="Denis Discret", private=True),
    )

    content = client.get(detail_url(challenge)).content.decode()

    assert "Alice Martin" in content
    assert "Camille Secrète" not in content
    assert "camille-secrete" not in content
    assert "Denis Discret" not in content
    assert "Et 1 autre membre de l'équipe." in content
    assert "1 membre de l'équipe." in content


def test_challenge_page_shows_key_figures_results_by_kind_and_outcome(client):
    challenge = ChallengeFactory(
        outcome=Outcome.CONTINUED, outcome_note="Repris par la direction.\nEn production."
    )
    KeyFigureFactory(
        challenge=challenge, amount=1300, description="demandes par semaine", position=1
    )
    KeyFigureFactory(
        challenge=challenge, amount=20, suffix=" %", description="de temps gagné", position=0
    )
    ChallengeLinkFactory(
        challenge=challenge,
        kind=LinkKind.SOURCE_CODE,
        url="https://github.com/eig/outil",
        title="Dépôt de l'outil",
    )
    ChallengeLinkFactory(
        challenge=challenge,
        kind=LinkKind.VIDEO,
        url="https://video.example.fr/demo",
        title="Démonstration",
    )

    content = client.get(detail_url(challenge)).content.decode()

    assert "1\u202f300" in content or "1 300" in content or "1\xa0300" in content
    assert content.index("de temps gagné") < content.index("demandes par semaine")
    assert (
        content.index("Code source")
        < content.index("Dépôt de l&#x27;outil")
        < content.index("Vidéo")
        < content.index("Démonstration")
    )
    assert "Poursuivi par l&#x27;administration" in content
    assert "Repris par la direction.<br>En production." in content


@pytest.mark.parametrize(
    "fields",
    [
        {"draft": True},
        {"is_published": False},
        {"status": ChallengeStatus.SUBMITTED, "is_published": True},
    ],
    ids=["draft", "unpublished", "submitted"],
)
def test_challenge_page_of_a_challenge_not_public_is_not_found(client, fields):
    challenge = ChallengeFactory(**fields)

    assert client.get(detail_url(challenge)).status_code == 404


def test_challenge_page_is_found_only_under_its_own_promotion(client):
    challenge = ChallengeFactory()
    other = CohortFactory()

    url = reverse(
        "projects:challenge-detail", kwargs={"cohort_slug": other.slug, "slug": challenge.slug}
    )

    assert client.get(url).status_code == 404


def test_challenge_page_escapes_html_in_title_and_summary(client):
    challenge = ChallengeFactory(
        title='<script>alert("titre")</script>', slug="defi-script", summary="<i>résumé</i>"
    )

    content = client.get(detail_url(challenge)).content.decode()

    assert "<script>alert" not in content
    assert "<i>résumé</i>" not in content
    assert html.escape('<script>alert("titre")</script>') in content


def test_challenge_page_query_count_does_not_depend_on_team_or_results_size(client):
    small = a_full_challenge()
    large = a_full_challenge()
    for _ in range(10):
        TeamMembershipFactory(challenge=large)
        KeyFigureFactory(challenge=large)
        ChallengeLinkFactory(challenge=large)

    assert get_query_count(client, detail_url(small)) == get_query_count(client, detail_url(large))


def test_search_ignores_accents_and_case_in_texts_and_administration_names(client):
    ChallengeFactory(title="Données de santé", summary="Hôpitaux et ÉTABLISSEMENTS.")
    ChallengeFactory(title="Cœur de l'État", body="Une œuvre commune.")
    ChallengeFactory(
        title="Prévisions", administrations=[AdministrationFactory(name="Météo-France")]
    )

    assert listed_titles(client, q="donnees hopitaux") == {"Données de santé"}
    assert listed_titles(client, q="etablissements") == {"Données de santé"}
    assert listed_titles(client, q="coeur etat") == {"Cœur de l'État"}
    assert listed_titles(client, q="OEUVRE") == {"Cœur de l'État"}
    assert listed_titles(client, q="meteo") == {"Prévisions"}
    assert listed_titles(client, q="prévisiôns") == {"Prévisions"}


def test_filters_offer_a_new_administration_as_soon_as_its_challenge_is_published(client):
    ChallengeFactory(administrations=[AdministrationFactory(name="Ministère des Armées")])
    before = client.get(LIST_URL).content.decode()

    ChallengeFactory(administrations=[AdministrationFactory(name="Cour des comptes")])
    after = client.get(LIST_URL).content.decode()

    assert "Ministère des Armées" in before and "Cour des comptes" not in before
    assert "Cour des comptes" in after


def test_uncached_list_and_cohort_page_show_a_changed_card_at_once(client, settings):
    # Cards are rendered once per content in each process: a change made even without
    # signals (no cache bump) must show, since the card's data are read on every request.
    from projects.models import Challenge

    settings.EIG_PUBLIC_CACHE_SECONDS = 0
    challenge = ChallengeFactory(title="Titre d'origine", summary="Résumé d'origine")
    cohort_url = reverse("projects:cohort-detail", kwargs={"slug": challenge.cohort.slug})
    assert "Titre d&#x27;origine" in client.get(LIST_URL).content.decode()
    assert "Titre d&#x27;origine" in client.get(cohort_url).content.decode()

    Challenge.objects.filter(pk=challenge.pk).update(
        title="Titre <b>changé</b>", summary="Résumé changé"
    )

    for url in (LIST_URL, cohort_url):
        page = client.get(url).content.decode()
        assert "Titre &lt;b&gt;changé&lt;/b&gt;" in page
        assert "Résumé changé" in page
        assert "Titre d&#x27;origine" not in page and "Résumé d&#x27;origine" not in page


def test_a_host_administration_added_to_a_challenge_shows_on_its_card_at_once(client, settings):
    # Cards' administrations and skills are kept per site version: the change bumps it.
    settings.EIG_PUBLIC_CACHE_SECONDS = 0
    challenge = ChallengeFactory(administrations=[AdministrationFactory(name="Cour des comptes")])
    assert "Ministère des Armées" not in client.get(LIST_URL).content.decode()

    challenge.administrations.add(AdministrationFactory(name="Ministère des Armées"))
    challenge.skills.add(SkillFactory(name="Cartographie"))

    card = next(c for c in client.get(LIST_URL).context["cards"] if c.title == challenge.title)
    assert card.administrations == ("Cour des comptes", "Ministère des Armées")
    assert "Cartographie" in card.skills
