"""The yearly situation picture on the development lead's to-do (the home page): per scope
the draft to continue, or the next version once it is due soon or overdue."""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from .models import PictureStatus, SituationPicture


def _scope(picture: SituationPicture):
    return picture.district_id


def picture_todo(pictures, today: dt.date) -> dict:
    """`items`: one per scope with work now, the whole municipality first, then city areas
    by name. A scope's newest draft is continued; without one, the next version is started
    when it is due within SITUATION_PICTURE_REMIND_DAYS or overdue, and so is the whole
    municipality's first version (lag (2023:196) asks it of every municipality). `next_due`:
    the earliest due date not yet near, to say when the work comes back."""
    interval = settings.SITUATION_PICTURE_INTERVAL_MONTHS
    ahead = dt.timedelta(days=settings.SITUATION_PICTURE_REMIND_DAYS)
    drafts, decided, names = {}, {}, {None: None}
    for picture in pictures:  # ordered by decision date: the latest decided one wins
        names[_scope(picture)] = picture.district.name if picture.district_id else None
        if picture.status == PictureStatus.DRAFT:
            newest = drafts.get(_scope(picture))
            if newest is None or (picture.year, picture.pk) > (newest.year, newest.pk):
                drafts[_scope(picture)] = picture
        else:
            decided[_scope(picture)] = picture
    items, later = [], []
    for scope in sorted(names, key=lambda s: (s is not None, names[s] or "")):
        draft, latest = drafts.get(scope), decided.get(scope)
        due = latest.next_due(interval) if latest else None
        near = due is None or today >= due - ahead
        item = {"scope": names[scope], "draft": draft, "due": due if near else None}
        item["overdue"] = bool(due and today > due)
        if draft is not None:
            item["link"] = reverse("situation_picture_edit", args=[draft.pk])
        elif near and (latest or scope is None):
            new = reverse("situation_picture_new")
            item["link"] = f"{new}?district={scope}" if scope else new
        else:
            later.append(due)
            continue
        items.append(item)
    return {"items": items, "next_due": min(later, default=None)}
