"""Places of an area and the incidents (händelser) logged there, shared or police-only."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Side
from districts.models import CollaborationArea
from reports.models import TEXT_MAX, Category

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
    # Unique per visibility: a city import never matches (nor learns of) a police-only row.
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
                fields=["area", "visibility", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="one_imported_incident_per_fingerprint_and_visibility",
            )
        ]
        indexes = [
            # The dashboards' window queries (per month and category, top places) read only
            # this index on PostgreSQL: an index-only scan, not a heap visit per incident.
            models.Index(
                fields=["area", "-occurred_at"],
                include=["category", "place", "visibility"],
                name="incident_area_window",
            ),
            # The incident list's order over every area (dashboards issue: no sort of all rows),
            # and the window over every area of a municipality's yearly picture: its counts
            # per month and place read the index alone (performance issue: 10 years read as
            # few pages as one).
            models.Index(
                fields=["-occurred_at", "-id"],
                include=["area", "category", "place", "visibility"],
                name="incident_newest_covering",
            ),
            # The overview cards' top places for city readers (no police-only incident): the
            # quarter's incidents at a place of every area, a third of the index above to
            # read (4.3 -> 2.9 ms at 10 years x 50 areas).
            models.Index(
                fields=["area", "-occurred_at"],
                include=["place"],
                condition=Q(place__isnull=False) & ~Q(visibility=Visibility.POLICE_ONLY),
                name="incident_city_places",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} · {self.category} · {self.occurred_at:%Y-%m-%d}"

    @property
    def is_police_only(self) -> bool:
        return self.visibility == Visibility.POLICE_ONLY
