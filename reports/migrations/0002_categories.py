"""The categories Swedish local safety work assesses (data; editable in the admin afterwards)."""

from django.db import migrations

CATEGORIES = [
    ("narcotics", "Narkotika – öppen försäljning och användning", "Narcotics – open dealing and use"),
    ("violence", "Våld, skjutningar och explosioner", "Violence, shootings and explosions"),
    ("threats", "Hot och trakasserier", "Threats and harassment"),
    ("youth", "Ungdomsgrupperingar och rekrytering av unga till kriminalitet",
     "Youth gatherings and recruitment of young people into crime"),
    ("organised-crime", "Kriminella nätverk och organiserad brottslighet",
     "Criminal networks and organised crime"),
    ("vandalism", "Skadegörelse, klotter och bränder", "Vandalism, graffiti and fires"),
    ("unsafe-places", "Otrygga och dåligt upplysta platser", "Unsafe and poorly lit places"),
    ("burglary-theft", "Inbrott och stölder", "Burglary and theft"),
    ("disorder", "Ordningsstörningar och berusning", "Public disorder and intoxication"),
    ("mopeds-traffic", "Mopeder och trafik", "Mopeds and traffic"),
    ("social-media", "Oro i sociala medier", "Unrest on social media"),
    ("school", "Skolrelaterad trygghet", "School-related safety"),
]  # fmt: skip


def add_categories(apps, schema_editor):
    Category = apps.get_model("reports", "Category")
    for order, (code, name_sv, name_en) in enumerate(CATEGORIES, start=1):
        Category.objects.update_or_create(
            code=code, defaults={"name_sv": name_sv, "name_en": name_en, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
