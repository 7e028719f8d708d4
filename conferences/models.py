import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from measures.models import Agreement, Measure, MeasureStatus
from reports.models import TEXT_MAX, Category

# How long a conference's theme stays current when no later conference has been held: a year
# and a half covers a conference that moves a few months, yet a theme from a year that was
# skipped does not linger for ever in every situation report.
THEME_CURRENT_DAYS = 548


class ParticipantGroup(models.TextChoices):
    DISTRICT_DIRECTORS = "district_directors", _("District directors")
    POLICE_CHIEFS = "police_chiefs", _("Police chiefs")
    COMMUNITY_OFFICERS = "community_officers", _("Community police officers")
    SAFETY_COORDINATORS = "safety_coordinators", _("Safety coordinators")
    OTHERS = "others", _("Others")


class ConferenceQuerySet(models.QuerySet):
    def current(self, today: dt.date) -> "Conference | None":
        """The conference whose theme guides the work on `today`.

        The rule: the latest conference held on or before `today`, as long as it was held
        within THEME_CURRENT_DAYS (about 18 months). Its theme stays current until the next
        conference is held; with no conference in the last 18 months, no theme is current.
        """
        earliest = today - dt.timedelta(days=THEME_CURRENT_DAYS)
        return self.filter(date__lte=today, date__gte=earliest).order_by("-date").first()

    def for_list(self):
        """Conferences for the list page, latest first, with their focus categories."""
        return self.order_by("-year").prefetch_related("focus_categories")

    def for_page(self):
        """One conference with everything its page shows, in a fixed number of queries."""
        return self.prefetch_related(
            "focus_categories",
            "programme_items",
            "outcomes",
            Prefetch("priorities", queryset=Priority.objects.for_page()),
        )


class Conference(models.Model):
    """The annual joint conference of the city and the police, with the year's theme."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=300)
    focus_categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="+",
        verbose_name=_("focus categories"),
        help_text=_("The categories the theme is about; dashboards highlight them."),
    )
    # A handful of fixed groups: a JSON list of ParticipantGroup values needs no extra table.
    participant_groups = models.JSONField(_("participant groups"), default=list, blank=True)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    def participant_group_labels(self) -> list[str]:
        labels = dict(ParticipantGroup.choices)
        return [labels[value] for value in self.participant_groups if value in labels]


class ProgrammeItem(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="programme_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["order", "time", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return self.title


class Outcome(models.Model):
    """A discussion point the conference arrived at."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="outcomes")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("discussion point"), max_length=1000)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.text[:80]


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    DECIDED = "decided", _("decided")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class OwnerSide(models.TextChoices):
    CITY = "city", _("City")
    POLICE = "police", _("Police")
    JOINT = "joint", _("City and police together")


class PriorityQuerySet(models.QuerySet):
    def undecided_past(self, today: dt.date):
        """Still proposed although their decision date has passed (see `Priority.is_stale`)."""
        return self.filter(status=PriorityStatus.PROPOSED, decision_date__lt=today)

    def for_page(self):
        """Priorities with their categories, agreements and measures (with each measure's
        progress), so `progress()` needs no further query."""
        return self.prefetch_related(
            "categories",
            "agreements",
            Prefetch("measures", queryset=Measure.objects.with_progress().order_by("due_date")),
        )


class Priority(models.Model):
    """What the conference's discussions led to; often decided in the following year."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("conference"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PriorityStatus.choices, default=PriorityStatus.PROPOSED
    )
    decision_date = models.DateField(
        _("decision date"),
        null=True,
        blank=True,
        help_text=_("When it was or will be decided; often in the year after the conference."),
    )
    owner_side = models.CharField(_("owner"), max_length=10, choices=OwnerSide.choices)
    categories = models.ManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("categories")
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="priorities", verbose_name=_("measures")
    )
    agreements = models.ManyToManyField(
        Agreement, blank=True, related_name="priorities", verbose_name=_("agreements")
    )

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.title

    def is_stale(self, today: dt.date) -> bool:
        """Its decision date has passed and it is still only proposed: someone must decide it
        (or drop it, or move the date)."""
        return (
            self.status == PriorityStatus.PROPOSED
            and self.decision_date is not None
            and self.decision_date < today
        )

    def progress(self) -> int | None:
        """How far the linked measures have come, as a whole percentage; None without any.

        Each measure that is not cancelled counts equally: a done measure is 100; an open
        one with a target counts its progress towards the target (capped at 100); an open one
        without a target is 0 until it is done. The priority's progress is their mean,
        rounded down. Cancelled measures are left out: they no longer serve the priority.
        """
        shares = [
            measure_share(m) for m in self.measures.all() if m.status != MeasureStatus.CANCELLED
        ]
        return sum(shares) // len(shares) if shares else None


def measure_share(measure: Measure) -> int:
    """One measure's completion in percent, as `Priority.progress` counts it."""
    if measure.status == MeasureStatus.DONE:
        return 100
    return measure.percent or 0


def focus_category_ids(today: dt.date) -> set[int]:
    """The focus categories of the current conference (see `ConferenceQuerySet.current`), for
    dashboards to highlight; empty when no theme is current."""
    conference = Conference.objects.current(today)
    if conference is None:
        return set()
    return set(conference.focus_categories.values_list("pk", flat=True))
