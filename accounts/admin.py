from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OTPTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from tryggportal.lib.admin import ScopedAdmin
from tryggportal.lib.no_store import mark_no_store

from . import audit, recovery
from .forms import IssueEnrolmentCodeForm
from .models import AuditAction, BarrierReport, User


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "side", "role", "is_active")
    list_filter = ("side", "role", "is_active", "is_staff")
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Tryggportal"), {"fields": ("side", "role", "language")}),
        (_("Two-factor sign-in"), {"fields": ("enrolment_code_required",)}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Tryggportal"), {"fields": ("side", "role", "language")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # Clearing the flag would let the password alone enrol a new authenticator: it is for
        # those who may issue the user a code.
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and not recovery.may_issue_enrolment_code(request.user, obj):
            fields = (*fields, "enrolment_code_required")
        return fields

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_issue_enrolment_code"] = obj is not None and (
            recovery.may_issue_enrolment_code(request.user, obj)
        )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def get_urls(self):
        issue = self.admin_site.admin_view(self.enrolment_code_view)
        urls = [
            path(
                "<path:object_id>/enrolment-code/",
                issue,
                name="accounts_user_enrolment_code",
            )
        ]
        return urls + super().get_urls()

    @transaction.atomic
    def enrolment_code_view(self, request, object_id):
        """A button on the user's page: issue a one-time enrolment code (shown once, here),
        optionally removing the user's lost authenticator at the same time. Only for those
        `recovery.may_issue_enrolment_code` allows (not everyone who may change users)."""
        user = self.get_object(request, unquote(object_id))
        if user is None:
            raise Http404
        if not recovery.may_issue_enrolment_code(request.user, user):
            raise PermissionDenied
        devices = recovery.authenticators(user)
        form = IssueEnrolmentCodeForm(
            request.POST if request.method == "POST" else None,
            initial={"remove_authenticator": bool(devices)},
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "title": _("Enrolment code for %(user)s") % {"user": user.get_username()},
            "form": form,
            "devices": devices,
            "validity_hours": int(recovery.ENROLMENT_CODE_VALIDITY.total_seconds() // 3600),
        }
        if request.method == "POST" and form.is_valid():
            remove = form.cleaned_data["remove_authenticator"]
            if remove:
                for device in devices:
                    label = _("Two-factor sign-in of %(user)s") % {"user": user.get_username()}
                    audit.record(request, AuditAction.DELETE, device, label=label)
            code, plain = recovery.issue_enrolment_code(
                user=user, issued_by=request.user, remove_authenticator=remove
            )
            audit.record(request, AuditAction.CREATE, code)
            context.update(code=plain, expires_at=code.expires_at, removed=remove and devices)
        response = TemplateResponse(request, "admin/accounts/user/enrolment_code.html", context)
        return mark_no_store(response)  # the code is shown once; no copy in a cache


# --- Two-factor devices ---

admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(ScopedAdmin, OTPTOTPDeviceAdmin):
    """django-otp's admin for authenticators; deleting a user's authenticator (a lost phone)
    means a new one can only be enrolled with an enrolment code, and is audit-logged."""

    def delete_model(self, request, obj):
        self._record_removal(request, [obj])
        recovery.mark_authenticators_removed(TOTPDevice.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._record_removal(request, queryset.select_related("user"))
        recovery.mark_authenticators_removed(queryset)
        super().delete_queryset(request, queryset)

    def _record_removal(self, request, devices):
        for device in devices:
            label = _("Two-factor sign-in of %(user)s") % {"user": device.user.get_username()}
            audit.record(request, AuditAction.DELETE, device, label=label)


# --- Public pages (the audit log's admin is tryggportal/admin.py: it knows every topic) ---


@admin.register(BarrierReport)
class BarrierReportAdmin(ScopedAdmin):
    list_display = ("created_at", "page", "email", "handled")
    list_filter = ("handled",)
    readonly_fields = ("created_at", "page", "description", "email")
