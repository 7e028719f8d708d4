# The moved models' tables get this app's names, and every row that names the models by their
# old app follows them: their content types (so permissions, admin history and generic
# relations such as a secrecy marking keep pointing at them) and the audit log's object types
# ("documents.situationpicture" -> "situation_pictures.situationpicture"). Reversible.

from django.db import migrations

MODELS = ["situationpicture", "actionplanitem"]


def _relabel(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    db = schema_editor.connection.alias
    for model in MODELS:
        moved = ContentType.objects.using(db).filter(app_label=old, model=model)
        if moved.exists():
            # A type already made for the new label (post_migrate after a partial migrate)
            # gives way: the old one keeps its id, which the permissions and markings name.
            ContentType.objects.using(db).filter(app_label=new, model=model).delete()
            moved.update(app_label=new)
        AuditEvent.objects.using(db).filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "documents", "situation_pictures")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "situation_pictures", "documents")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_enrolmentcode_issue_permission'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('documents', '0003_situation_pictures_moved'),
        ('situation_pictures', '0001_situation_pictures_from_documents'),
    ]

    operations = [
        migrations.AlterModelTable(name='situationpicture', table=None),
        migrations.AlterModelTable(name='actionplanitem', table=None),
        migrations.RunPython(forwards, backwards),
    ]
