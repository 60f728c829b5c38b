"""The team space (« Espace équipe »): fellows and mentors follow their own challenges.

Every object comes through projects/rules_progress.py and cohorts/rules_events.py: a user who is
not on a challenge's team gets 404 on its pages.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cohorts import calendar, events_services, rules_events
from cohorts.events_selectors import team_events
from projects import (
    objective_charts,
    outcome_follow_up,
    progress_digest,
    progress_selectors,
    progress_services,
    rules_progress,
)
from projects import selectors as project_selectors
from projects import services as project_services
from projects.models import ChallengeObjective, ObjectiveValue, OutcomeMilestone
from projects.progress_forms import (
    ChallengeLinkFormSet,
    ChallengeOutcomeForm,
    KeyFigureFormSet,
    ObjectiveForm,
    ObjectiveValueForm,
    OutcomeAnswerForm,
    ProgressReportForm,
)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    challenges = progress_selectors.team_space_challenges(user=request.user)
    if not challenges:
        raise Http404(_("Vous ne faites partie d'aucune équipe."))
    return render(
        request,
        "projects/team/home.html",
        {
            "challenges": challenges,
            "upcoming_events": team_events(user=request.user, upcoming=True),
            "past_events": team_events(user=request.user, upcoming=False, limit=10),
            "calendar_url": _calendar_url(request),
        },
    )


@login_required
@require_safe
def challenge(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    return render(
        request,
        "projects/team/challenge.html",
        {
            "challenge": challenge,
            "reports": progress_selectors.challenge_progress_reports(challenge=challenge),
            "is_mentor": rules_progress.is_mentor_of(request.user, challenge),
            "key_figures": challenge.key_figures.order_by("position", "pk"),
            "links": challenge.links.order_by("kind", "position", "pk"),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    form = ProgressReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        progress_services.progress_report_create(
            challenge=challenge, user=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Votre point d'avancement est enregistré."))
        return redirect("team:challenge", pk=challenge.pk)
    return render(
        request,
        "projects/team/report_form.html",
        {"challenge": challenge, "form": form, "report": None},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_edit(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    report = rules_progress.editable_progress_report_or_404(
        request.user, challenge=challenge, pk=report_pk
    )
    form = ProgressReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        progress_services.progress_report_update(report=report, data=form.cleaned_data)
        messages.success(request, _("Votre point d'avancement est modifié."))
        return redirect("team:challenge", pk=challenge.pk)
    return render(
        request,
        "projects/team/report_form.html",
        {"challenge": challenge, "form": form, "report": report},
    )


@login_required
@require_safe
def objectives(request: HttpRequest, pk: int) -> HttpResponse:
    """A challenge's objectives, each with its curve, its values and where it stands today."""
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    series = project_selectors.challenge_objective_series(challenge=challenge)
    return render(
        request,
        "projects/team/objectives.html",
        {"challenge": challenge, "objectives": objective_charts.objective_displays(series)},
    )


def _saved_or_refused(form, save) -> bool:
    """Call ``save()`` and say whether it saved; its refusal (``ValidationError``) goes to the
    form's fields."""
    try:
        save()
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return False
    return True


def _team_record_form(
    request, *, form, save, saved_message: str, template: str, context: dict
) -> HttpResponse:
    """The team's form of an objective or a value: saved through ``save(values)`` when valid
    (a refusal of the service goes to the form), then back to the objectives; else shown again,
    400 with its errors."""
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _saved_or_refused(form, lambda: save(values)):
            messages.success(request, saved_message)
            return redirect("team:objectives", pk=context["challenge"].pk)
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def _objective_form(request, *, challenge, objective: ChallengeObjective) -> HttpResponse:
    creating = objective.pk is None
    return _team_record_form(
        request,
        form=ObjectiveForm(request.POST or None, instance=objective),
        save=lambda values: project_services.objective_save(instance=objective, values=values),
        saved_message=_("L'objectif est enregistré.") if creating else _("L'objectif est modifié."),
        template="projects/team/objective_form.html",
        context={"challenge": challenge, "objective": None if creating else objective},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    return _objective_form(
        request, challenge=challenge, objective=ChallengeObjective(challenge=challenge)
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def objective_edit(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    objective = rules_progress.team_objective_or_404(
        request.user, challenge=challenge, pk=objective_pk
    )
    return _objective_form(request, challenge=challenge, objective=objective)


def _value_form(request, *, challenge, value: ObjectiveValue) -> HttpResponse:
    creating = value.pk is None
    initial = {"measured_on": timezone.localdate()} if creating else None
    return _team_record_form(
        request,
        form=ObjectiveValueForm(request.POST or None, instance=value, initial=initial),
        save=lambda values: project_services.objective_value_save(
            instance=value,
            values=values,
            recorded_by=rules_progress.team_person_for(request.user, challenge),
        ),
        saved_message=_("La valeur est enregistrée.") if creating else _("La valeur est modifiée."),
        template="projects/team/objective_value_form.html",
        context={
            "challenge": challenge,
            "objective": value.objective,
            "value": None if creating else value,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def objective_value_create(request: HttpRequest, pk: int, objective_pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    objective = rules_progress.team_objective_or_404(
        request.user, challenge=challenge, pk=objective_pk
    )
    return _value_form(request, challenge=challenge, value=ObjectiveValue(objective=objective))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def objective_value_edit(request: HttpRequest, pk: int, value_pk: int) -> HttpResponse:
    challenge = rules_progress.team_challenge_or_404(request.user, pk=pk)
    value = rules_progress.team_objective_value_or_404(
        request.user, challenge=challenge, pk=value_pk
    )
    return _value_form(request, challenge=challenge, value=value)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def challenge_results(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = rules_progress.mentored_challenge_or_404(request.user, pk=pk)
    data = request.POST if request.method == "POST" else None
    outcome_form = ChallengeOutcomeForm(data, instance=challenge)
    figures = KeyFigureFormSet(data, instance=challenge, prefix="chiffres")
    links = ChallengeLinkFormSet(data, instance=challenge, prefix="liens")
    if request.method == "POST" and all(
        [outcome_form.is_valid(), figures.is_valid(), links.is_valid()]
    ):
        progress_services.challenge_results_save(
            challenge=challenge, outcome_form=outcome_form, formsets=[figures, links]
        )
        messages.success(request, _("Les résultats du défi sont enregistrés."))
        return redirect("team:challenge", pk=challenge.pk)
    return render(
        request,
        "projects/team/results_form.html",
        {
            "challenge": challenge,
            "outcome_form": outcome_form,
            "figures": figures,
            "links": links,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event(request: HttpRequest, pk: int) -> HttpResponse:
    """One event of the user's cohorts, where they answer « je viens » / « je ne viens pas »."""
    event = rules_events.answerable_event_or_404(request.user, pk=pk)
    person = request.user.person
    error = None
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("yes", "no"):
            error = _("Choisissez « je viens » ou « je ne viens pas ».")
        else:
            try:
                rsvp = events_services.event_rsvp(
                    event=event, person=person, attending=answer == "yes"
                )
            except events_services.RsvpRefused as refusal:
                error = " ".join(refusal.messages)
            else:
                messages.success(
                    request,
                    _("Votre réponse est enregistrée : %(status)s.")
                    % {"status": rsvp.get_status_display()},
                )
                return redirect("team:event", pk=event.pk)
    rsvp = event.rsvps.filter(person=person).first()
    return render(
        request,
        "projects/team/event.html",
        {"event": event, "rsvp": rsvp, "error": error},
        status=400 if error else 200,
    )


def _calendar_url(request: HttpRequest) -> str | None:
    person = getattr(request.user, "person", None)
    if person is None:
        return None
    feed = calendar.feed_existing(person)
    if feed is None:
        return None
    return request.build_absolute_uri(reverse("team:calendar", args=[feed.token]))


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    """Give the user's calendar feed a new address; the former one stops answering."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    had_one = calendar.feed_existing(person) is not None
    calendar.feed_renew(person)
    if had_one:
        messages.success(
            request,
            _(
                "Votre calendrier a une nouvelle adresse : l'ancienne ne répond plus. "
                "Remplacez-la dans votre agenda."
            ),
        )
    else:
        messages.success(request, _("L'adresse de votre calendrier est prête."))
    return redirect("team:home")


@require_safe
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A person's events, at the private address of their feed: no login, as calendar
    applications fetch it on their own; an unknown or revoked token is 404."""
    feed = calendar.feed_for_token(token)
    if feed is None:
        raise Http404
    body = calendar.calendar_bytes(
        events=calendar.person_events(person=feed.person),
        name=_("Mes événements EIG"),
        domain=request.get_host().split(":")[0],
        url_of=lambda event: request.build_absolute_uri(reverse("team:event", args=[event.pk])),
    )
    return calendar.calendar_response(body, filename="mes-evenements-eig.ics", private=True)


@login_required
@require_safe
def digest(request: HttpRequest, pk: int, year: int, week: int) -> HttpResponse:
    """The weekly digest of a cohort's shared progress reports, one section per team."""
    cohort = rules_progress.digest_cohort_or_404(request.user, pk=pk)
    try:
        week_start = datetime.date.fromisocalendar(year, week, 1)
    except (ValueError, OverflowError) as error:
        raise Http404(_("Cette semaine n'existe pas.")) from error
    previous = week_start - datetime.timedelta(days=7)
    following = week_start + datetime.timedelta(days=7)
    return render(
        request,
        "projects/team/digest.html",
        {
            "cohort": cohort,
            "week_start": week_start,
            "teams": progress_digest.weekly_digest(cohort=cohort, week_start=week_start),
            "previous_url": progress_digest.digest_url(cohort=cohort, week_start=previous),
            "following_url": (
                progress_digest.digest_url(cohort=cohort, week_start=following)
                if following <= timezone.localdate()
                else None
            ),
        },
    )


@login_required
@require_safe
def digest_current(request: HttpRequest, pk: int) -> HttpResponse:
    """The digest of the week under way for a cohort."""
    cohort = rules_progress.digest_cohort_or_404(request.user, pk=pk)
    week_start = progress_digest.week_start_of(timezone.localdate())
    return redirect(progress_digest.digest_url(cohort=cohort, week_start=week_start))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """What became of a challenge: its mentors and administration answer at the cohort's end,
    six and twelve months later (or whenever it changes); every answer stays in the history."""
    challenge = outcome_follow_up.outcome_challenge_or_404(request.user, pk=pk)
    milestone = request.GET.get("echeance", "")
    initial = {"answered_on": timezone.localdate(), "status": challenge.outcome or None}
    if milestone in OutcomeMilestone.values:
        initial["milestone"] = milestone
    form = OutcomeAnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        outcome_follow_up.outcome_answer_record(
            challenge=challenge,
            author=getattr(request.user, "person", None),
            values=form.cleaned_data,
        )
        messages.success(request, _("Votre réponse sur le devenir du défi est enregistrée."))
        return redirect("team:outcome", pk=challenge.pk)
    return render(
        request,
        "projects/team/outcome.html",
        {
            "challenge": challenge,
            "form": form,
            "history": outcome_follow_up.challenge_outcome_history(challenge=challenge),
        },
        status=400 if form.errors else 200,
    )
