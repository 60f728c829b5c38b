from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("promotions/", views.cohort_list, name="cohort-list"),
    path("promotions/<slug:slug>/", views.cohort_detail, name="cohort-detail"),
    path("communaute/<slug:slug>/", views.person_detail, name="person-detail"),
]
