"""Situation reports: categories, one side's report of an area and period, its assessments
per category, the revisions kept after sharing, and the joint picture of a period."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from districts import periods
from districts.models import CollaborationArea

TEXT_MAX = 5000  # free-text fields: long enough for a careful assessment, no more


class CategoryQuerySet(models.QuerySet):
    def active(self):
        """The categories forms offer and new reports assess (retired ones stay on old rows)."""
        return self.filter(active=True)


class Category(models.Model):
    """What safety work assesses: narcotics, violence, youth, unsafe places, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = CategoryQuerySet.as_manager()

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


class LevelDefinitionQuerySet(models.QuerySet):
    def as_dict(self) -> dict[int, str]:
        """{level: definition in the active language}, for forms and pages (one query)."""
        return {d.level: d.text for d in self.order_by("level")}


class LevelDefinition(models.Model):
    """What a level means, so both sides mean the same by "3 – elevated" (editable in admin)."""

    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, unique=True)
    text_sv = models.CharField(_("definition (Swedish)"), max_length=300)
    text_en = models.CharField(_("definition (English)"), max_length=300)

    objects = LevelDefinitionQuerySet.as_manager()

    class Meta:
        ordering = ["level"]
        verbose_name = _("level definition")
        verbose_name_plural = _("level definitions")

    def __str__(self) -> str:
        return str(self.get_level_display())

    @property
    def text(self) -> str:
        return self.text_en if (get_language() or "sv").startswith("en") else self.text_sv


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

    def with_assessments(self):
        """Each report's category assessments (with their categories) in one query more."""
        return self.prefetch_related(
            models.Prefetch(
                "assessments", queryset=CategoryAssessment.objects.select_related("category")
            )
        )

    def for_detail(self):
        """One report with everything its page shows: assessments, revisions, people."""
        return (
            self.select_related("area__district", "area__police_area")
            .select_related("created_by", "updated_by", "acknowledged_by")
            .with_assessments()
            .prefetch_related(
                models.Prefetch(
                    "revisions", queryset=ReportRevision.objects.select_related("changed_by")
                )
            )
        )

    def for_picture(self):
        """Both sides' reports of one period, with their assessments, for the joint picture."""
        return self.select_related("created_by", "acknowledged_by").with_assessments()


SHARING_NEEDS = ("level", "trend", "summary")


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
    # A draft may lack the overall level, trend and summary (it saves itself from the first
    # keystroke); sharing needs all three (`missing_for_sharing`, services.report_share).
    level = models.PositiveSmallIntegerField(
        _("overall level"), choices=Level.choices, null=True, blank=True
    )
    trend = models.CharField(_("trend"), max_length=10, choices=Trend.choices, blank=True)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
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
            # Completeness (dashboards/completeness.py): the window's shared regular reports of
            # every area read from the index alone (10 years: 246 heap pages no longer read).
            models.Index(
                fields=["period_start", "area", "side"],
                include=["shared_at"],
                condition=~Q(status=ReportStatus.DRAFT) & ~Q(period_kind=AD_HOC),
                name="report_shared_window",
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

    def missing_for_sharing(self) -> list[str]:
        """The overall fields a draft still lacks before it can be shared (their names)."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in SHARING_NEEDS
            if getattr(self, name) in (None, "")
        ]

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
    # A list of {"field", "before", "after"} (plus "category": code for an assessment), as
    # made by `snapshot_changes`; labels are looked up when shown, in the reader's language.
    changes = models.JSONField(default=list)

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
