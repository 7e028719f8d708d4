from django.urls import path

from . import views

urlpatterns = [
    path("", views.conference_list, name="conference_list"),
    path("new/", views.conference_create, name="conference_create"),
    path("<int:year>/", views.conference_detail, name="conference_detail"),
    path("<int:year>/edit/", views.conference_edit, name="conference_edit"),
    path("<int:year>/programme/", views.programme_edit, name="conference_programme"),
    path("<int:year>/outcomes/", views.outcomes_edit, name="conference_outcomes"),
    path("<int:year>/priorities/new/", views.priority_create, name="priority_create"),
    path("<int:year>/priorities/<int:pk>/", views.priority_edit, name="priority_edit"),
    path("<int:year>/follow-up/", views.conference_follow_up, name="conference_follow_up"),
    path("measures/", views.priority_measure_search, name="priority_measure_search"),
]
