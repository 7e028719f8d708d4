from django.contrib.admin.apps import AdminConfig


class ScopedAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site (tryggportal/lib/admin.py)."""

    default_site = "tryggportal.lib.admin.ScopedAdminSite"

    def ready(self):
        super().ready()  # every app's admin.py
        from tryggportal import admin  # noqa: F401  the audit log's admin (every topic)
