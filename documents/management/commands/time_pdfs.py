"""Time the joint picture's PDF (and its report's) as a city-wide reader would download it,
and the latest draft of the yearly situation picture's (its facts gathered and rendered, as a
draft's download does; a decided version's download returns its stored PDF).

    manage.py time_pdfs                      # the busiest area's latest period with both sides
    manage.py time_pdfs --area angered --period 2026-W48 --repeat 10

Builds the same context and PDF as the download views (queries and WeasyPrint), but writes no
audit row, so it can run against a benchmark database. Prints the median, min and max.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import translation

from accounts.models import Role, User
from districts import access as districts_access
from documents import pdfs
from reports import access as reports_access
from situation_pictures import services
from situation_pictures.access import situation_pictures_visible_to
from situation_pictures.yearly import picture_facts
from tryggportal.lib.pdf import render_document


class Command(BaseCommand):
    help = "Time the PDFs of a joint picture and of one of its reports."

    def add_arguments(self, parser):
        parser.add_argument("--area", help="area slug (default: the area with most reports)")
        parser.add_argument("--period", help="period key, e.g. 2026-W48 (default: latest)")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, **options):
        translation.activate("sv")
        reader = (
            User.objects.filter(role__in=[Role.DEVELOPMENT_LEAD, Role.ADMIN])
            .order_by("role", "pk")
            .first()
        )
        if reader is None:
            raise CommandError("no city-wide user in this database")
        reports = reports_access.shared_reports_visible_to(reader).regular()
        if options["area"]:
            reports = reports.filter(area__slug=options["area"])
        if options["period"]:
            area = districts_access.get_area_for_user(reader, options["area"])
            period = area.period_from_key(options["period"])
        else:
            latest = (
                reports.values("area", "period_start")
                .annotate(sides=Count("side", distinct=True))
                .filter(sides=2)
                .order_by("-period_start", "area")
                .first()
            )
            if latest is None:
                raise CommandError("no period with both sides' shared reports")
            area = districts_access.areas_visible_to(reader).get(pk=latest["area"])
            period = area.period_containing(latest["period_start"])
        report = reports_access.joint_picture_reports(reader, area, period).first()
        self.stdout.write(f"reader {reader}, {area} {period.key}, {options['repeat']} runs each")
        jobs = {
            "joint picture": lambda: render_document(
                "documents/picture_pdf.html", pdfs.picture_context(reader, area, period), reader
            ),
            "report": lambda: render_document(
                "documents/report_pdf.html", pdfs.report_context(reader, report), reader
            ),
        }
        draft = situation_pictures_visible_to(reader).filter(status="draft").first()
        if draft is not None:
            jobs[f"yearly picture {draft.year}"] = lambda: services.situation_picture_render(
                draft, reader, picture_facts(draft, reader)
            )
        for name, job in jobs.items():
            size = len(job())  # warm: fonts and templates loaded once per process
            times = []
            for _ in range(options["repeat"]):
                start = time.perf_counter()
                job()
                times.append(time.perf_counter() - start)
            self.stdout.write(
                f"{name}: {size} bytes; median {statistics.median(times):.2f} s, "
                f"min {min(times):.2f} s, max {max(times):.2f} s"
            )
