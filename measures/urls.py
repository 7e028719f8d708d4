from django.urls import path

from . import views

# Included at the site's root, so each address is written in full.
urlpatterns = [
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/new/", views.measure_form, name="measure_new"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_form, name="measure_edit"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_form, name="agreement_new"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_form, name="agreement_edit"),
    path("agreements/<int:agreement_pk>/promises/new/", views.promise_form, name="promise_new"),
    path(
        "agreements/<int:agreement_pk>/promises/<int:pk>/edit/",
        views.promise_form,
        name="promise_edit",
    ),
    path("promises/<slug:slug>/", views.promise_public, name="promise_public"),
]
