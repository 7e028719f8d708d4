from django.core.management.base import BaseCommand
from django.db import transaction

from districts import goteborg
from districts.models import CollaborationArea, District, PoliceArea


class Command(BaseCommand):
    help = "Load Göteborg's districts, police areas and collaboration areas (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        police_areas = {}
        for code, slug, name, municipalities in goteborg.POLICE_AREAS:
            police_areas[code], _ = PoliceArea.objects.update_or_create(
                code=code,
                defaults={
                    "slug": slug,
                    "name": name,
                    "municipalities": municipalities,
                    "valid_from": goteborg.POLICE_AREAS_FROM,
                },
            )
        for code, slug, name, police_code in goteborg.DISTRICTS:
            district, _ = District.objects.update_or_create(
                code=code,
                defaults={
                    "slug": slug,
                    "name": name,
                    "valid_from": goteborg.DISTRICTS_FROM,
                    "valid_to": goteborg.DISTRICTS_TO,
                },
            )
            # Only created, never overwritten: admins tune schedules after seeding.
            CollaborationArea.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "district": district,
                    "police_area": police_areas[police_code],
                    "valid_from": goteborg.POLICE_AREAS_FROM,
                },
            )
        self.stdout.write(
            f"Göteborg: {District.objects.count()} districts, "
            f"{PoliceArea.objects.count()} police areas, "
            f"{CollaborationArea.objects.count()} collaboration areas."
        )
