"""URLs of the team space (« Espace équipe »), under /equipe/."""

from django.urls import path

from projects import checklist_views, team_views

app_name = "team"

urlpatterns = [
    path("", team_views.home, name="home"),
    path("defis/<int:pk>/", team_views.challenge, name="challenge"),
    path("defis/<int:pk>/points/nouveau/", team_views.report_create, name="report-create"),
    path(
        "defis/<int:pk>/points/<int:report_pk>/modifier/",
        team_views.report_edit,
        name="report-edit",
    ),
    path("defis/<int:pk>/objectifs/", team_views.objectives, name="objectives"),
    path("defis/<int:pk>/objectifs/nouveau/", team_views.objective_create, name="objective-create"),
    path(
        "defis/<int:pk>/objectifs/<int:objective_pk>/modifier/",
        team_views.objective_edit,
        name="objective-edit",
    ),
    path(
        "defis/<int:pk>/objectifs/<int:objective_pk>/valeurs/nouvelle/",
        team_views.objective_value_create,
        name="objective-value-create",
    ),
    path(
        "defis/<int:pk>/objectifs/valeurs/<int:value_pk>/modifier/",
        team_views.objective_value_edit,
        name="objective-value-edit",
    ),
    path("evenements/<int:pk>/", team_views.event, name="event"),
    path("promotions/<int:pk>/synthese/", team_views.digest_current, name="digest-current"),
    path(
        "promotions/<int:pk>/synthese/<int:year>-S<int:week>/",
        team_views.digest,
        name="digest",
    ),
    path("calendrier/renouveler/", team_views.calendar_renew, name="calendar-renew"),
    path("calendrier/<str:token>.ics", team_views.personal_calendar, name="calendar"),
    path("defis/<int:pk>/resultats/", team_views.challenge_results, name="results"),
    path("defis/<int:pk>/devenir/", team_views.outcome, name="outcome"),
    path("taches/", checklist_views.team_tasks, name="tasks"),
    path("taches/<int:cohort_pk>/<int:pk>/", checklist_views.team_task_tick, name="task-tick"),
]
