import datetime as dt
import decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q, Sum
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from districts import periods
from districts.models import CollaborationArea

TEXT_MAX = 5000  # free-text fields: long enough for a careful assessment, no more


class Category(models.Model):
    """What safety work assesses: narcotics, violence, youth, unsafe places, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv


class Level(models.IntegerChoices):
    CALM = 1, _("1 – calm")
    NORMAL = 2, _("2 – normal")
    ELEVATED = 3, _("3 – elevated")
    SERIOUS = 4, _("4 – serious")


class Trend(models.TextChoices):
    BETTER = "better", _("better")
    UNCHANGED = "unchanged", _("unchanged")
    WORSE = "worse", _("worse")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SHARED = "shared", _("shared")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")


AD_HOC = "ad_hoc"
PERIOD_KINDS = [
    (periods.WEEKLY, _("week")),
    (periods.FORTNIGHTLY, _("fortnight")),
    (periods.MONTHLY, _("month")),
    (AD_HOC, _("extraordinary event")),
]


class SituationReportQuerySet(models.QuerySet):
    def shared(self):
        """Reports the author side has shared (acknowledged ones included)."""
        return self.exclude(status=ReportStatus.DRAFT)

    def regular(self):
        return self.exclude(period_kind=AD_HOC)

    def newest_first(self):
        return self.order_by("-period_start", "-created_at", "-pk")

    def for_list(self):
        """List rows: the area and author in the same query, newest first."""
        return self.select_related("area", "created_by").newest_first()

    def for_detail(self):
        """One report with everything its page shows: assessments, revisions, people."""
        return self.select_related(
            "area__district", "area__police_area", "created_by", "updated_by", "acknowledged_by"
        ).prefetch_related(
            models.Prefetch(
                "assessments", queryset=CategoryAssessment.objects.select_related("category")
            ),
            models.Prefetch(
                "revisions", queryset=ReportRevision.objects.select_related("changed_by")
            ),
        )

    def for_picture(self):
        """Both sides' reports of one period, with their assessments, for the joint picture."""
        return self.select_related("created_by", "acknowledged_by").prefetch_related(
            models.Prefetch(
                "assessments", queryset=CategoryAssessment.objects.select_related("category")
            )
        )


class SituationReport(models.Model):
    """A lägesbild: one side's picture of one collaboration area for one period."""

    area = models.ForeignKey(
        CollaborationArea,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("collaboration area"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    period_kind = models.CharField(_("period kind"), max_length=12, choices=PERIOD_KINDS)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    level = models.PositiveSmallIntegerField(_("overall level"), choices=Level.choices)
    trend = models.CharField(_("trend"), max_length=10, choices=Trend.choices)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX)
    places_text = models.TextField(_("places that matter"), max_length=TEXT_MAX, blank=True)
    theme_notes = models.TextField(
        _("notes on the conference theme"), max_length=TEXT_MAX, blank=True
    )
    # Optimistic locking: a save based on an older version is a conflict, never an overwrite.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("updated by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledgement_comment = models.TextField(
        _("acknowledgement comment"), max_length=TEXT_MAX, blank=True
    )
    view_differs = models.BooleanField(_("our view differs"), default=False)

    objects = SituationReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "area", "side"]
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period_start", "side"],
                condition=~Q(period_kind=AD_HOC),
                name="one_regular_report_per_area_period_side",
            )
        ]
        indexes = [
            models.Index(fields=["area", "side", "-period_start"], name="report_area_side_period"),
            models.Index(fields=["status", "-period_start"], name="report_status_period"),
            # Dashboards: each area's last exchange (latest shared_at) by one index lookup.
            models.Index(fields=["area", "-shared_at"], name="report_area_shared"),
            # The report list's order (`newest_first`) over every area.
            models.Index(
                fields=["-period_start", "-created_at", "-id"], name="report_newest_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} · {self.period_label} · {self.get_side_display()}"

    def get_absolute_url(self) -> str:
        return reverse("report_detail", args=[self.pk])

    @property
    def period(self) -> periods.Period | None:
        if self.period_kind == AD_HOC:
            return None
        return periods.Period(self.period_kind, self.period_start, self.period_end)

    @property
    def period_label(self) -> str:
        if self.period_kind == AD_HOC:
            return _("extraordinary event %(date)s") % {"date": self.period_start.isoformat()}
        return self.period.label

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_shared(self) -> bool:
        return self.status != ReportStatus.DRAFT

    @property
    def other_side(self) -> str:
        return Side(self.side).other

    def snapshot(self) -> dict:
        """What a revision compares: the overall fields and each category's assessment.

        Uses the prefetched assessments when there are any, so pages stay at fixed queries.
        """
        return {
            "fields": {name: getattr(self, name) for name in REPORT_DIFF_FIELDS},
            "categories": {
                a.category.code: {name: getattr(a, name) for name in ASSESSMENT_DIFF_FIELDS}
                for a in self.assessments.all()
            },
        }


# What a revision or a period-to-period comparison looks at, in the order pages show it.
REPORT_DIFF_FIELDS = ["level", "trend", "summary", "places_text", "theme_notes"]
ASSESSMENT_DIFF_FIELDS = ["level", "trend", "note"]


def snapshot_changes(before: dict, after: dict) -> list[dict]:
    """Field-by-field differences between two snapshots, as stored in ReportRevision.changes.

    Each change is {"field": name, "before": value, "after": value} plus "category": code for
    a category's assessment; labels are looked up when shown, in the reader's language.
    """
    changes = [
        {"field": name, "before": before["fields"].get(name), "after": after["fields"].get(name)}
        for name in REPORT_DIFF_FIELDS
        if before["fields"].get(name) != after["fields"].get(name)
    ]
    empty = dict.fromkeys(ASSESSMENT_DIFF_FIELDS)
    codes = list(after["categories"]) + [
        c for c in before["categories"] if c not in after["categories"]
    ]
    for code in codes:
        old = before["categories"].get(code, empty)
        new = after["categories"].get(code, empty)
        changes += [
            {"category": code, "field": name, "before": old.get(name), "after": new.get(name)}
            for name in ASSESSMENT_DIFF_FIELDS
            if (old.get(name) or None) != (new.get(name) or None)
        ]
    return changes


class CategoryAssessment(models.Model):
    """One report's assessment of one category."""

    report = models.ForeignKey(
        SituationReport, on_delete=models.CASCADE, related_name="assessments"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, null=True, blank=True
    )
    trend = models.CharField(_("trend"), max_length=10, choices=Trend.choices, blank=True)
    note = models.TextField(_("note"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["category__order"]
        verbose_name = _("category assessment")
        verbose_name_plural = _("category assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "category"], name="one_assessment_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.category}"


class ReportRevision(models.Model):
    """A change to a report after it was shared, kept so the other side sees what changed."""

    report = models.ForeignKey(SituationReport, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # {"field label or category": {"before": ..., "after": ...}}
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")

    def __str__(self) -> str:
        return f"{self.report} · {self.changed_at:%Y-%m-%d %H:%M}"


class JointPicture(models.Model):
    """The gemensam lägesbild of one area and period: a joint summary both sides sign off."""

    area = models.ForeignKey(
        CollaborationArea, on_delete=models.PROTECT, related_name="joint_pictures"
    )
    period_kind = models.CharField(max_length=12, choices=PERIOD_KINDS)
    period_start = models.DateField()
    period_end = models.DateField()
    summary = models.TextField(_("joint summary"), max_length=TEXT_MAX, blank=True)
    version = models.PositiveIntegerField(default=1)
    city_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    city_signed_at = models.DateTimeField(null=True, blank=True)
    police_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    police_signed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("joint picture")
        verbose_name_plural = _("joint pictures")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period_start"], name="one_joint_picture_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} · {self.period_start}"

    @property
    def is_agreed(self) -> bool:
        return bool(self.city_signed_at and self.police_signed_at)

    def signed_at(self, side: str):
        return self.city_signed_at if side == Side.CITY else self.police_signed_at

    def signed_by(self, side: str):
        return self.city_signed_by if side == Side.CITY else self.police_signed_by


# --- Places, incidents and measures ---
NAME_MAX = 200


class PlaceKind(models.TextChoices):
    SQUARE = "square", _("square or centre")
    SCHOOL = "school", _("school")
    PARK = "park", _("park")
    STOP = "stop", _("station or stop")
    YARD = "yard", _("residential yard")
    OTHER = "other", _("other")


class PlaceQuerySet(models.QuerySet):
    def for_list(self):
        """Places for the area's place list, with how many incidents each has had."""
        return self.select_related("area").order_by("name")


class Place(models.Model):
    """A place in a collaboration area that reports, incidents and measures refer to."""

    area = models.ForeignKey(
        CollaborationArea,
        on_delete=models.PROTECT,
        related_name="places",
        verbose_name=_("collaboration area"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    unsafe = models.BooleanField(_("unsafe place"), default=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="one_place_name_per_area")
        ]

    def __str__(self) -> str:
        return self.name


class Severity(models.IntegerChoices):
    LOW = 1, _("1 – low")
    MEDIUM = 2, _("2 – medium")
    HIGH = 3, _("3 – high")


class Visibility(models.TextChoices):
    SHARED = "shared", _("shared with both sides")
    POLICE_ONLY = "police_only", _("police only")


class IncidentQuerySet(models.QuerySet):
    def for_list(self):
        """Incidents for list pages and tables, with what each row shows, in one query."""
        return self.select_related("area", "place", "category").order_by("-occurred_at", "-pk")

    def in_period(self, start: dt.date | None, end: dt.date | None):
        """Incidents whose Stockholm-time date falls within [start, end]; None is open-ended."""
        tz = timezone.get_default_timezone()
        qs = self
        if start:
            qs = qs.filter(occurred_at__gte=dt.datetime.combine(start, dt.time.min, tz))
        if end:
            next_day = end + dt.timedelta(days=1)
            qs = qs.filter(occurred_at__lt=dt.datetime.combine(next_day, dt.time.min, tz))
        return qs

    def visible_to(self, user):
        """What the user may see (the rule lives in tryggportal/access.py)."""
        from tryggportal.access import incidents_visible_to

        return self & incidents_visible_to(user)


class Incident(models.Model):
    """A händelse: something that happened in an area, logged by one side."""

    area = models.ForeignKey(
        CollaborationArea,
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("collaboration area"),
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("place"),
    )
    occurred_at = models.DateTimeField(_("when"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("category")
    )
    description = models.TextField(_("description"), max_length=TEXT_MAX)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Severity.choices)
    reported_side = models.CharField(_("reported by side"), max_length=10, choices=Side.choices)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.SHARED
    )
    # Set for imported (and demo) rows only, so that importing the same file twice adds nothing.
    fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="one_imported_incident_per_fingerprint",
            )
        ]
        indexes = [
            models.Index(fields=["area", "-occurred_at"], name="incident_area_occurred"),
            # The incident list's order over every area (dashboards issue: no sort of all rows).
            models.Index(fields=["-occurred_at", "-id"], name="incident_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.area} · {self.category} · {self.occurred_at:%Y-%m-%d}"

    @property
    def is_police_only(self) -> bool:
        return self.visibility == Visibility.POLICE_ONLY


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


OPEN_STATUSES = [MeasureStatus.PLANNED, MeasureStatus.ONGOING]


class MeasureQuerySet(models.QuerySet):
    def with_progress(self):
        """Each measure with `progress_total`: the sum of its progress entries."""
        return self.annotate(progress_total=Sum("progress_entries__amount"))

    def for_list(self):
        """Measures for list pages and tables, in a fixed number of queries."""
        return (
            self.with_progress()
            .select_related("area", "owner_user")
            .prefetch_related("categories")
            .order_by("due_date", "pk")
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def due_or_open_for_area(self, area, start: dt.date | None = None, end: dt.date | None = None):
        """What the joint picture shows: the area's measures still open, and those due within
        the period [start, end] whatever their status, so agreed measures are followed up."""
        due_in_period = Q(due_date__gte=start, due_date__lte=end) if start and end else Q(pk=None)
        return self.filter(Q(status__in=OPEN_STATUSES) | due_in_period, area=area).for_list()


class Measure(models.Model):
    """An åtgärd: what one side (with an owner) does about a problem, followed up over time."""

    area = models.ForeignKey(
        CollaborationArea,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("collaboration area"),
    )
    title = models.CharField(_("title"), max_length=NAME_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    owner_side = models.CharField(_("owner side"), max_length=10, choices=Side.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_measures",
        verbose_name=_("owner"),
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="measures", verbose_name=_("categories")
    )
    places = models.ManyToManyField(
        Place, blank=True, related_name="measures", verbose_name=_("places")
    )
    start_date = models.DateField(_("start"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    target = models.DecimalField(
        _("target"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(decimal.Decimal("0.1"))],
        help_text=_("Optional: a number to reach, e.g. 200."),
    )
    target_unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("What the target counts, e.g. patrols.")
    )
    proposed_in = models.ForeignKey(
        SituationReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_measures",
        verbose_name=_("proposed in report"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [models.Index(fields=["area", "status", "due_date"], name="measure_area_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        """Past its due date and neither done nor cancelled."""
        return self.is_open and self.due_date < today

    @property
    def is_overdue_today(self) -> bool:
        return self.is_overdue(timezone.localdate())

    @property
    def achieved(self) -> decimal.Decimal:
        """Progress so far: the annotation from `with_progress()` when present."""
        if hasattr(self, "progress_total"):
            return self.progress_total or decimal.Decimal(0)
        return self.progress_entries.aggregate(total=Sum("amount"))["total"] or decimal.Decimal(0)

    @property
    def percent(self) -> int | None:
        """Progress towards the target as a whole percentage, capped at 100."""
        if not self.target:
            return None
        return min(100, int(self.achieved * 100 / self.target))


class MeasureProgress(models.Model):
    """A dated progress entry: how much of the target was done (e.g. 25 patrols that week)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="progress_entries")
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=1,
        validators=[MinValueValidator(decimal.Decimal("0"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")

    def __str__(self) -> str:
        return f"{self.measure} · {self.date} · {self.amount}"


class AgreementQuerySet(models.QuerySet):
    def for_list(self):
        return self.prefetch_related("areas", "categories").order_by("-valid_from", "title")


class Agreement(models.Model):
    """A samverkansöverenskommelse between the city and the police for areas or the city."""

    title = models.CharField(_("title"), max_length=NAME_MAX)
    areas = models.ManyToManyField(
        CollaborationArea, blank=True, related_name="agreements", verbose_name=_("areas")
    )
    whole_city = models.BooleanField(_("the whole city"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    signatories = models.TextField(_("signatories"), max_length=2000)
    signed_on = models.DateField(_("signed on"))
    categories = models.ManyToManyField(
        Category, blank=True, related_name="agreements", verbose_name=_("prioritised problems")
    )
    text = models.TextField(_("text"), max_length=20000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")

    def __str__(self) -> str:
        return self.title


class CitizenPromiseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_measures(self):
        """Promises with their measures and each measure's progress, in two queries."""
        return self.prefetch_related(
            Prefetch("measures", queryset=Measure.objects.with_progress().order_by("due_date"))
        )


class CitizenPromise(models.Model):
    """A medborgarlöfte: a public promise within an agreement, followed up through measures."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="promises", verbose_name=_("agreement")
    )
    slug = models.SlugField(_("address name"), max_length=100, unique=True)
    text = models.TextField(_("promise"), max_length=2000)
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="promises", verbose_name=_("measures")
    )
    published = models.BooleanField(_("published"), default=False)

    objects = CitizenPromiseQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("citizen promise")
        verbose_name_plural = _("citizen promises")

    def __str__(self) -> str:
        return self.text[:80]

    def progress(self) -> dict:
        """Achieved and target summed over the linked measures that have a target."""
        measures = [m for m in self.measures.all() if m.target]
        target = sum((m.target for m in measures), decimal.Decimal(0))
        achieved = sum((min(m.achieved, m.target) for m in measures), decimal.Decimal(0))
        units = {m.target_unit for m in measures}
        return {
            "achieved": achieved,
            "target": target,
            "percent": min(100, int(achieved * 100 / target)) if target else None,
            "unit": units.pop() if len(units) == 1 else "",
        }


# --- Reminders and notifications ---


class NotificationKind(models.TextChoices):
    UPCOMING = "upcoming", _("Report due soon")
    OVERDUE = "overdue", _("Report overdue")
    ESCALATION = "escalation", _("Report overdue past the grace days")
    REVIEW_PENDING = "review_pending", _("Shared report awaiting acknowledgement")
    SHARED = "shared", _("Report shared")
    REVISED = "revised", _("Shared report revised")
    ACKNOWLEDGED = "acknowledged", _("Report acknowledged")


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
}
SIDE_NAMES = {
    Side.CITY: pgettext_lazy("in a notification", "city"),
    Side.POLICE: pgettext_lazy("in a notification", "police"),
}


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        """List rows: the area in the same query, newest first."""
        return self.select_related("area").order_by("-created_at", "-pk")

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
        related_name="notifications",
        verbose_name=_("collaboration area"),
    )
    # The side whose report it is about (the author side, whoever is told).
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    period_kind = models.CharField(_("period kind"), max_length=12, choices=PERIOD_KINDS)
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
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
            models.Index(fields=["sent_at", "created_at"], name="notification_unsent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.area_id} · {self.period_start} → {self.recipient_id}"

    @property
    def period_label(self) -> str:
        if self.period_kind == AD_HOC:
            if self.report_id:  # an extraordinary report, named by its event's date
                return _("extraordinary event %(date)s") % {"date": self.period_start.isoformat()}
            return str(_("the exchange as needed"))
        return periods.Period(self.period_kind, self.period_start, self.period_end).label

    @property
    def message(self) -> str:
        """The text in the active language (rendered when shown, never stored translated)."""
        other = Side(self.side).other
        return NOTIFICATION_TEXTS[self.kind] % {
            "side": SIDE_NAMES[self.side],
            "other": SIDE_NAMES[other],
            "area": self.area.name,
            "period": self.period_label,
            "due": formats.date_format(self.due_date) if self.due_date else "",
        }

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
