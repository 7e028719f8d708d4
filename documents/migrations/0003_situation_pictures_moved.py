# The yearly situation picture and its action plan belong to `situation_pictures` now
# (its 0001 took them over on these very tables): forgotten here in Django's state only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0002_situation_pictures'),
        ('situation_pictures', '0001_situation_pictures_from_documents'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ActionPlanItem'),
                migrations.DeleteModel(name='SituationPicture'),
            ],
        ),
    ]
