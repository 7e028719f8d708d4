import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import periods


class ValidQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        """What existed on that day: begun on or before it, not yet ended."""
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Validity(models.Model):
    """Districts, police areas and collaborations exist for a span of dates (reorganisations)."""

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = ValidQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class District(Validity):
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


class AreaQuerySet(ValidQuerySet):
    def for_list(self):
        """Areas for list pages, with what each row shows, in one query."""
        return self.select_related("district", "police_area").order_by("name")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class CollaborationArea(Validity):
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

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("collaboration area")
        verbose_name_plural = _("collaboration areas")

    def __str__(self) -> str:
        return self.name

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

    def next_due_period(self, today: dt.date) -> periods.Period:
        """The period the sides should be filing now: the current one, or the next once past due."""
        period = self.period_containing(today)
        return period.next() if today > self.due_date(period) else period
