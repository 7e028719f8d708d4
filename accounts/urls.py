from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .middleware import two_factor_exempt

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", two_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("language/", views.set_language, name="set_language"),
    path("two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path(
        "two-factor/enrolment-code/",
        views.two_factor_enrolment_code,
        name="two_factor_enrolment_code",
    ),
    path("two-factor/backup-codes/", views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
]
