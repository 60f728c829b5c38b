"""The administrations' space (agents propose challenges) and the jury's space (reviewers score
them). Every object is fetched through projects.rules: outside them, 404."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.reviews import review_may_read
from core.tabular import tabular_csv_response
from core.typography import french_date
from projects import rules, services
from projects.call_forms import (
    AttachmentForm,
    ConflictForm,
    InvitationForm,
    NewProposalForm,
    ProposalForm,
    ReviewForm,
)
from projects.models import ProposalStatus, TeamMembership, TeamRole


def _closed_message(proposal) -> str:
    closes = proposal.cohort.challenges_call_closes
    if closes and closes < rules.today():
        return _(
            "L'appel à défis de la promotion %(cohort)s est clos depuis le %(date)s : "
            "la proposition ne peut plus être modifiée ni déposée. "
            "Votre brouillon est conservé tel qu'il était enregistré."
        ) % {"cohort": proposal.cohort, "date": french_date(closes, "j F Y")}
    if proposal.status != ProposalStatus.DRAFT:
        return _("Cette proposition a été déposée : elle ne peut plus être modifiée.")
    return _(
        "L'appel à défis de la promotion %(cohort)s n'est pas ouvert : "
        "la proposition ne peut pas être modifiée."
    ) % {"cohort": proposal.cohort}


def _visible_proposal(request: HttpRequest, pk: int):
    return get_object_or_404(
        rules.proposals_visible_to(request.user).select_related("cohort", "administration"),
        pk=pk,
    )


# --- Administrations' space ---------------------------------------------------------------------


@login_required
@require_safe
def space(request: HttpRequest) -> HttpResponse:
    user = request.user
    challenges = (
        rules.challenges_of_agent(user)
        .select_related("cohort")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.filter(role=TeamRole.FELLOW).select_related(
                    "person"
                ),
                to_attr="fellow_memberships",
            )
        )
        .order_by("-cohort__year", "title")
    )
    return render(
        request,
        "projects/space/home.html",
        {
            "administrations": list(rules.administrations_of(user)),
            "proposals": rules.proposals_visible_to(user)
            .select_related("cohort", "administration")
            .order_by("-updated_at"),
            "open_cohorts": list(rules.cohorts_with_open_call()),
            "challenges": challenges,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest) -> HttpResponse:
    if not rules.is_agent(request.user):
        raise Http404
    form = NewProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                user=request.user,
                administration=form.cleaned_data["administration"],
                cohort=form.cleaned_data["cohort"],
                data=form.data_for_service(),
            )
        except services.CallClosedError:
            form.add_error("cohort", _("L'appel à défis de cette promotion est clos."))
        else:
            messages.success(request, _("Votre brouillon est enregistré."))
            return redirect("projects:proposal-edit", pk=proposal.pk)
    return render(
        request,
        "projects/space/proposal_form.html",
        {"form": form, "proposal": None, "has_open_call": form.fields["cohort"].queryset.exists()},
    )


@login_required
@require_safe
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    can_edit = rules.can_edit_proposal(request.user, proposal)
    return render(
        request,
        "projects/space/proposal_detail.html",
        {
            "proposal": proposal,
            "attachments": proposal.attachments.all(),
            "can_edit": can_edit,
            "closed_message": "" if can_edit else _closed_message(proposal),
        },
    )


def _render_edit(request, proposal, form, attachment_form, *, status=200):
    return render(
        request,
        "projects/space/proposal_form.html",
        {
            "proposal": proposal,
            "form": form,
            "attachment_form": attachment_form,
            "attachments": proposal.attachments.all(),
            "has_open_call": True,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    if request.method == "GET" and not rules.can_edit_proposal(request.user, proposal):
        messages.info(request, _closed_message(proposal))
        return redirect("projects:proposal-detail", pk=proposal.pk)
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "GET":
        return _render_edit(request, proposal, form, AttachmentForm())
    if not form.is_valid():
        return _render_edit(request, proposal, form, AttachmentForm())
    # The form filled the instance with the typed values: save through the service from a
    # fresh copy, so that a refusal leaves the stored draft as it was.
    stored = _visible_proposal(request, pk)
    try:
        services.proposal_update(proposal=stored, user=request.user, data=form.data_for_service())
        if request.POST.get("action") == "submit":
            missing = services.proposal_missing_fields(proposal=stored)
            if missing:
                for field in missing:
                    form.add_error(field, _("Ce champ est requis pour déposer la proposition."))
                messages.error(
                    request,
                    _(
                        "Votre brouillon est enregistré, mais il manque des informations "
                        "pour le déposer."
                    ),
                )
                return _render_edit(request, stored, form, AttachmentForm())
            services.proposal_submit(proposal=stored, user=request.user)
            messages.success(
                request,
                _("Votre proposition est déposée. Vos collègues en sont informés par e-mail."),
            )
            return redirect("projects:proposal-detail", pk=stored.pk)
    except services.CallClosedError:
        messages.error(request, _closed_message(stored))
        return _render_edit(request, stored, form, AttachmentForm(), status=409)
    messages.success(request, _("Votre brouillon est enregistré."))
    return redirect("projects:proposal-edit", pk=stored.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not rules.can_edit_proposal(request.user, proposal):
        messages.error(request, _closed_message(proposal))
        return redirect("projects:proposal-detail", pk=proposal.pk)
    if form.is_valid():
        try:
            services.attachment_add(
                proposal=proposal, user=request.user, uploaded=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
    if not form.is_valid():
        return _render_edit(request, proposal, ProposalForm(instance=proposal), form, status=400)
    messages.success(request, _("La pièce jointe est ajoutée."))
    return redirect("projects:proposal-edit", pk=proposal.pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        rules.attachments_visible_to(request.user).select_related("proposal__cohort"), pk=pk
    )
    try:
        services.attachment_delete(attachment=attachment, user=request.user)
    except PermissionDenied:
        raise Http404 from None
    except services.CallClosedError:
        messages.error(request, _closed_message(attachment.proposal))
        return redirect("projects:proposal-detail", pk=attachment.proposal_id)
    messages.success(request, _("La pièce jointe est supprimée."))
    return redirect("projects:proposal-edit", pk=attachment.proposal_id)


@login_required
@require_safe
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(rules.attachments_visible_to(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _date_text(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def _amount_text(amount: Decimal | None) -> str:
    """An amount in euros as a French spreadsheet reads it: ``50000`` or ``50000,5``."""
    if amount is None:
        return ""
    return format(amount.normalize(), "f").replace(".", ",")


def _decision_text(proposal) -> str:
    if proposal.status in (ProposalStatus.SELECTED, ProposalStatus.REJECTED):
        return str(proposal.get_status_display())
    if proposal.status == ProposalStatus.SUBMITTED:
        return _("En attente")
    return ""


def proposals_csv_header() -> list[str]:
    return [
        _("Titre du défi"),
        _("Administration"),
        _("Promotion"),
        _("État"),
        _("Date de création"),
        _("Date de dépôt"),
        _("Décision"),
        _("Date de décision"),
        _("Dernière modification"),
        _("Nombre de postes"),
        _("Montant financé par l'administration (euros)"),
        _("Montant demandé au programme (euros)"),
    ]


def proposal_csv_row(proposal) -> list:
    return [
        proposal.title,
        proposal.administration.name,
        proposal.cohort.name,
        proposal.get_status_display(),
        _date_text(proposal.created_at),
        _date_text(proposal.submitted_at),
        _decision_text(proposal),
        _date_text(proposal.decided_at),
        _date_text(proposal.updated_at),
        proposal.posts,
        _amount_text(proposal.administration_funding_amount),
        _amount_text(proposal.program_funding_amount),
    ]


@login_required
@require_safe
def proposals_export(request: HttpRequest) -> HttpResponse:
    """The agent's administrations' proposals as CSV (``?administration=<id>``: one of them
    only; another administration's id is 404)."""
    user = request.user
    if not rules.is_agent(user):
        raise Http404
    proposals = rules.proposals_visible_to(user)
    wanted = request.GET.get("administration", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        administration = get_object_or_404(rules.administrations_of(user), pk=int(wanted))
        proposals = proposals.filter(administration=administration)
    proposals = proposals.select_related("cohort", "administration").order_by(
        "administration__name", "-cohort__year", "title", "pk"
    )
    # For a French spreadsheet: UTF-8 with a byte order mark, semicolons (core.tabular
    # neutralises the cells a spreadsheet would run as formulas).
    response = tabular_csv_response(
        header=proposals_csv_header(),
        rows=(proposal_csv_row(proposal) for proposal in proposals),
        filename=f"propositions-de-defis-{rules.today().isoformat()}.csv",
        delimiter=";",
        bom=True,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest) -> HttpResponse:
    if not rules.is_agent(request.user):
        raise Http404
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.invitation_send(
            administration=form.cleaned_data["administration"],
            email=form.cleaned_data["email"],
            invited_by=request.user,
        )
        messages.success(
            request,
            _("Une invitation est envoyée à %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("projects:space")
    return render(request, "projects/space/invitation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_from_token(token=token)
    error = ""
    if invitation is None:
        error = _("Ce lien d'invitation n'est pas valide, a expiré ou a déjà été utilisé.")
    elif not services.invitation_is_for(invitation=invitation, user=request.user):
        error = _(
            "Cette invitation a été envoyée à une autre adresse e-mail que celles, "
            "vérifiées, de votre compte."
        )
    elif request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationError:
            error = _(
                "Cette invitation a été envoyée à une autre adresse e-mail que celles, "
                "vérifiées, de votre compte."
            )
        else:
            messages.success(
                request,
                _("Vous êtes désormais agent de %(administration)s.")
                % {"administration": invitation.administration},
            )
            return redirect("projects:space")
    return render(
        request,
        "projects/space/invitation_accept.html",
        {"invitation": invitation, "error": error},
        status=400 if error and request.method == "POST" else 200,
    )


# --- Jury's space -------------------------------------------------------------------------------


@login_required
@require_safe
def jury_space(request: HttpRequest) -> HttpResponse:
    assignments = (
        rules.assignments_of(request.user)
        .select_related("round__cohort", "proposal__administration")
        .order_by("-round__created_at", "proposal__title")
    )
    return render(request, "projects/jury/home.html", {"assignments": assignments})


def _assignment(request: HttpRequest, pk: int):
    return get_object_or_404(
        rules.assignments_of(request.user).select_related(
            "round__cohort", "proposal__administration", "proposal__cohort"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    can_score = rules.can_score(request.user, assignment)
    form = ReviewForm(
        request.POST if request.method == "POST" and can_score else None, assignment=assignment
    )
    if request.method == "POST":
        if not can_score:
            messages.error(request, _("Vous ne pouvez pas noter cette proposition."))
            return redirect("projects:review", pk=assignment.pk)
        if form.is_valid():
            services.review_score(
                assignment=assignment,
                user=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Votre évaluation est enregistrée."))
            return redirect("projects:jury-space")
    proposal = assignment.proposal
    return render(
        request,
        "projects/jury/review.html",
        {
            "assignment": assignment,
            "proposal": proposal,
            "attachments": proposal.attachments.all()
            if review_may_read(conflict=assignment.conflict_of_interest)
            else [],
            "form": form,
            "conflict_form": ConflictForm(),
            "can_score": can_score,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def review_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Précisez la nature du conflit d'intérêts."))
        return redirect("projects:review", pk=assignment.pk)
    services.review_declare_conflict(
        assignment=assignment, user=request.user, note=form.cleaned_data["note"]
    )
    messages.success(
        request, _("Votre conflit d'intérêts est enregistré : vous ne noterez pas ce défi.")
    )
    return redirect("projects:jury-space")
