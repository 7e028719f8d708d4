"""Secrecy markings (sekretessmarkering): "Sekretess enligt <provision> OSL" on a situation
report, a joint picture, an incident or a measure.

A marking warns the reader that a provision of offentlighets- och sekretesslagen may apply
before anything is handed out; it is not an access rule (who sees what stays in
each topic's `access.py`). One marking per object at a time; each setting or removal is kept as
a `SecrecyMarkingRevision`, the object's history of its markings.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

PROVISION_MAX = 120


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
