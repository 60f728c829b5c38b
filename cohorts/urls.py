from django.urls import path

from cohorts import views, views_applications

app_name = "cohorts"

urlpatterns = [
    path("promotions/", views.cohort_list, name="cohort-list"),
    path("promotions/<slug:slug>/", views.cohort_detail, name="cohort-detail"),
    path("communaute/<slug:slug>/", views.person_detail, name="person-detail"),
    # The candidate's space.
    path("candidature/", views_applications.candidate_space, name="candidate-space"),
    path("candidature/mes-donnees/", views_applications.candidate_data, name="candidate-data"),
    path("candidature/effacement/", views_applications.candidate_erasure, name="candidate-erasure"),
    path(
        "candidature/promotion/<slug:cohort_slug>/",
        views_applications.application_create,
        name="application-create",
    ),
    path(
        "candidature/dossier/<int:pk>/",
        views_applications.application_detail,
        name="application-detail",
    ),
    path(
        "candidature/dossier/<int:pk>/retrait/",
        views_applications.application_withdraw,
        name="application-withdraw",
    ),
    path(
        "candidature/dossier/<int:pk>/cv/",
        views_applications.application_cv,
        name="application-cv",
    ),
    # The reviewers' space.
    path("jury-candidatures/", views_applications.reviewer_space, name="reviewer-space"),
    path(
        "jury-candidatures/export.csv",
        views_applications.reviewer_export,
        name="reviewer-export",
    ),
    path(
        "jury-candidatures/evaluation/<int:pk>/",
        views_applications.review_detail,
        name="review-detail",
    ),
]
