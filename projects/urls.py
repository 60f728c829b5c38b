from django.urls import path, re_path

from projects import call_views, checklist_views, cohort_views, views

app_name = "projects"

urlpatterns = [
    path("defis/", views.challenge_list, name="challenge-list"),
    path("defis/<slug:cohort_slug>/<slug:slug>/", views.challenge_detail, name="challenge-detail"),
    path("promotions/", cohort_views.cohort_list, name="cohort-list"),
    path("evenements.ics", cohort_views.public_calendar, name="public-calendar"),
    path("promotions/<slug:slug>/", cohort_views.cohort_detail, name="cohort-detail"),
    path("communaute/<slug:slug>/", cohort_views.person_detail, name="person-detail"),
    path("chiffres-cles/", views.key_figures, name="key-figures"),
    path("donnees/", views.open_data_page, name="open-data"),
    re_path(
        r"^donnees/(?P<kind>defis|promotions|administrations)\.(?P<format>csv|json)$",
        views.export,
        name="export",
    ),
    # The administrations' space: agents propose challenges to a cohort's call.
    path("espace-administration/", call_views.space, name="space"),
    path(
        "espace-administration/propositions/nouvelle/",
        call_views.proposal_new,
        name="proposal-new",
    ),
    path(
        "espace-administration/propositions/export.csv",
        call_views.proposals_export,
        name="proposals-export",
    ),
    path(
        "espace-administration/propositions/<int:pk>/",
        call_views.proposal_detail,
        name="proposal-detail",
    ),
    path(
        "espace-administration/propositions/<int:pk>/modifier/",
        call_views.proposal_edit,
        name="proposal-edit",
    ),
    path(
        "espace-administration/propositions/<int:pk>/pieces-jointes/",
        call_views.attachment_upload,
        name="attachment-upload",
    ),
    path(
        "espace-administration/pieces-jointes/<int:pk>/",
        call_views.attachment_download,
        name="attachment-download",
    ),
    path(
        "espace-administration/pieces-jointes/<int:pk>/supprimer/",
        call_views.attachment_delete,
        name="attachment-delete",
    ),
    path(
        "espace-administration/invitations/nouvelle/",
        call_views.invitation_new,
        name="invitation-new",
    ),
    path(
        "espace-administration/invitations/<str:token>/",
        call_views.invitation_accept,
        name="invitation-accept",
    ),
    path("espace-administration/taches/", checklist_views.space_tasks, name="space-tasks"),
    path(
        "espace-administration/taches/<int:cohort_pk>/<int:pk>/",
        checklist_views.space_task_tick,
        name="space-task-tick",
    ),
    # The jury's space: reviewers score the proposals assigned to them.
    path("espace-jury/", call_views.jury_space, name="jury-space"),
    path("espace-jury/evaluations/<int:pk>/", call_views.review, name="review"),
    path(
        "espace-jury/evaluations/<int:pk>/conflit/",
        call_views.review_conflict,
        name="review-conflict",
    ),
]
