"""Saving, deciding and reminding of the yearly situation picture and action plan."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from notifications.models import NotificationKind
from notifications.services import notice_claim
from tryggportal.lib.identity import IdentityNumberGuard, find_identity_numbers
from tryggportal.lib.pdf import print_stamp, render_document

from .models import PictureStatus, SituationPicture, picture_year_error
from .yearly import facts_for_display, picture_facts


class PictureDecidedError(Exception):
    """A decided situation picture is frozen: nothing in it changes any more."""


def _refuse_if_decided(picture: SituationPicture) -> None:
    if picture.pk and picture.is_decided:
        raise PictureDecidedError(picture.pk)


def _free_texts(picture: SituationPicture) -> list[str]:
    items = picture.action_items.all()
    return [
        picture.other_information,
        picture.analysis,
        picture.deciding_body,
        picture.reference,
        *[item.text for item in items],
        *[item.owner for item in items],
    ]


@transaction.atomic
def situation_picture_save(*, form, items_formset, actor: User) -> SituationPicture:
    """Creates or updates a draft with its action plan; a decided version is refused."""
    if form.instance.pk:
        stored = SituationPicture.objects.select_for_update().get(pk=form.instance.pk)
        _refuse_if_decided(stored)
    else:
        form.instance.created_by = actor
    picture = form.save()
    items_formset.instance = picture
    items_formset.save()
    return picture


def situation_picture_document(picture: SituationPicture, facts: dict) -> dict:
    """What the page and the PDF show: the picture, its facts with labels, its action plan
    (a decided version's as it was decided)."""
    shown = facts_for_display(facts)
    return {"picture": picture, "facts": shown, "items": shown["action_plan"]}


SITUATION_PICTURE_PDF = "situation_pictures/situation_picture_pdf.html"


def situation_picture_pdf_context(picture: SituationPicture, facts: dict) -> dict:
    return {**situation_picture_document(picture, facts), "pdf": True}


def situation_picture_render(picture: SituationPicture, user: User | None, facts: dict) -> bytes:
    """The PDF in Swedish, the document's language (lag (2023:196) is the municipality's);
    stamped for `user`, or for no one (a decided version's, stamped per download)."""
    with translation.override("sv"):
        context = situation_picture_pdf_context(picture, facts)
        return render_document(SITUATION_PICTURE_PDF, context, user)


@transaction.atomic
def situation_picture_decide(
    *,
    picture: SituationPicture,
    decided_on: dt.date,
    deciding_body: str,
    reference: str,
    actor: User,
) -> SituationPicture:
    """Records the decision and freezes the version: its facts as they are now, and its PDF,
    which every later download returns byte for byte."""
    picture = SituationPicture.objects.select_for_update().get(pk=picture.pk)
    _refuse_if_decided(picture)
    picture.decided_on, picture.deciding_body, picture.reference = (
        decided_on,
        deciding_body,
        reference,
    )
    if error := picture_year_error(picture.year, timezone.localdate()):
        raise ValidationError(error)  # a draft saved before years were bounded
    if any(find_identity_numbers(text) for text in _free_texts(picture)):
        label = _("Situation picture")
        raise ValidationError(IdentityNumberGuard.identity_number_message % {"field": label})
    picture.status = PictureStatus.DECIDED
    picture.decided_by = actor
    picture.snapshot = picture_facts(picture, actor)
    # Frozen without a print stamp: each download is stamped with its own reader.
    picture.frozen_pdf = situation_picture_render(picture, None, picture.snapshot)
    picture.save()
    return picture


def situation_picture_pdf(*, picture: SituationPicture, user: User) -> bytes:
    """A decided version's frozen PDF, stamped with its reader (the frozen bytes first, as
    they were decided, then the stamp as an incremental update); a draft's rendered now for
    its reader."""
    if picture.is_decided:
        with translation.override("sv"):
            return print_stamp(bytes(picture.frozen_pdf), user)
    return situation_picture_render(picture, user, picture_facts(picture, user))


def _next_version_link(decided: SituationPicture) -> str:
    """The scope's newest draft, where the work goes on; a new one's form when there is none."""
    draft = (
        SituationPicture.objects.filter(status=PictureStatus.DRAFT, district=decided.district_id)
        .order_by("-year", "-pk")
        .first()
    )
    if draft is None:
        return reverse("situation_picture_new")
    return reverse("situation_picture_detail", args=[draft.pk])


def situation_pictures_due_notify(*, today: dt.date) -> list[int]:
    """Tell every development lead, once, that the next version of a scope's situation picture
    is due (SITUATION_PICTURE_REMIND_DAYS before `SITUATION_PICTURE_INTERVAL_MONTHS` after its
    latest decided version); returns the ids of the notifications still to mail.

    Idempotent like every notice: the row (kind, recipient, occurrence: the decided version)
    is the claim, so a second run tells no one twice. A newer decided version of the same
    scope ends the reminders of the older one."""
    interval = settings.SITUATION_PICTURE_INTERVAL_MONTHS
    ahead = dt.timedelta(days=settings.SITUATION_PICTURE_REMIND_DAYS)
    latest = {}
    decided = SituationPicture.objects.decided().select_related("district")
    for picture in decided.order_by("decided_on", "pk"):
        latest[picture.district_id] = picture
    leads = list(User.objects.filter(role=Role.DEVELOPMENT_LEAD, is_active=True))
    pending = []
    for picture in latest.values():
        due = picture.next_due(interval)
        if today < due - ahead:
            continue
        for lead in leads:
            notification, _created = notice_claim(
                kind=NotificationKind.SITUATION_PICTURE_DUE,
                recipient=lead,
                occurrence=f"situation-picture:{picture.pk}",
                subject=picture.scope_name,
                link=_next_version_link(picture),
                due_date=due,
            )
            if notification.sent_at is None:
                pending.append(notification.pk)
    return pending
