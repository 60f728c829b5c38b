from django.urls import path, re_path

from projects import views

app_name = "projects"

urlpatterns = [
    path("defis/", views.challenge_list, name="challenge-list"),
    path("defis/<slug:cohort_slug>/<slug:slug>/", views.challenge_detail, name="challenge-detail"),
    path("chiffres-cles/", views.key_figures, name="key-figures"),
    path("donnees/", views.open_data_page, name="open-data"),
    re_path(
        r"^donnees/(?P<kind>defis|promotions|administrations)\.(?P<format>csv|json)$",
        views.export,
        name="export",
    ),
]
