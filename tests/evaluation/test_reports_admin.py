"""The evaluation pages of the Wagtail admin: indicators, exports and reports, for staff only."""

import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.admin.menu import admin_menu

from core.admin import permission_required
from evaluation import views
from evaluation.models import Report, ReportStatus
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    FellowshipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com","Cliquer")'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_user(db):
    """Someone given Wagtail's admin access (e.g. by a group) who is not program staff."""
    user = UserFactory(username="redactrice")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    TOTP.activate(user, generate_totp_secret())  # the admin asks for a second factor first
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def sent_to_login(response) -> bool:
    return response.status_code == 302 and "/login/" in response["Location"]


def evaluation_urls() -> list[str]:
    done = Report.objects.create(status=ReportStatus.DONE, file="eig/reports/x.pdf")
    return [
        reverse("evaluation:indicators"),
        reverse("evaluation:indicators-export", args=["csv"]),
        reverse("evaluation:indicators-export", args=["xlsx"]),
        reverse("evaluation:reports"),
        reverse("evaluation:report-download", args=[done.pk]),
    ]


def test_anonymous_visitor_is_sent_to_the_admin_login_everywhere(client):
    for url in evaluation_urls():
        response = client.get(url)

        assert sent_to_login(response), url
        assert "next=" in response["Location"]
    assert sent_to_login(client.post(reverse("evaluation:reports"), {}))
    assert not Report.objects.exclude(status=ReportStatus.DONE).exists()


def test_logged_in_user_without_admin_access_is_refused_everywhere(client, outsider_user):
    client.force_login(outsider_user)

    for url in evaluation_urls():
        assert sent_to_login(client.get(url)), url


def test_user_given_admin_access_who_is_not_staff_is_refused_everywhere(client, editor_user):
    client.force_login(editor_user)

    def turned_away(response):
        # Refused either by the project's rule that only staff enter the admin (back to the
        # login page) or, were that rule lifted, by these pages' own staff check (back to the
        # admin's home, with Wagtail's message).
        return sent_to_login(response) or (
            response.status_code == 302
            and response["Location"] == reverse("wagtailadmin_home")
            and any("autorisation" in str(m) for m in get_messages(response.wsgi_request))
        )

    for url in evaluation_urls():
        assert turned_away(client.get(url)), url
    assert turned_away(client.post(reverse("evaluation:reports"), {}))
    assert Report.objects.count() == 1  # only the one made for the URLs


def test_evaluation_views_themselves_refuse_whoever_is_not_staff(rf, editor_user, staff_user):
    # A second lock, should the admin ever let a non-staff user in.
    view = permission_required("evaluation.view_indicators")(views.indicators_export)
    request = rf.get("/admin/evaluation/indicateurs/export.csv")
    request.user = editor_user

    with pytest.raises(PermissionDenied):
        view(request, file_type="csv")
    request.user = staff_user
    assert view(request, file_type="csv").status_code == 200


def test_menu_shows_the_evaluation_pages_to_staff_only(rf, staff_user, editor_user):
    def labels(user):
        request = rf.get("/admin/")
        request.user = user
        return [str(item.label) for item in admin_menu.menu_items_for_request(request)]

    assert {"Indicateurs", "Rapports d'évaluation"} <= set(labels(staff_user))
    assert not {"Indicateurs", "Rapports d'évaluation"} & set(labels(editor_user))


def test_staff_sees_every_indicator_with_its_chart_and_the_data_credit(staff_client, settings):
    ChallengeFactory.create_batch(2, cohort=CohortFactory(number=1))
    FellowshipFactory()

    response = staff_client.get(reverse("evaluation:indicators"))

    assert response.status_code == 200
    page = response.content.decode()
    for title in [
        "Défis retenus",
        "Structures d'accueil de premier niveau",
        "EIG par profil",
        "Part des femmes",
        "Candidatures par poste ouvert",
        "Taux de présence aux événements",
        "Taux de réponse aux enquêtes",
        "Alumni dans le secteur public un an après",
        "Défis poursuivis après le programme",
        "Chiffres clés publiés",
        "Comparaison des promotions",
    ]:
        assert title in page.replace("&#x27;", "'"), title
    assert '<svg class="eig-chart"' in page
    assert settings.EIG_DATA_CREDIT in page.replace("&#x27;", "'")


def test_staff_can_restrict_the_indicators_to_one_cohort(staff_client):
    eig1, eig2 = CohortFactory(number=1), CohortFactory(number=2)
    ChallengeFactory.create_batch(2, cohort=eig1)
    ChallengeFactory.create_batch(3, cohort=eig2)

    response = staff_client.get(reverse("evaluation:indicators"), {"cohort": eig2.pk})

    results = response.context["results"]
    assert results.scope_label == "Promotion EIG 2"
    assert results.get("challenges_selected").value == 3
    assert f"export.csv?cohort={eig2.pk}" in response.content.decode()


def test_indicators_page_queries_do_not_grow_with_cohorts(staff_client):
    def queries_for_cohorts(count):
        for number in range(1, count + 1):
            ChallengeFactory(cohort=CohortFactory(number=number))
            FellowshipFactory(cohort=CohortFactory(number=number))
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(reverse("evaluation:indicators")).status_code == 200
        return len(queries)

    assert queries_for_cohorts(1) == queries_for_cohorts(5)


def test_csv_export_holds_every_indicator_and_neutralises_formulas(staff_client, settings):
    ChallengeFactory(cohort=CohortFactory(number=1, name=FORMULA))

    response = staff_client.get(reverse("evaluation:indicators-export", args=["csv"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="indicateurs-eig-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Famille", "Indicateur", "Ventilation", "Libellé", "Valeur"]
    selected = next(row for row in rows if row[1] == "Défis retenus" and not row[2])
    assert selected[4:7] == ["1", "", "1"]
    labels = {row[3] for row in rows}
    assert f"'{FORMULA}" in labels and FORMULA not in labels
    assert any(row[4] == settings.EIG_DATA_CREDIT for row in rows)


def test_xlsx_export_keeps_text_that_looks_like_a_formula_as_guarded_text(staff_client, settings):
    ChallengeFactory(cohort=CohortFactory(number=1, name=FORMULA))

    response = staff_client.get(reverse("evaluation:indicators-export", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    formula_cells = [cell for cell in cells if cell.value == f"'{FORMULA}"]
    assert formula_cells and all(cell.data_type == "s" for cell in formula_cells)
    assert FORMULA not in [cell.value for cell in cells]
    assert not any(cell.data_type == "f" for cell in cells)
    values = [cell.value for cell in cells]
    assert "Défis retenus" in values and settings.EIG_DATA_CREDIT in values


def test_unknown_export_type_is_not_found(staff_client):
    response = staff_client.get(reverse("evaluation:indicators-export", args=["pdf"]))

    assert response.status_code == 404


def test_staff_requests_a_report_then_downloads_the_pdf(
    staff_client, staff_user, media, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(number=3)
    ChallengeFactory(cohort=cohort, title="Défi de la troisième promotion")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("evaluation:reports"), {"cohort": cohort.pk, "challenge_pages": "on"}
        )

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.scope, report.cohort, report.requested_by) == ("cohort", cohort, staff_user)
    assert report.status == ReportStatus.DONE
    listing = staff_client.get(reverse("evaluation:reports")).content.decode()
    assert "Terminé" in listing and "Promotion EIG 3" in listing
    download_url = reverse("evaluation:report-download", args=[report.pk])
    assert download_url in listing
    download = staff_client.get(download_url)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith(
        'attachment; filename="rapport-evaluation-eig-promotion-eig-3-'
    )
    content = b"".join(download.streaming_content)
    text = " ".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert "Promotion EIG 3" in text


def test_a_failed_report_shows_its_error_and_offers_no_download(staff_client):
    failed = Report.objects.create(
        status=ReportStatus.FAILED, progress=40, error_message="OSError: No space left on device"
    )
    pending = Report.objects.create()

    listing = staff_client.get(reverse("evaluation:reports")).content.decode()

    assert "Échec" in listing and "OSError: No space left on device" in listing
    assert "En attente" in listing and "Actualiser l'avancement" in listing
    for report in (failed, pending):
        url = reverse("evaluation:report-download", args=[report.pk])
        assert url not in listing
        assert staff_client.get(url).status_code == 404
    assert (
        staff_client.get(reverse("evaluation:report-download", args=[pending.pk + 100])).status_code
        == 404
    )


def test_request_for_an_unknown_cohort_is_refused_without_a_report(staff_client):
    response = staff_client.post(reverse("evaluation:reports"), {"cohort": 999})

    assert response.status_code == 200
    assert response.context["form"].errors["cohort"]
    assert not Report.objects.exists()


def test_reports_page_queries_do_not_grow_with_reports(staff_client, staff_user):
    def queries_for_reports(count):
        for number in range(count):
            Report.objects.create(
                scope="cohort", cohort=CohortFactory(number=number + 1), requested_by=staff_user
            )
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(reverse("evaluation:reports")).status_code == 200
        return len(queries)

    assert queries_for_reports(1) == queries_for_reports(6)
