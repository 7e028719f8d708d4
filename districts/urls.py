from django.urls import path

from . import views

urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("<slug:slug>/", views.area_detail, name="area_detail"),
]
