"""« Mes tâches »: a person's onboarding and offboarding tasks, in the team space (as a fellow or
a mentor, /equipe/taches/) and in the administrations' space (as a host administration's agent,
/espace-administration/taches/). Each task is ticked or unticked by its own POST; every item
comes through projects/checklists.py, so that anyone else's is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from projects import checklists, rules
from projects.progress_selectors import team_space_challenges


def _tick(request: HttpRequest, *, roles, cohort_pk: int, pk: int, list_url_name: str):
    """Tick or untick one of the user's own tasks (``done`` = 1 or 0), then back to the list,
    at the task's checklist."""
    done = request.POST.get("done")
    if done not in ("0", "1"):
        return HttpResponse(_("Choisissez « faite » ou « à faire »."), status=400)
    task = checklists.own_task_or_404(
        user=request.user, roles=roles, cohort_pk=cohort_pk, item_pk=pk
    )
    checklists.own_task_tick(user=request.user, task=task, done=done == "1")
    if done == "1":
        message = _("« %(task)s » est marquée comme faite.")
    else:
        message = _("« %(task)s » est de nouveau à faire.")
    messages.success(request, message % {"task": task.item.label})
    return redirect(f"{reverse(list_url_name)}#liste-{task.item.template_id}-{task.cohort.pk}")


# --- Team space ----------------------------------------------------------------------------------


@login_required
@require_safe
def team_tasks(request: HttpRequest) -> HttpResponse:
    """The tasks of a fellow or a mentor; 404 for anyone without a team, like the team space's
    home."""
    user = request.user
    task_lists = checklists.person_task_lists(user=user, roles=checklists.TEAM_ROLES)
    if not task_lists and not team_space_challenges(user=user):
        raise Http404(_("Vous ne faites partie d'aucune équipe."))
    return render(request, "projects/team/tasks.html", {"task_lists": task_lists})


@login_required
@require_POST
def team_task_tick(request: HttpRequest, cohort_pk: int, pk: int) -> HttpResponse:
    return _tick(
        request,
        roles=checklists.TEAM_ROLES,
        cohort_pk=cohort_pk,
        pk=pk,
        list_url_name="team:tasks",
    )


# --- Administrations' space ----------------------------------------------------------------------


@login_required
@require_safe
def space_tasks(request: HttpRequest) -> HttpResponse:
    """The tasks of a host administration's agent; 404 for anyone who is not an agent."""
    if not rules.is_agent(request.user):
        raise Http404
    task_lists = checklists.person_task_lists(
        user=request.user, roles=checklists.ADMINISTRATION_ROLES
    )
    return render(request, "projects/space/tasks.html", {"task_lists": task_lists})


@login_required
@require_POST
def space_task_tick(request: HttpRequest, cohort_pk: int, pk: int) -> HttpResponse:
    if not rules.is_agent(request.user):
        raise Http404
    return _tick(
        request,
        roles=checklists.ADMINISTRATION_ROLES,
        cohort_pk=cohort_pk,
        pk=pk,
        list_url_name="projects:space-tasks",
    )
