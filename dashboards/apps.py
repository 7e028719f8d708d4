"""The dashboards: pages that read every topic and change none.

This app owns the overview of the areas a user reaches (`/dashboard/`) and the dashboard of
one area over time (`/dashboard/area/<slug>/`): their queries (a fixed number per page, over
querysets scoped by `tryggportal.access`), the one table renderer for their HTML and CSV, the
charts' data, the views and their CSV downloads. It has no models; it sits on top of the other
apps and nothing below imports it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboard")
