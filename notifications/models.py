"""Notifications: one message to one person, shown in the portal and mailed once."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Side
from districts import periods
from districts.models import CollaborationArea
from reports.models import AD_HOC, PERIOD_KINDS, ReportStatus, SituationReport

ACKNOWLEDGED = ReportStatus.ACKNOWLEDGED


class NotificationKind(models.TextChoices):
    UPCOMING = "upcoming", _("Report due soon")
    OVERDUE = "overdue", _("Report overdue")
    ESCALATION = "escalation", _("Report overdue past the grace days")
    REVIEW_PENDING = "review_pending", _("Shared report awaiting acknowledgement")
    SHARED = "shared", _("Report shared")
    REVISED = "revised", _("Shared report revised")
    ACKNOWLEDGED = "acknowledged", _("Report acknowledged")
    JOINT_SUMMARY = "joint_summary", _("Joint summary awaiting your signature")
    # Not about an area's exchange: a conference priority whose decision date has passed
    # while it is still proposed (told by the conferences app, which sits above this one).
    PRIORITY_UNDECIDED = "priority_undecided", _("Priority not decided in time")
    # The next yearly situation picture and action plan is due (told by the situation_pictures app).
    SITUATION_PICTURE_DUE = "picture_due", _("Yearly situation picture due")


SHARE_REMINDER_KINDS = [
    NotificationKind.UPCOMING,
    NotificationKind.OVERDUE,
    NotificationKind.ESCALATION,
]
# The sweep's kinds, computed each day from the database; the others follow a report event.
REMINDER_KINDS = [
    NotificationKind.UPCOMING,
    NotificationKind.OVERDUE,
    NotificationKind.ESCALATION,
    NotificationKind.REVIEW_PENDING,
]

# Texts in English source, translated when shown or mailed, in the reader's language.
NOTIFICATION_TEXTS = {
    NotificationKind.UPCOMING: _(
        "The report from the %(side)s for %(area)s, %(period)s, is due on %(due)s and has not "
        "been shared yet."
    ),
    NotificationKind.OVERDUE: _(
        "The report from the %(side)s for %(area)s, %(period)s, was due on %(due)s and has not "
        "been shared."
    ),
    NotificationKind.ESCALATION: _(
        "The report from the %(side)s for %(area)s, %(period)s, is still not shared: it was due "
        "on %(due)s and the grace days have passed."
    ),
    NotificationKind.REVIEW_PENDING: _(
        "The report from the %(side)s for %(area)s, %(period)s, is waiting for your side to "
        "acknowledge it."
    ),
    NotificationKind.SHARED: _(
        "A report for %(area)s, %(period)s, has been shared by the %(side)s."
    ),
    NotificationKind.REVISED: _(
        "The shared report from the %(side)s for %(area)s, %(period)s, has been revised."
    ),
    NotificationKind.ACKNOWLEDGED: _(
        "Your side's report for %(area)s, %(period)s, has been acknowledged by the %(other)s."
    ),
    NotificationKind.JOINT_SUMMARY: _(
        "The %(side)s has signed the joint summary for %(area)s, %(period)s: it awaits your "
        "side's signature."
    ),
    NotificationKind.PRIORITY_UNDECIDED: _(
        "The priority “%(subject)s” was to be decided by %(due)s and is still only proposed."
    ),
    NotificationKind.SITUATION_PICTURE_DUE: _(
        "The next yearly situation picture and action plan for %(subject)s is due by %(due)s."
    ),
}
# What a reminder says once it was dealt with (the report shared, the review given), so an
# old reminder never claims that something is still missing.
DEALT_WITH_TEXTS = {
    NotificationKind.UPCOMING: _(
        "Done: the report from the %(side)s for %(area)s, %(period)s, has been shared."
    ),
    NotificationKind.OVERDUE: _(
        "Done: the report from the %(side)s for %(area)s, %(period)s, has been shared."
    ),
    NotificationKind.ESCALATION: _(
        "Done: the report from the %(side)s for %(area)s, %(period)s, has been shared."
    ),
    NotificationKind.REVIEW_PENDING: _(
        "Done: the report from the %(side)s for %(area)s, %(period)s, has been acknowledged."
    ),
}
OVERDUE_KINDS = [NotificationKind.OVERDUE, NotificationKind.ESCALATION]
# Kinds about something other than an area's exchange: no area, side or period; `subject`
# names what they are about and `occurrence` makes each one unique per recipient.
NOTICE_KINDS = [NotificationKind.PRIORITY_UNDECIDED, NotificationKind.SITUATION_PICTURE_DUE]
SIDE_NAMES = {
    Side.CITY: pgettext_lazy("in a notification", "city"),
    Side.POLICE: pgettext_lazy("in a notification", "police"),
}


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        """List rows: the area in the same query; overdue reminders not yet dealt with first,
        then newest first. Each row knows whether it was dealt with (`dealt_with`)."""
        shared = (
            SituationReport.objects.shared()
            .regular()
            .filter(
                area=OuterRef("area"), side=OuterRef("side"), period_start=OuterRef("period_start")
            )
        )
        dealt_with = Case(
            When(kind__in=SHARE_REMINDER_KINDS, then=Exists(shared)),
            When(kind=NotificationKind.REVIEW_PENDING, report__status=ACKNOWLEDGED, then=True),
            default=False,
            output_field=models.BooleanField(),
        )
        urgent = Case(
            When(kind__in=OVERDUE_KINDS, dealt_with=False, then=Value(0)),
            default=Value(1),
        )
        return (
            self.select_related("area")
            .annotate(dealt_with=dealt_with)
            .annotate(urgency=urgent)
            .order_by("urgency", "-created_at", "-pk")
        )

    def unsent(self):
        return self.filter(sent_at__isnull=True)


class Notification(models.Model):
    """One message to one person, shown in the portal and mailed once.

    The row is also the claim: it is created (unique per kind, area, period, side, recipient
    and occurrence) before anything is mailed, so a second sweep or worker finds it and sends
    nothing; `sent_at` is set only after the mail went out, so a failed send is retried.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    area = models.ForeignKey(
        CollaborationArea,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("collaboration area"),
    )
    # The side whose report it is about (the author side, whoever is told).
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, blank=True)
    period_kind = models.CharField(
        _("period kind"), max_length=12, choices=PERIOD_KINDS, blank=True
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    report = models.ForeignKey(
        SituationReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("situation report"),
    )
    # Empty for reminders (one per period); names the report or revision for events, so each
    # share, revision and acknowledgement is told once.
    occurrence = models.CharField(_("occurrence"), max_length=40, blank=True, default="")
    # What a notice (NOTICE_KINDS) is about, as written then (a priority's title).
    subject = models.CharField(_("subject"), max_length=200, blank=True, default="")
    link = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # A sender leases the row while mailing, so two workers never mail it at once; a lease
    # older than NOTIFICATION_SEND_LEASE (a worker that died) may be taken over.
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "area", "period_start", "side", "recipient", "occurrence"],
                name="one_notification_per_kind_area_period_side_recipient",
            ),
            # Notices have no area (NULLs never collide above): one per kind, recipient and
            # occurrence.
            models.UniqueConstraint(
                fields=["kind", "recipient", "occurrence"],
                condition=models.Q(area__isnull=True),
                name="one_notice_per_kind_recipient_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            models.Index(fields=["sent_at", "created_at"], name="notification_unsent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.area_id} · {self.period_start} → {self.recipient_id}"

    @property
    def topic(self) -> str:
        """What the notification is about, for a subject line: the area, or a notice's subject."""
        return self.area.name if self.area_id else self.subject

    @property
    def period_label(self) -> str:
        if not self.period_kind:  # a notice
            return ""
        if self.period_kind == AD_HOC:
            if self.report_id:  # an extraordinary report, named by its event's date
                return _("extraordinary event %(date)s") % {"date": self.period_start.isoformat()}
            return str(_("the exchange as needed"))
        return periods.Period(self.period_kind, self.period_start, self.period_end).label

    @property
    def is_overdue(self) -> bool:
        """An overdue reminder still to act on (the list shows these first, marked)."""
        return self.kind in OVERDUE_KINDS and not getattr(self, "dealt_with", False)

    @property
    def message(self) -> str:
        """The text in the active language (rendered when shown, never stored translated)."""
        due = formats.date_format(self.due_date) if self.due_date else ""
        if self.kind in NOTICE_KINDS:
            return NOTIFICATION_TEXTS[self.kind] % {"subject": self.subject, "due": due}
        other = Side(self.side).other
        texts = DEALT_WITH_TEXTS if getattr(self, "dealt_with", False) else NOTIFICATION_TEXTS
        return texts[self.kind] % {
            "side": SIDE_NAMES[self.side],
            "other": SIDE_NAMES[other],
            "area": self.area.name,
            "period": self.period_label,
            "due": due,
        }

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
