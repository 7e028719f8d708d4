"""The dashboards: pages that read every topic and change none.

This app owns the overview of the areas a user reaches (`/dashboard/`) and the dashboard of
one area over time (`/dashboard/area/<slug>/`): their queries (a fixed number per page, over
querysets scoped by the topics' access modules), the one table renderer for their HTML and CSV, the
charts' data, the views and their CSV downloads. It has no models; it sits on top of the other
apps and nothing below imports it.
"""

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from tryggportal.lib import data_version

# The apps whose rows the dashboards show. Their services bump the data version themselves;
# a save or delete of one of their models anywhere else (the admin, a shell) bumps it too.
SHOWN_APPS = {"districts", "reports", "incidents", "measures", "conferences"}


def _bump_if_shown(sender, action: str = "", **kwargs) -> None:
    if sender._meta.app_label in SHOWN_APPS and not action.startswith("pre_"):
        data_version.bump()


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        for name, signal in {"save": post_save, "delete": post_delete, "m2m": m2m_changed}.items():
            signal.connect(_bump_if_shown, dispatch_uid=f"dashboards-data-version-{name}")
