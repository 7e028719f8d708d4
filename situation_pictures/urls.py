from django.urls import path

from . import views

urlpatterns = [
    path("", views.situation_picture_list, name="situation_picture_list"),
    path(
        "new/",
        views.situation_picture_new,
        name="situation_picture_new",
    ),
    path(
        "<int:pk>/",
        views.situation_picture_detail,
        name="situation_picture_detail",
    ),
    path(
        "<int:pk>/edit/",
        views.situation_picture_edit,
        name="situation_picture_edit",
    ),
    path(
        "<int:pk>/decide/",
        views.situation_picture_decide,
        name="situation_picture_decide",
    ),
    path(
        "<int:pk>/pdf/",
        views.situation_picture_pdf,
        name="situation_picture_pdf",
    ),
]
