# Fingerprints per visibility (issue 26): a city import never matches a police-only row.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0004_incident_city_places'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='incident',
            name='one_imported_incident_per_fingerprint',
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.UniqueConstraint(condition=models.Q(('fingerprint', ''), _negated=True), fields=('area', 'visibility', 'fingerprint'), name='one_imported_incident_per_fingerprint_and_visibility'),
        ),
    ]
