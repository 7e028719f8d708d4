"""The yearly situation picture's move from `documents` to `situation_pictures` keeps every
row: a decided version with its action plan, frozen facts and PDF bytes, the secrecy marking
and permissions naming its content type, and the audit rows naming its type. Run on SQLite
and on PostgreSQL (DATABASE_URL)."""

import datetime as dt
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import AuditEvent
from documents.models import SecrecyMarking
from situation_pictures.models import SituationPicture

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("documents", "0002_situation_pictures"), ("situation_pictures", None)]
AFTER = [
    ("documents", "0003_situation_pictures_moved"),
    ("situation_pictures", "0002_situation_pictures_tables_renamed"),
]
# Every byte value, so nothing on the way may read the frozen PDF as text.
FROZEN = b"%PDF-1.7\n" + bytes(range(256)) * 4
SNAPSHOT = {"version": 3, "scope": {"sv": "hela kommunen", "en": "the whole municipality"}}


def _migrate(targets):
    """Migrate the test database to `targets` (the other apps stay at their latest); the
    historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    moved = {app for app, _name in targets}
    nodes = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved]
    nodes += [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes).apps


@pytest.fixture
def before(dev_lead):
    """The database as it was before the move (documents 0002), put back to the latest
    afterwards whatever happens."""
    try:
        yield _migrate(BEFORE), dev_lead
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _real_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def _decided_picture(apps, lead_pk: int, frozen: bytes = FROZEN):
    Picture = apps.get_model("documents", "SituationPicture")
    Item = apps.get_model("documents", "ActionPlanItem")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Marking = apps.get_model("documents", "SecrecyMarking")
    Permission = apps.get_model("auth", "Permission")
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    picture = Picture.objects.create(
        year=2025, window_start=dt.date(2024, 7, 1), window_end=dt.date(2025, 6, 30),
        status="decided", other_information="Skolorna beskriver fler konflikter.",
        analysis="Orsakerna är flera.", decided_on=dt.date(2025, 9, 1),
        deciding_body="Kommunstyrelsen", reference="KS 2025/17", decided_by_id=lead_pk,
        snapshot=SNAPSHOT, frozen_pdf=frozen, created_by_id=lead_pk,
    )  # fmt: skip
    draft = Picture.objects.create(
        year=2027, window_start=dt.date(2026, 1, 1), window_end=dt.date(2026, 12, 31),
        created_by_id=lead_pk,
    )  # fmt: skip
    for order, text in enumerate(["Belysa torget", "Fler vuxna ute på kvällen"]):
        Item.objects.create(
            picture=picture, order=order, text=text, owner="Staden", due_date=dt.date(2026, 6, 30)
        )
    content_type, _created = ContentType.objects.get_or_create(
        app_label="documents", model="situationpicture"
    )
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_situationpicture",
        defaults={"name": "Can view yearly situation picture"},
    )
    Marking.objects.create(
        content_type=content_type, object_id=picture.pk, provision="18 kap. 1 §",
        marked_by_id=lead_pk, marked_at=timezone.now(),
    )  # fmt: skip
    AuditEvent.objects.create(
        user_id=lead_pk, action="export", object_type="documents.situationpicture",
        object_id=str(picture.pk), object_label="Lägesbild 2025 (PDF)",
    )  # fmt: skip
    return picture, draft, content_type


def test_the_move_keeps_every_row_marking_and_frozen_pdf(before):
    old_apps, lead = before
    picture, draft, content_type = _decided_picture(old_apps, lead.pk)

    new_apps = _migrate(AFTER)

    Picture = new_apps.get_model("situation_pictures", "SituationPicture")
    Item = new_apps.get_model("situation_pictures", "ActionPlanItem")
    assert Picture._meta.db_table == "situation_pictures_situationpicture"
    assert set(Picture.objects.values_list("pk", flat=True)) == {picture.pk, draft.pk}
    moved = Picture.objects.get(pk=picture.pk)
    assert (moved.status, moved.year, moved.reference) == ("decided", 2025, "KS 2025/17")
    assert moved.decided_on == dt.date(2025, 9, 1) and moved.decided_by_id == lead.pk
    assert moved.snapshot == SNAPSHOT
    assert bytes(moved.frozen_pdf) == FROZEN
    assert list(
        Item.objects.filter(picture=moved).order_by("order").values_list("text", flat=True)
    ) == ["Belysa torget", "Fler vuxna ute på kvällen"]
    # The content type is the same row, relabelled: what named it still does.
    ContentType = new_apps.get_model("contenttypes", "ContentType")
    relabelled = ContentType.objects.get(pk=content_type.pk)
    assert (relabelled.app_label, relabelled.model) == ("situation_pictures", "situationpicture")
    assert not ContentType.objects.filter(app_label="documents", model="situationpicture").exists()
    Marking = new_apps.get_model("documents", "SecrecyMarking")
    marking = Marking.objects.get(content_type=relabelled, object_id=moved.pk)
    assert marking.provision == "18 kap. 1 §"
    Permission = new_apps.get_model("auth", "Permission")
    assert Permission.objects.filter(
        content_type=relabelled, codename="view_situationpicture"
    ).exists()
    AuditEvent = new_apps.get_model("accounts", "AuditEvent")
    assert list(AuditEvent.objects.values_list("object_type", "object_id")) == [
        ("situation_pictures.situationpicture", str(moved.pk))
    ]


def test_the_moved_picture_works_in_the_portal(before, client):
    """After the move the portal's own models read the rows: the decided version's page shows
    the frozen facts, its PDF starts with the frozen bytes, the marking finds its picture and
    the audit log names the type in words."""
    old_apps, lead = before
    frozen = _real_pdf()
    picture, draft, _content_type = _decided_picture(old_apps, lead.pk, frozen)
    _migrate(AFTER)
    ContentType.objects.clear_cache()
    moved = SituationPicture.objects.get(pk=picture.pk)
    assert SecrecyMarking.objects.for_object(moved).provision == "18 kap. 1 §"
    assert SecrecyMarking.objects.get().marked == moved
    assert AuditEvent.objects.for_object(moved).count() == 1
    client.force_login(lead)
    response = client.get(f"/situation-pictures/{moved.pk}/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(frozen)  # then the reader's stamp
    assert client.get(f"/situation-pictures/{draft.pk}/").status_code == 200
    # The renamed table still numbers new rows after the old ones.
    newer = SituationPicture.objects.create(
        year=2028, window_start=dt.date(2027, 1, 1), window_end=dt.date(2027, 12, 31),
        created_by=lead,
    )  # fmt: skip
    assert newer.pk > draft.pk
