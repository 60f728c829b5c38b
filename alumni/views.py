"""Front office of the alumni network (profile, positions, directory) and the survey's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from alumni import rules, selectors, services
from alumni.forms import DirectoryFilterForm, DirectoryProfileForm, PositionForm, SurveyAnswerForm
from alumni.models import SurveyInvitation

DIRECTORY_PER_PAGE = 30


def _network_person(request: HttpRequest):
    """The logged-in fellow's or alumnus's person; 404 for anyone else."""
    person = rules.user_person(request.user)
    if not rules.person_is_fellow(person):
        raise Http404(_("Cet espace est réservé aux EIG et aux anciens du programme."))
    return person


def _apply_validation_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = _network_person(request)
    directory_profile = services.directory_profile_get_or_create(person=person)
    form = DirectoryProfileForm(request.POST or None, instance=directory_profile)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields if name != "skills"}
        services.directory_profile_update(
            profile=directory_profile, values=values, skills=list(form.cleaned_data["skills"])
        )
        messages.success(request, _("Votre profil et vos choix de visibilité sont enregistrés."))
        return redirect("alumni:profile")
    invitations = selectors.person_survey_invitations(person=person)
    now = timezone.now()
    return render(
        request,
        "alumni/profile.html",
        {
            "person": person,
            "form": form,
            "positions": selectors.person_positions(person=person),
            "invitations": invitations,
            "open_invitations": [
                invitation
                for invitation in invitations
                if not invitation.answered and invitation.expires_at >= now
            ],
            "events_to_answer": selectors.person_events_to_answer(user=request.user, now=now),
            "now": now,
            "is_alumnus": rules.person_is_alumnus(person),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request: HttpRequest) -> HttpResponse:
    person = _network_person(request)
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_create(person=person, values=form.cleaned_data)
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("Le poste est ajouté à votre parcours."))
            return redirect("alumni:profile")
    return render(request, "alumni/position_form.html", {"form": form, "position": None})


@login_required
@require_http_methods(["GET", "POST"])
def position_update(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(rules.positions_editable_by(request.user), pk=pk)
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(position=position, values=form.cleaned_data)
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("Le poste est modifié."))
            return redirect("alumni:profile")
    return render(request, "alumni/position_form.html", {"form": form, "position": position})


@login_required
@require_http_methods(["GET", "POST"])
def position_delete(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(rules.positions_editable_by(request.user), pk=pk)
    if request.method == "POST":
        services.position_delete(position=position)
        messages.success(request, _("Le poste est supprimé de votre parcours."))
        return redirect("alumni:profile")
    return render(request, "alumni/position_delete.html", {"position": position})


@login_required
@require_http_methods(["GET"])
def directory(request: HttpRequest) -> HttpResponse:
    if not rules.user_can_browse_directory(request.user):
        raise Http404(_("L'annuaire est réservé aux EIG, aux anciens et à l'équipe."))
    form = DirectoryFilterForm(request.GET or None, choices=selectors.directory_filter_choices())
    profiles = selectors.directory_search(user=request.user, filters=form.filters())
    page = Paginator(profiles, DIRECTORY_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "alumni/directory.html",
        {
            "form": form,
            "page_obj": page,
            "entries": selectors.directory_entries(profiles=list(page.object_list)),
        },
    )


# --- Survey link: no password, only the link's token -------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    # The link is a secret: never sent as a referrer to another site, never indexed. (Not
    # "no-referrer": browsers would then send "Origin: null" and the CSRF check would fail.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey, opened from the personal link of the invitation e-mail (no login)."""
    invitation = services.invitation_for_token(token=token)
    if invitation is None:
        response = render(request, "alumni/survey_unknown_link.html", status=404)
        return _private(response)
    return _survey_page(request, invitation, here=("alumni:survey-answer", {"token": token}))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def survey_answer_mine(request: HttpRequest, pk: int) -> HttpResponse:
    """The same survey, opened from /reseau/ by the invited person, logged in: another
    person's invitation is 404."""
    person = rules.user_person(request.user)
    if person is None:
        raise Http404
    invitation = get_object_or_404(
        SurveyInvitation.objects.filter(person=person).select_related(
            "survey", "survey__cohort", "person"
        ),
        pk=pk,
    )
    return _survey_page(request, invitation, here=("alumni:survey-mine", {"pk": pk}))


def _survey_page(request: HttpRequest, invitation, *, here: tuple[str, dict]) -> HttpResponse:
    survey = invitation.survey
    state = services.invitation_state(invitation=invitation)
    if state != services.InvitationState.OPEN:
        return _private(
            render(request, "alumni/survey_closed.html", {"survey": survey, "state": state})
        )
    questions = list(survey.questions.order_by("sort_order", "pk"))
    if request.method == "POST":
        form = SurveyAnswerForm(request.POST, questions=questions)
        if request.POST.get("action") == "draft":
            services.invitation_save_draft(invitation=invitation, draft=form.draft())
            messages.success(request, _("Vos réponses sont enregistrées en brouillon."))
            return _private(redirect(here[0], **here[1]))
        if form.is_valid():
            try:
                services.survey_answer(invitation=invitation, answers=form.answers())
            except services.AnswerRefused as refused:
                return _private(
                    render(
                        request,
                        "alumni/survey_closed.html",
                        {"survey": survey, "state": refused.state},
                    )
                )
            return _private(
                render(
                    request,
                    "alumni/survey_closed.html",
                    {"survey": survey, "state": "thanks"},
                )
            )
        # Keep what was typed, here and server-side, should the page be left.
        services.invitation_save_draft(invitation=invitation, draft=form.draft())
    else:
        form = SurveyAnswerForm(initial=invitation.draft, questions=questions)
    return _private(
        render(
            request,
            "alumni/survey_answer.html",
            {"survey": survey, "form": form, "invitation": invitation},
        )
    )
