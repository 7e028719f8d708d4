import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import owed, periods


class ValidQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        """What existed on that day: begun on or before it, not yet ended."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def valid_between(self, start: dt.date, end: dt.date):
        """What existed on at least one day of [start, end] (a reorganisation may fall inside)."""
        return self.filter(
            Q(valid_from__lte=end), Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )


class Validity(models.Model):
    """Districts, police areas and collaborations exist for a span of dates (reorganisations)."""

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = ValidQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Lineage(models.Model):
    """Succession through reorganisations: what ended on a day and what took over the next.

    A merge gives one successor several predecessors, a split one predecessor several
    successors; `reorganisation/apply.py` records both. Lineage is walked level by level (one
    query each), and reorganisations are rare, so the walk stays short.
    """

    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessors"),
        help_text=_("What this took over from in a reorganisation."),
    )

    class Meta:
        abstract = True

    def _walk(self, relation: str) -> set[int]:
        model = type(self)
        found: set[int] = set()
        level = {self.pk}
        while level:
            level = (
                set(model.objects.filter(**{f"{relation}__in": level}).values_list("pk", flat=True))
                - found
                - {self.pk}
            )
            found |= level
        return found

    def all_predecessors(self) -> models.QuerySet:
        """Everything this succeeded, however many reorganisations back."""
        return type(self).objects.filter(pk__in=self._walk("successors"))

    def all_successors(self) -> models.QuerySet:
        """Everything that took over from this, however many reorganisations on."""
        return type(self).objects.filter(pk__in=self._walk("predecessors"))

    def lineage(self) -> models.QuerySet:
        """This, everything before it and everything after it, oldest first."""
        pks = {self.pk} | self._walk("successors") | self._walk("predecessors")
        return type(self).objects.filter(pk__in=pks).order_by("valid_from", "name")

    def history(self) -> models.QuerySet:
        """This and all its predecessors: whose reports make up its history."""
        return type(self).objects.filter(pk__in={self.pk} | self._walk("successors"))


class District(Validity, Lineage):
    """A stadsdel / stadsdelsnämnd (later a city area) on the city side."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=20, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    directors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="directed_districts",
        verbose_name=_("directors"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name


class PoliceArea(Validity):
    """A lokalpolisområde (LPO) on the police side."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=20, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    chiefs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_police_areas",
        verbose_name=_("police chiefs"),
    )
    municipalities = models.CharField(
        _("other municipalities"),
        max_length=200,
        blank=True,
        help_text=_("Municipalities beyond the city that the police area also covers."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("police area")
        verbose_name_plural = _("police areas")

    def __str__(self) -> str:
        return self.name


class Cadence(models.TextChoices):
    WEEKLY = periods.WEEKLY, _("Weekly")
    FORTNIGHTLY = periods.FORTNIGHTLY, _("Fortnightly")
    MONTHLY = periods.MONTHLY, _("Monthly")


# How many reorganisations back `with_predecessors()` reaches in one query; `reorganise`
# refuses a plan that would make a lineage deeper (Göteborg has had one in a decade).
MAX_GENERATIONS = 4


class AreaQuerySet(ValidQuerySet):
    def for_list(self):
        """Areas for list pages, with what each row shows, in one query."""
        return self.select_related("district", "police_area").order_by("name")

    def with_predecessors(self):
        """These areas and every area they succeeded (up to MAX_GENERATIONS back), lazily:
        nested subqueries, no query of its own, so access rules can build on it."""
        through = CollaborationArea.predecessors.through
        level = self.values("pk")
        reach = Q(pk__in=level)
        for _generation in range(MAX_GENERATIONS):
            level = through.objects.filter(from_collaborationarea__in=level).values(
                "to_collaborationarea"
            )
            reach |= Q(pk__in=level)
        return CollaborationArea.objects.filter(reach)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class CollaborationArea(Validity, Lineage):
    """One district working with one police area, and the schedule of their exchange."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="areas", verbose_name=_("district")
    )
    police_area = models.ForeignKey(
        PoliceArea, on_delete=models.PROTECT, related_name="areas", verbose_name=_("police area")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="areas",
        verbose_name=_("members"),
        help_text=_("Safety coordinators and community police officers of this area."),
    )
    # The exchange schedule.
    cadence = models.CharField(
        _("exchange cadence"), max_length=12, choices=Cadence.choices, default=Cadence.WEEKLY
    )
    due_weekday = models.PositiveSmallIntegerField(
        _("due weekday"),
        choices=Weekday.choices,
        default=Weekday.FRIDAY,
        help_text=_("For weekly and fortnightly exchange: the weekday of the period's last week."),
    )
    due_day_of_month = models.PositiveSmallIntegerField(
        _("due day of month"),
        default=25,
        help_text=_("For monthly exchange; a day past the month's end means its last day."),
    )
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before due"), default=2)
    grace_days = models.PositiveSmallIntegerField(_("grace days before escalation"), default=3)
    review_days = models.PositiveSmallIntegerField(
        _("days for the other side to review"), default=3
    )
    max_days_between = models.PositiveSmallIntegerField(
        _("maximum days between shared reports"),
        null=True,
        blank=True,
        help_text=_("For areas that exchange as often as needed rather than on a fixed day."),
    )
    # Completeness counts from here, not from the area's legal start: an area that began in
    # 2015 but started exchanging in the portal this week owes nothing for the years before.
    exchange_started_on = models.DateField(
        _("exchange started in the portal"),
        default=timezone.localdate,
        help_text=_(
            "Periods due before this day are not expected. Set when the schedule is created; "
            "a reorganisation carries it to the successors."
        ),
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("collaboration area")
        verbose_name_plural = _("collaboration areas")

    def __str__(self) -> str:
        return self.name

    def history(self) -> models.QuerySet:
        """This area and all its predecessors, lazily (no query until used)."""
        return CollaborationArea.objects.filter(pk=self.pk).with_predecessors()

    def period_containing(self, day: dt.date) -> periods.Period:
        return periods.period_containing(self.cadence, day)

    def period_from_key(self, key: str) -> periods.Period:
        return periods.period_from_key(self.cadence, key)

    def due_date(self, period: periods.Period) -> dt.date:
        """The period's due day, moved back to a working day when it falls on a holiday."""
        if self.cadence == Cadence.MONTHLY:
            day = min(self.due_day_of_month, period.end.day)
            due = period.start.replace(day=day)
        else:
            due = periods._monday(period.end) + dt.timedelta(days=self.due_weekday)
        return periods.previous_working_day(due)

    def owes(self, period: periods.Period) -> bool:
        """Whether the area owes a report for the period: the one rule (districts/owed.py)."""
        return owed.owes(self, period)

    def next_due_period(self, today: dt.date) -> periods.Period:
        """The period the sides should be filing now: the current one, or the next once past due."""
        period = self.period_containing(today)
        return period.next() if today > self.due_date(period) else period

    def first_period(self) -> periods.Period:
        """The first period of the area's exchange: the one the area began in."""
        return self.period_containing(self.valid_from)

    def last_period(self, today: dt.date) -> periods.Period:
        """The latest period of the area's exchange: the one the sides file now (the next
        once the current is past due), or the one the area ended in."""
        period = self.next_due_period(today)
        if self.valid_to is not None and self.valid_to < period.start:
            return self.period_containing(self.valid_to)
        return period

    def is_exchange_period(self, period: periods.Period, today: dt.date) -> bool:
        """Whether the period lies between the area's first period and its latest (today)."""
        return self.first_period().start <= period.start <= self.last_period(today).start

    def exchange_period_from_key(self, key: str, today: dt.date) -> periods.Period:
        """The period a key names if it is one of the area's exchange, else ValueError: a
        malformed key, a period before the area began, or one after the current period."""
        period = self.period_from_key(key)
        if not self.is_exchange_period(period, today):
            raise ValueError(key)
        return period


class Reorganisation(models.Model):
    """An applied reorganisation plan: what `manage.py reorganise` did, and when."""

    name = models.CharField(_("name"), max_length=200)
    effective_on = models.DateField(
        _("effective on"), help_text=_("The first day of the new structure.")
    )
    plan_text = models.TextField(_("plan"))
    plan_hash = models.CharField(_("plan checksum"), max_length=64, unique=True)
    summary = models.TextField(_("what changed"), blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_on"]
        get_latest_by = "effective_on"
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.effective_on:%Y-%m-%d})"
