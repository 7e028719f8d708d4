"""Secrecy markings (sekretessmarkering): "Sekretess enligt <provision> OSL" on a situation
report, a joint picture, an incident or a measure.

A marking warns the reader that a provision of offentlighets- och sekretesslagen may apply
before anything is handed out; it is not an access rule (who sees what stays in
each topic's `access.py`). One marking per object at a time; each setting or removal is kept as
a `SecrecyMarkingRevision`, the object's history of its markings.
"""

import calendar
import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

PROVISION_MAX = 120
TEXT_MAX = 10000


class SecrecyMarkingQuerySet(models.QuerySet):
    def for_objects(self, objects) -> dict:
        """{pk: marking} for the given objects of one model, in one query."""
        objects = list(objects)
        if not objects:
            return {}
        meta = objects[0]._meta
        # By the content type's names, not its id: one query whether or not Django's content
        # type cache is warm, so page query counts stay fixed.
        markings = self.filter(
            content_type__app_label=meta.app_label,
            content_type__model=meta.model_name,
            object_id__in=[o.pk for o in objects],
        ).select_related("marked_by")
        return {m.object_id: m for m in markings}

    def for_model(self, model) -> dict:
        """{pk: marking} for every marked object of a model: for exports of many rows, where
        the marked objects are few and a list of every row's id could pass SQLite's limit."""
        meta = model._meta
        markings = self.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name
        ).select_related("marked_by")
        return {m.object_id: m for m in markings}

    def for_object(self, obj):
        return self.for_objects([obj]).get(obj.pk)

    def attach(self, objects) -> list:
        """The objects (of one model, None skipped), each with its `secrecy_marking` (or None),
        in one query: for the tables and documents that show many objects."""
        objects = [o for o in objects if o is not None]
        markings = self.for_objects(objects)
        for obj in objects:
            obj.secrecy_marking = markings.get(obj.pk)
        return objects


class SecrecyMarking(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    marked = GenericForeignKey("content_type", "object_id")
    provision = models.CharField(
        _("provision"),
        max_length=PROVISION_MAX,
        help_text=_("The chapter and section of OSL, e.g. “18 kap. 1 §”."),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"))

    objects = SecrecyMarkingQuerySet.as_manager()

    class Meta:
        verbose_name = _("secrecy marking")
        verbose_name_plural = _("secrecy markings")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_secrecy_marking_per_object"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _("Secrecy under %(provision)s OSL") % {"provision": self.provision}


class SecrecyMarkingRevision(models.Model):
    """One setting, change or removal of an object's marking: who, when, which provision."""

    class Change(models.TextChoices):
        SET = "set", _("marked")
        REMOVED = "removed", _("marking removed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    change = models.CharField(max_length=10, choices=Change.choices)
    provision = models.CharField(max_length=PROVISION_MAX)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="marking_rev_object")]

    def __str__(self) -> str:
        return f"{self.get_change_display()} {self.provision}"


# --- The municipality's yearly situation picture and action plan ---
# (kommunens lägesbild och åtgärdsplan, lag (2023:196) om kommuners ansvar för
# brottsförebyggande arbete, 4 §)


# The years a version may be for: from 2000 to next year (a draft is often written for the
# coming year). A typo such as 1337 or 20266 is refused with a clear error, by the form and
# again when deciding.
FIRST_YEAR = 2000


def picture_years(today: dt.date) -> range:
    return range(FIRST_YEAR, today.year + 2)


def picture_year_error(year: int, today: dt.date) -> str:
    """The error for a year out of range, or "" for a year a version may be for."""
    years = picture_years(today)
    if year in years:
        return ""
    return _("Give a year from %(first)s to %(last)s.") % {"first": years[0], "last": years[-1]}


class PictureStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    DECIDED = "decided", _("decided")


class SituationPictureQuerySet(models.QuerySet):
    def decided(self):
        return self.filter(status=PictureStatus.DECIDED)

    def for_list(self):
        """List rows: without the frozen facts and PDF, which only a version's page reads."""
        return (
            self.select_related("district")
            .defer("snapshot", "frozen_pdf")
            .order_by("-year", "district__name", "-pk")
        )

    def for_todo(self):
        """Every version's scope, status and decision date, for the development lead's to-do
        (one query; a scope has a version every year or two, so these rows stay few)."""
        return (
            self.select_related("district")
            .only("pk", "year", "status", "decided_on", "district", "district__name")
            .order_by("decided_on", "pk")
        )


class SituationPicture(models.Model):
    """One version of the yearly situation picture and action plan, for the whole municipality
    (no district) or one city area. The prefilled part is computed from the portal while it is
    a draft (`documents.yearly.picture_facts`); deciding freezes it: `snapshot` keeps those
    facts and `frozen_pdf` the rendered PDF, and a decided version never changes again."""

    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city area"),
        help_text=_("Empty for the whole municipality."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    window_start = models.DateField(_("data from"))
    window_end = models.DateField(_("data until"))
    status = models.CharField(
        _("status"), max_length=10, choices=PictureStatus.choices, default=PictureStatus.DRAFT
    )
    other_information = models.TextField(
        _("other relevant information"), max_length=TEXT_MAX, blank=True
    )
    analysis = models.TextField(_("analysis (causes)"), max_length=TEXT_MAX, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    deciding_body = models.CharField(_("deciding body"), max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    frozen_pdf = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SituationPictureQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("yearly situation picture")
        verbose_name_plural = _("yearly situation pictures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_start__lte=models.F("window_end")),
                name="situation_picture_window_in_order",
            )
        ]

    def __str__(self) -> str:
        return _("Situation picture %(year)s: %(scope)s") % {
            "year": self.year,
            "scope": self.scope_name,
        }

    @property
    def scope_name(self) -> str:
        return self.district.name if self.district_id else str(_("the whole municipality"))

    @property
    def is_decided(self) -> bool:
        return self.status == PictureStatus.DECIDED

    def next_due(self, interval_months: int) -> "dt.date | None":
        """When the next version is due: `interval_months` after this one was decided."""
        if not self.decided_on:
            return None
        month = self.decided_on.month - 1 + interval_months
        year, month = self.decided_on.year + month // 12, month % 12 + 1
        day = min(self.decided_on.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day)


class ActionPlanItem(models.Model):
    """One chosen measure or priority of the action plan, with its owner and date."""

    picture = models.ForeignKey(
        SituationPicture, on_delete=models.CASCADE, related_name="action_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("measure or priority"), max_length=300)
    priority = models.ForeignKey(
        "conferences.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("conference priority"),
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("portal measure"),
    )
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("date"))

    class Meta:
        ordering = ["order", "due_date", "pk"]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")

    def __str__(self) -> str:
        return self.text
