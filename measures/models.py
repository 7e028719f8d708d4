"""Measures (åtgärder) with dated progress, collaboration agreements and citizen promises."""

import datetime as dt
import decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Max, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from districts.models import CollaborationArea
from incidents.models import NAME_MAX, Place
from reports.models import TEXT_MAX, Category, SituationReport


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
    public = models.BooleanField(
        _("shown on the public promise page"),
        default=False,
        help_text=_(
            "Its title, status and progress appear on the public page of each published citizen "
            "promise it serves. Leave unticked for anything operational."
        ),
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
        indexes = [
            models.Index(fields=["area", "status", "due_date"], name="measure_area_status"),
            # The overview's open and overdue measures per area: the open ones only, not
            # every measure ever made (a scan of all 12,000 at 10 years before).
            models.Index(
                fields=["area", "due_date"],
                condition=Q(status__in=OPEN_STATUSES),
                name="measure_open",
            ),
        ]

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

    def for_public_page(self):
        """Published promises with what their public page shows, in a fixed number of queries:
        the agreement, its areas' districts and police areas, and the measures with their
        progress and latest progress date."""
        measures = Measure.objects.with_progress().annotate(
            last_progress=Max("progress_entries__date")
        )
        return (
            self.published()
            .select_related("agreement")
            .prefetch_related(
                Prefetch(
                    "agreement__areas",
                    queryset=CollaborationArea.objects.select_related(
                        "district", "police_area"
                    ).order_by("name"),
                ),
                Prefetch("measures", queryset=measures.order_by("due_date", "pk")),
            )
        )

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
