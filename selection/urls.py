from django.urls import path

from selection import views

app_name = "selection"

urlpatterns = [
    # The candidate's space.
    path("candidature/", views.candidate_space, name="candidate-space"),
    path("candidature/mes-donnees/", views.candidate_data, name="candidate-data"),
    path("candidature/effacement/", views.candidate_erasure, name="candidate-erasure"),
    path(
        "candidature/promotion/<slug:cohort_slug>/",
        views.application_create,
        name="application-create",
    ),
    path(
        "candidature/dossier/<int:pk>/",
        views.application_detail,
        name="application-detail",
    ),
    path(
        "candidature/dossier/<int:pk>/retrait/",
        views.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "candidature/dossier/<int:pk>/cv/",
        views.application_cv,
        name="application-cv",
    ),
    # The reviewers' space.
    path("jury-candidatures/", views.reviewer_space, name="reviewer-space"),
    path(
        "jury-candidatures/export.csv",
        views.reviewer_export,
        name="reviewer-export",
    ),
    path(
        "jury-candidatures/evaluation/<int:pk>/",
        views.review_detail,
        name="review-detail",
    ),
]
