"""Notifications: claiming, mailing (exactly once) and reading them; the reminder sweep."""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Side, User
from districts import periods
from reports.models import JointPicture, SituationReport

from . import reminders
from .models import NOTICE_KINDS, REMINDER_KINDS, Notification, NotificationKind

# A sender holds a notification this long while mailing it; longer than a task's time limit,
# so only a sender that died loses its hold (and then the mail may go out again, once).
NOTIFICATION_SEND_LEASE = dt.timedelta(minutes=10)
# Event notifications whose mail failed every retry are tried again by the sweep this long.
EVENT_RETRY_WINDOW = dt.timedelta(days=3)
EVENT_KINDS = {"shared": "shared", "revised": "revised", "acknowledged": "acknowledged"}


def _unread_cache_key(user: User) -> str:
    # date_joined tells apart users who got the same id (a test database rolled back).
    return f"notifications:unread:{user.pk}:{int(user.date_joined.timestamp())}"


def unread_count_cached(*, user: User) -> int | None:
    """The header's unread count from the cache, without a query; None when not cached."""
    return cache.get(_unread_cache_key(user))


def unread_count_refresh(*, user: User) -> int:
    """Count the user's unread notifications and keep the number for the header."""
    count = user.notifications.unread().count()
    cache.set(_unread_cache_key(user), count, timeout=None)
    return count


def unread_counts_refresh(*, users: list[User]) -> None:
    """`unread_count_refresh` for many users in one query."""
    if not users:
        return
    counts = dict(
        Notification.objects.unread()
        .filter(recipient__in=[user.pk for user in users])
        .values("recipient")
        .annotate(count=Count("pk"))
        .values_list("recipient", "count")
    )
    cache.set_many(
        {_unread_cache_key(user): counts.get(user.pk, 0) for user in users}, timeout=None
    )


def reminders_sweep(*, today: dt.date) -> list:
    """Claim every reminder due on `today`; returns (reminder, notification) pairs.

    A notification whose `sent_at` is empty still has to be mailed: new now, or left by a
    run that died before mailing it (so a second run sends the rest, and nothing twice).
    A fixed number of queries, however many areas and reminders (`reminders.claim_all`).
    """
    due = reminders.due_reminders(today)
    claimed = reminders.claim_all(due)
    told = {
        r.recipient.pk: r.recipient
        for r, (_n, created) in zip(due, claimed, strict=True)
        if created
    }
    unread_counts_refresh(users=list(told.values()))
    return [
        (reminder, notification) for reminder, (notification, _c) in zip(due, claimed, strict=True)
    ]


def unsent_event_notification_ids(*, now: dt.datetime) -> list[int]:
    """Event notifications whose mail never went out (every retry failed), still recent."""
    return list(
        Notification.objects.unsent()
        .exclude(kind__in=REMINDER_KINDS)
        .filter(created_at__gte=now - EVENT_RETRY_WINDOW)
        .values_list("pk", flat=True)
    )


def notification_deliver(*, notification_id: int) -> bool:
    """Mail one notification, unless it was mailed already or another sender holds it.

    Returns whether this call mailed it. On an SMTP error the hold is released and the error
    raised, so the task retries later; `sent_at` is set only after the mail went out.
    """
    now = timezone.now()
    held = (
        Notification.objects.unsent()
        .filter(pk=notification_id)
        .filter(Q(sending_since__isnull=True) | Q(sending_since__lt=now - NOTIFICATION_SEND_LEASE))
        .update(sending_since=now)
    )
    if not held:
        return False
    notification = Notification.objects.select_related("recipient", "area", "report").get(
        pk=notification_id
    )
    try:
        if notification.recipient.email:
            _mail_notification(notification)
    except BaseException:
        Notification.objects.filter(pk=notification_id, sending_since=now).update(
            sending_since=None
        )
        raise
    Notification.objects.filter(pk=notification_id).update(
        sent_at=timezone.now(), sending_since=None
    )
    return True


def notifications_deliver(*, notification_ids: list[int]) -> dict[int, bool | Exception]:
    """`notification_deliver` for many at once, in a fixed number of queries: what each id
    came to, True (mailed now), False (mailed already, or held by another sender) or the
    error its mail failed with (its hold released, so a later run mails it).

    All are held in one update, as one would be; each is mailed; those mailed are marked sent
    in one update at the end, also when the run is interrupted (a sender killed outright
    leaves its holds, and after the lease those mails may go out again, once).
    """
    ids = list(dict.fromkeys(notification_ids))
    outcome: dict[int, bool | Exception] = dict.fromkeys(ids, False)
    if not ids:
        return outcome
    now = timezone.now()
    Notification.objects.unsent().filter(pk__in=ids).filter(
        Q(sending_since__isnull=True) | Q(sending_since__lt=now - NOTIFICATION_SEND_LEASE)
    ).update(sending_since=now)
    held = list(
        Notification.objects.unsent()
        .filter(pk__in=ids, sending_since=now)
        .select_related("recipient", "area", "report")
        .order_by("pk")
    )
    mailed = []
    connection = get_connection()  # one connection to the mail server for the whole run
    try:
        for notification in held:
            try:
                if notification.recipient.email:
                    _mail_notification(notification, connection)
            except Exception as error:  # noqa: BLE001 - one refused mail stops no other
                outcome[notification.pk] = error
                connection.close()  # the next mail opens a fresh one
            else:
                mailed.append(notification.pk)
                outcome[notification.pk] = True
    finally:
        connection.close()
        if mailed:
            Notification.objects.filter(pk__in=mailed, sending_since=now).update(
                sent_at=timezone.now(), sending_since=None
            )
        done = set(mailed)
        unmailed = [n.pk for n in held if n.pk not in done]
        if unmailed:
            Notification.objects.filter(pk__in=unmailed, sending_since=now).update(
                sending_since=None
            )
    return outcome


def _mail_notification(notification, connection=None) -> None:

    user = notification.recipient
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "recipient": user,
            "message": notification.message,
            "kind": notification.get_kind_display(),
            "url": f"{settings.SITE_URL}{notification.link}",
            "site_url": settings.SITE_URL,
        }
        subject = " ".join(render_to_string("emails/notification-subject.txt", context).split())
        text = render_to_string("emails/notification-body.txt", context)
        html = render_to_string("emails/notification-body.html", context)
    mail = EmailMultiAlternatives(subject, text, to=[user.email], connection=connection)
    mail.attach_alternative(html, "text/html")
    mail.send()


def report_event_notify(
    *, report_id: int, event: str, occurrence: str, actor_id: int | None
) -> list[int]:
    """Tell of a shared, revised or acknowledged report: the other side of a shared or revised
    report, the author side of an acknowledged one (not the actor). Returns the ids to mail."""
    report = SituationReport.objects.select_related("area").get(pk=report_id)
    told_side = report.side if event == "acknowledged" else Side(report.side).other
    pending = []
    for person in reminders.side_members(report.area, told_side):
        if person.pk == actor_id:
            continue
        reminder = reminders.Reminder.about_report(EVENT_KINDS[event], report, person, occurrence)
        notification, created = reminders.claim(reminder)
        if created:
            unread_count_refresh(user=person)
        if notification.sent_at is None:
            pending.append(notification.pk)
    return pending


def joint_summary_signed_notify(
    *, picture_id: int, occurrence: str, actor_id: int | None
) -> list[int]:
    """Ask the members of the side that has not signed a joint summary to sign it, once per
    signed version (the occurrence). Returns the ids to mail."""
    picture = JointPicture.objects.select_related("area").get(pk=picture_id)
    signed = Side.CITY if picture.city_signed_at else Side.POLICE
    waiting = Side(signed).other
    if picture.signed_at(waiting) or not picture.signed_at(signed):
        return []  # both signed, or the text changed since: nothing to ask for
    period = periods.Period(picture.period_kind, picture.period_start, picture.period_end)
    link = reverse("joint_picture", args=[picture.area.slug, period.key])
    pending = []
    for person in reminders.side_members(picture.area, waiting):
        if person.pk == actor_id:
            continue
        reminder = reminders.Reminder(
            kind=NotificationKind.JOINT_SUMMARY,
            area=picture.area,
            side=signed,
            period_kind=picture.period_kind,
            period_start=picture.period_start,
            period_end=picture.period_end,
            due_date=None,
            recipient=person,
            link=link,
            occurrence=occurrence,
        )
        notification, created = reminders.claim(reminder)
        if created:
            unread_count_refresh(user=person)
        if notification.sent_at is None:
            pending.append(notification.pk)
    return pending


def notice_claim(
    *,
    kind: str,
    recipient: User,
    occurrence: str,
    subject: str,
    link: str,
    due_date: dt.date | None = None,
) -> tuple[Notification, bool]:
    """A notice's one row (a kind in NOTICE_KINDS: not about an area's exchange), created now
    or found from an earlier run: unique per kind, recipient and occurrence, so whoever calls
    this twice, or two workers at once, tell the recipient once. Mail it with
    `tasks.deliver_notification` while its `sent_at` is empty."""
    if kind not in NOTICE_KINDS:
        raise ValueError(f"not a notice kind: {kind}")
    notification, created = Notification.objects.get_or_create(
        kind=kind,
        recipient=recipient,
        occurrence=occurrence,
        area=None,
        defaults={
            "subject": subject[:200],
            "link": link,
            "due_date": due_date,
            "period_start": due_date or timezone.localdate(),
            "period_end": due_date or timezone.localdate(),
        },
    )
    if created:
        unread_count_refresh(user=recipient)
    return notification, created


def notification_mark_read(*, notification, user: User) -> None:
    type(notification).objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_count_refresh(user=user)


def notifications_mark_all_read(*, user: User) -> int:
    marked = user.notifications.unread().update(read_at=timezone.now())
    unread_count_refresh(user=user)
    return marked
