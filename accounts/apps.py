from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The user (side, role, language), sign-in, two-factor sign-in and the audit log."""

    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (audits every sign-in, whatever the page)
