from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit_labels import display_label, model_for_label, type_name


class Side(models.TextChoices):
    CITY = "city", _("City")
    POLICE = "police", _("Police")

    @property
    def other(self) -> "Side":
        return Side.POLICE if self == Side.CITY else Side.CITY


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Safety coordinator")
    COMMUNITY_OFFICER = "community_officer", _("Community police officer")
    DIRECTOR = "director", _("District director")
    POLICE_CHIEF = "police_chief", _("Local police area chief")
    DEVELOPMENT_LEAD = "development_lead", _("Development lead")
    ADMIN = "admin", _("System administrator")


# The side each role works on; admins may be on either and say so on their user.
ROLE_SIDE = {
    Role.COORDINATOR: Side.CITY,
    Role.COMMUNITY_OFFICER: Side.POLICE,
    Role.DIRECTOR: Side.CITY,
    Role.POLICE_CHIEF: Side.POLICE,
    Role.DEVELOPMENT_LEAD: Side.CITY,
}
CITYWIDE_ROLES = {Role.DEVELOPMENT_LEAD, Role.ADMIN}
AUTHOR_ROLES = {Role.COORDINATOR, Role.COMMUNITY_OFFICER}


class User(AbstractUser):
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="sv"
    )
    enrolment_code_required = models.BooleanField(
        _("enrolment code required"),
        default=False,
        help_text=_(
            "Set when an administrator removes the user's authenticator or issues an enrolment "
            "code: a new authenticator can then only be enrolled with a code issued here."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_citywide(self) -> bool:
        return self.role in CITYWIDE_ROLES or self.is_superuser

    @property
    def is_author(self) -> bool:
        """Coordinators and community officers file their side's reports for their areas."""
        return self.role in AUTHOR_ROLES

    @property
    def is_police(self) -> bool:
        return self.side == Side.POLICE

    @property
    def requires_two_factor(self) -> bool:
        """Police users and admins must sign in with a one-time code; others may choose to."""
        return self.side == Side.POLICE or self.role == Role.ADMIN or self.is_superuser

    @property
    def needs_enrolment_code(self) -> bool:
        """A user who must use two-factor and whose authenticator an administrator removed (or
        who was issued a code) enrols a new one only with an enrolment code, not the password
        alone."""
        return self.requires_two_factor and self.enrolment_code_required


# --- Two-factor recovery ---


class EnrolmentCodeQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class EnrolmentCode(models.Model):
    """A one-time code an administrator issues so that a user may enrol a new authenticator.

    Only a salted, keyed hash is kept; the code itself is shown once to the administrator who
    issued it. See `accounts.recovery`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="enrolment_codes",
    )
    code_hash = models.CharField(_("code (hashed)"), max_length=128, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    objects = EnrolmentCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")
        ordering = ["-issued_at", "-pk"]
        # Issuing a code lets someone enrol an authenticator for the user: superusers may, and
        # whoever is given this permission (never for a superuser; see recovery.may_issue).
        permissions = [("issue_enrolment_code", _("Can issue two-factor enrolment codes"))]

    def __str__(self) -> str:
        return _("Enrolment code for %(user)s") % {"user": self.user.get_username()}

    def is_used(self) -> bool:
        return self.used_at is not None

    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


# --- Audit log ---


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    USE = "use", _("Used")


class AppendOnlyError(Exception):
    """The audit log is append-only: rows are never changed, and removed only by retention."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events are removed only by `manage.py purge_audit`")

    def purge_older_than(self, cutoff) -> int:
        """Retention, the one way rows leave the log (see `manage.py purge_audit`)."""
        deleted, _by_model = models.QuerySet.delete(self.filter(at__lt=cutoff))
        return deleted

    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def for_listing(self):
        return self.select_related("user").order_by("-at", "-pk")


class AuditEvent(models.Model):
    """Who did what to which object, when and from which address; written by `accounts.audit`."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # deactivate users who have history instead of deleting them
        related_name="audit_events",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    # About police-only data (an incident marked so, or a police-only import): never shown to a
    # city reader of the log, whatever else the row says (see access.audit_events_visible_to).
    police_only = models.BooleanField(_("police only"), default=False, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events are removed only by `manage.py purge_audit`")

    # Display only: the row keeps what was written (type and label as they were then); the log
    # shows them in the reader's language, whoever caused the row and in whichever language.

    @property
    def object_type_label(self) -> str:
        """The object type as a word in the active language ("lägesbild", not
        "reports.situationreport"); the stored name when no model goes by it any more."""
        if not self.object_type:
            return ""
        model = model_for_label(self.object_type)
        return type_name(model) if model else self.object_type

    @property
    def object_label_display(self) -> str:
        """The stored label in the active language (see `accounts.audit_labels`): a row
        written by a user reading English says "City", "w. 47" and "joint picture 2026-W47",
        shown to a Swedish reader as "Staden", "v. 47" and "gemensam lägesbild v. 47 2026"."""
        model = model_for_label(self.object_type) if self.object_type else None
        return display_label(self.object_label, model)


# --- Public pages ---


class BarrierReport(models.Model):
    """An accessibility barrier reported through the accessibility statement's form."""

    created_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    page = models.CharField(_("page or function"), max_length=300)
    description = models.TextField(_("description"), max_length=4000)
    email = models.EmailField(_("email address"), max_length=254, blank=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("accessibility barrier report")
        verbose_name_plural = _("accessibility barrier reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page}"
