"""The candidate's space (Espace candidat) and the reviewers' space (Espace jury candidatures).

Every object is looked up through cohorts.rules: someone without rights to it gets a 404.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.reviews import review_may_read
from core.tabular import tabular_csv
from selection import rules, selectors, services
from selection.forms import ApplicationForm, ConflictForm, ScoreForm
from selection.models import Application, ApplicationStatus, EqualityStatistics, Review

# --- Candidate's space ------------------------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_safe
def candidate_space(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    applications = list(
        rules.applications_of_candidate(user=request.user)
        .select_related("cohort")
        .order_by("-created_at", "-pk")
    )
    active_cohorts = {a.cohort_id for a in applications if a.status != ApplicationStatus.WITHDRAWN}
    open_cohorts = [
        cohort
        for cohort in selectors.cohorts_open_for_candidates(today=today)
        if cohort.pk not in active_cohorts
    ]
    return _private(
        render(
            request,
            "selection/candidate_space.html",
            {"applications": applications, "open_cohorts": open_cohorts},
        )
    )


def _form_context(*, application: Application | None, cohort, form, editable: bool) -> dict:
    return {
        "application": application,
        "cohort": cohort,
        "form": form,
        "editable": editable,
        "cv_max_mb": services.CV_MAX_BYTES // (1024 * 1024),
    }


def _statistics_initial(application: Application | None) -> dict:
    if application is None or application.pk is None:
        return {}
    statistics = EqualityStatistics.objects.filter(application=application).first()
    if statistics is None:
        return {}
    return {"gender": statistics.gender, "age_band": statistics.age_band}


def _save_from_form(request: HttpRequest, *, form, cohort, application: Application | None):
    """Save the valid ``form`` and, when asked, submit. Returns the response, or None when the
    form must be shown again with an error."""
    data = form.cleaned_data
    submitted = application is not None and application.status == ApplicationStatus.SUBMITTED
    if submitted:
        missing = services.application_missing(application=form.instance)
        if data.get("cv_upload"):
            missing = [item for item in missing if item != str(_("le CV"))]
        if missing:
            form.add_error(
                None,
                _("Une candidature déposée doit rester complète ; il manque : %(missing)s.")
                % {"missing": ", ".join(missing)},
            )
            return None
    try:
        application = services.application_save(
            candidate=request.user,
            cohort=cohort,
            application=application,
            values={name: data[name] for name in services.APPLICATION_FIELDS},
            cv=data.get("cv_upload"),
            gender=data.get("gender", ""),
            age_band=data.get("age_band", ""),
        )
    except services.ApplicationError as error:
        for message in error.messages:
            messages.error(request, message)
        if application is None:
            return redirect("selection:candidate-space")
        return redirect("selection:application-detail", pk=application.pk)
    if request.POST.get("action") == "submit" and not submitted:
        try:
            services.application_submit(application=application)
        except services.ApplicationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Votre candidature est déposée. Un courriel de confirmation vous a été envoyé."),
            )
    elif submitted:
        messages.success(request, _("Les modifications de votre candidature sont enregistrées."))
    else:
        messages.success(request, _("Votre brouillon est enregistré."))
    return redirect("selection:application-detail", pk=application.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_create(request: HttpRequest, cohort_slug: str) -> HttpResponse:
    today = timezone.localdate()
    cohort = selectors.cohort_open_for_candidates(slug=cohort_slug, today=today)
    if cohort is None:
        raise Http404(_("Aucun appel à candidatures ouvert pour cette promotion."))
    current = (
        rules.applications_of_candidate(user=request.user)
        .filter(cohort=cohort)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .first()
    )
    if current is not None:
        return redirect("selection:application-detail", pk=current.pk)
    challenges = selectors.challenges_open_to_candidates(cohort=cohort)
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, challenges=challenges)
        if form.is_valid():
            response = _save_from_form(request, form=form, cohort=cohort, application=None)
            if response is not None:
                return response
    else:
        form = ApplicationForm(challenges=challenges)
    return _private(
        render(
            request,
            "selection/application_form.html",
            _form_context(application=None, cohort=cohort, form=form, editable=True),
        )
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(
        rules.applications_of_candidate(user=request.user).select_related(
            "cohort", "first_choice", "second_choice", "third_choice", "selected_challenge"
        ),
        pk=pk,
    )
    cohort = application.cohort
    editable = rules.application_is_editable(application=application, today=timezone.localdate())
    challenges = selectors.challenges_open_to_candidates(cohort=cohort)
    if request.method == "POST":
        if not editable:
            messages.error(
                request,
                services.application_locked_reason(
                    application=application, today=timezone.localdate()
                ),
            )
            return redirect("selection:application-detail", pk=application.pk)
        form = ApplicationForm(
            request.POST, request.FILES, instance=application, challenges=challenges
        )
        if form.is_valid():
            response = _save_from_form(request, form=form, cohort=cohort, application=application)
            if response is not None:
                return response
    else:
        form = ApplicationForm(
            instance=application,
            challenges=challenges,
            initial=_statistics_initial(application),
        )
    context = _form_context(application=application, cohort=cohort, form=form, editable=editable)
    context["missing"] = (
        services.application_missing(application=application)
        if application.status == ApplicationStatus.DRAFT
        else []
    )
    template = (
        "selection/application_form.html" if editable else "selection/application_detail.html"
    )
    return _private(render(request, template, context))


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(rules.applications_of_candidate(user=request.user), pk=pk)
    try:
        services.application_withdraw(application=application)
    except services.ApplicationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Votre candidature est retirée."))
    return redirect("selection:application-detail", pk=application.pk)


@login_required
@require_safe
def application_cv(request: HttpRequest, pk: int) -> FileResponse:
    """The CV, for its candidate, staff and the reviewers assigned to the application once
    they declared no conflict of interest (403 before, or with a conflict)."""
    application = rules.applications_readable_by(user=request.user).filter(pk=pk).first()
    if application is None:
        if rules.reviews_of_reviewer(user=request.user).filter(application_id=pk).exists():
            raise PermissionDenied(
                _("Déclarez l'absence de conflit d'intérêts avant de lire cette candidature.")
            )
        raise Http404(_("Aucune candidature."))
    if not application.cv:
        raise Http404(_("Aucun CV."))
    try:
        handle = application.cv.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Aucun CV.")) from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"cv-{slugify(application.full_name) or application.pk}.pdf",
        content_type="application/pdf",
    )
    return _private(response)


@login_required
@require_safe
def candidate_data(request: HttpRequest) -> HttpResponse:
    """Everything held about the candidate, as a JSON file."""
    data = services.candidate_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-candidature.json"'
    return _private(response)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def candidate_erasure(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        count = services.candidate_erase(user=request.user)
        messages.success(
            request,
            _("%(count)s candidature(s) et leurs fichiers ont été effacés.") % {"count": count},
        )
        return redirect("selection:candidate-space")
    kept = rules.applications_of_candidate(user=request.user).filter(decision="selected").count()
    return _private(render(request, "selection/candidate_erasure.html", {"kept": kept}))


# --- Reviewers' space ------------------------------------------------------------------------


@login_required
@require_safe
def reviewer_space(request: HttpRequest) -> HttpResponse:
    reviews = list(
        rules.reviews_of_reviewer(user=request.user)
        .select_related("application__cohort")
        .order_by("application__cohort__year", "application__full_name", "stage", "pk")
    )
    return _private(render(request, "selection/reviewer_space.html", {"reviews": reviews}))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review: Review = get_object_or_404(
        rules.reviews_of_reviewer(user=request.user).select_related(
            "application__cohort",
            "application__first_choice",
            "application__second_choice",
            "application__third_choice",
        ),
        pk=pk,
    )
    conflict_form = ConflictForm(
        initial={"has_conflict": {True: "yes", False: "no"}.get(review.has_conflict)}
    )
    score_form = ScoreForm(instance=review)
    if request.method == "POST":
        if request.POST.get("action") == "conflict":
            conflict_form = ConflictForm(request.POST)
            if conflict_form.is_valid():
                try:
                    services.review_declare_conflict(
                        review=review,
                        has_conflict=conflict_form.cleaned_data["has_conflict"],
                        note=conflict_form.cleaned_data["conflict_note"],
                    )
                except services.ApplicationError as error:
                    for message in error.messages:
                        messages.error(request, message)
                else:
                    messages.success(request, _("Votre déclaration est enregistrée."))
                return redirect("selection:review-detail", pk=review.pk)
        else:
            score_form = ScoreForm(request.POST, instance=Review.objects.get(pk=review.pk))
            if score_form.is_valid():
                data = score_form.cleaned_data
                try:
                    services.review_score(
                        review=review,
                        skills=data["score_skills"],
                        motivation=data["score_motivation"],
                        fit=data["score_fit"],
                        comment=data["comment"],
                    )
                except services.ApplicationError as error:
                    for message in error.messages:
                        messages.error(request, message)
                else:
                    messages.success(request, _("Votre évaluation est enregistrée."))
                return redirect("selection:review-detail", pk=review.pk)
    return _private(
        render(
            request,
            "selection/review_detail.html",
            {
                "review": review,
                "application": review.application,
                "conflict_form": conflict_form,
                "score_form": score_form,
            },
        )
    )


REVIEWER_EXPORT_COLUMNS = [
    "promotion",
    "candidat",
    "profil",
    "defis_choisis",
    "liens",
    "motivation",
    "etape",
    "conflit",
    "note_competences",
    "note_motivation",
    "note_adequation",
    "commentaire",
]


@login_required
@require_safe
def reviewer_export(request: HttpRequest) -> HttpResponse:
    """The reviewer's assigned applications as CSV: what they read on their pages, never the
    equality statistics; an application with a declared conflict shows only its name."""
    reviews = (
        rules.reviews_of_reviewer(user=request.user)
        .select_related(
            "application__cohort",
            "application__first_choice",
            "application__second_choice",
            "application__third_choice",
        )
        .order_by("application__full_name", "stage", "pk")
    )
    rows = []
    for review in reviews:
        application = review.application
        readable = review_may_read(conflict=review.has_conflict)
        rows.append(
            [
                application.cohort.name,
                application.full_name,
                application.get_profile_display() if readable else "",
                " | ".join(c.title for c in application.choices) if readable else "",
                " ".join(application.links.split()) if readable else "",
                application.motivation if readable else "",
                review.get_stage_display(),
                {True: _("oui"), False: _("non"), None: _("non déclaré")}[review.has_conflict],
                review.score_skills if review.score_skills is not None else "",
                review.score_motivation if review.score_motivation is not None else "",
                review.score_fit if review.score_fit is not None else "",
                review.comment,
            ]
        )
    # core.tabular neutralises what a candidate may write to run as a formula (=HYPERLINK…).
    response = HttpResponse(
        tabular_csv(header=REVIEWER_EXPORT_COLUMNS, rows=rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="candidatures-a-evaluer.csv"'
    return _private(response)
