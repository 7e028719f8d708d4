"""Setting and removing a secrecy marking (one function each, both keeping a revision)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from districts.models import CollaborationArea
from districts.periods import Period
from reports.models import JointPicture

from .models import SecrecyMarking, SecrecyMarkingRevision


@transaction.atomic
def marking_set(*, obj: models.Model, provision: str, actor: User) -> SecrecyMarking:
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    marking, _created = SecrecyMarking.objects.update_or_create(
        content_type=content_type,
        object_id=obj.pk,
        defaults={"provision": provision, "marked_by": actor, "marked_at": now},
    )
    SecrecyMarkingRevision.objects.create(
        content_type=content_type,
        object_id=obj.pk,
        change=SecrecyMarkingRevision.Change.SET,
        provision=provision,
        changed_by=actor,
        changed_at=now,
    )
    return marking


@transaction.atomic
def marking_remove(*, obj: models.Model, actor: User) -> bool:
    """Remove the object's marking; False when it had none (nothing is written)."""
    content_type = ContentType.objects.get_for_model(obj)
    marking = (
        SecrecyMarking.objects.select_for_update()
        .filter(content_type=content_type, object_id=obj.pk)
        .first()
    )
    if marking is None:
        return False
    marking.delete()
    SecrecyMarkingRevision.objects.create(
        content_type=content_type,
        object_id=obj.pk,
        change=SecrecyMarkingRevision.Change.REMOVED,
        provision=marking.provision,
        changed_by=actor,
        changed_at=timezone.now(),
    )
    return True


def joint_picture_for_marking(*, area: CollaborationArea, period: Period) -> JointPicture:
    """The period's joint picture, made empty (no summary, unsigned) when none exists yet, so
    a picture can be marked before its summary is written."""
    picture, _created = JointPicture.objects.get_or_create(
        area=area,
        period_start=period.start,
        defaults={"period_kind": period.cadence, "period_end": period.end},
    )
    return picture
