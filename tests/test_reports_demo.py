"""The reports demo: what `loaddemo` shows in Angered and Centrum, loaded once however often run."""

import io

from django.core.management import call_command

from districts.models import CollaborationArea


def test_loaddemo_adds_the_report_exchange_once(settings, db):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())

    angered = CollaborationArea.objects.get(slug="angered")
    rows = sorted(angered.reports.values_list("side", "status", "acknowledged_by__username"))
    assert rows == [
        ("city", "acknowledged", "kommunpolis-nordost"),
        ("city", "draft", None),
        ("police", "acknowledged", "samordnare-angered"),
    ]
    last_week = angered.reports.filter(status="acknowledged")
    assert len({r.period_start for r in last_week}) == 1
    centrum = CollaborationArea.objects.get(slug="centrum")
    assert list(centrum.reports.values_list("side", "status")) == [("city", "shared")]
    assert angered.reports.get(side="police").assessments.count() == 12
    assert angered.joint_pictures.get().is_agreed
