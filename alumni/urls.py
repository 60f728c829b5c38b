from django.urls import path

from alumni import views

app_name = "alumni"

urlpatterns = [
    path("reseau/", views.profile, name="profile"),
    path("reseau/postes/ajouter/", views.position_create, name="position-create"),
    path("reseau/postes/<int:pk>/modifier/", views.position_update, name="position-update"),
    path("reseau/postes/<int:pk>/supprimer/", views.position_delete, name="position-delete"),
    path("reseau/annuaire/", views.directory, name="directory"),
    path("reseau/enquetes/<int:pk>/", views.survey_answer_mine, name="survey-mine"),
    path("enquetes/<str:token>/", views.survey_answer, name="survey-answer"),
]
