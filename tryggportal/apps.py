from django.contrib.admin.apps import AdminConfig


class ScopedAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site (tryggportal/admin.py)."""

    default_site = "tryggportal.admin.ScopedAdminSite"
