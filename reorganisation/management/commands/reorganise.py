from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reorganisation.apply import reorganisation_apply
from reorganisation.plans import PlanError, parse_plan


class Command(BaseCommand):
    help = (
        "Apply a reorganisation plan (YAML): end districts and collaboration areas and create "
        "their successors, in one transaction. --dry-run shows what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "plan", type=Path, help="the plan, e.g. reorganisation/plans/goteborg-2021.yaml"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would change and change nothing"
        )

    def handle(self, *args, plan: Path, dry_run: bool, **options):
        try:
            text = plan.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(_("Cannot read the plan: %(error)s") % {"error": error}) from None
        try:
            outcome = reorganisation_apply(plan=parse_plan(text), dry_run=dry_run)
        except PlanError as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(
                _("The plan was refused; nothing was changed:") + "\n" + lines
            ) from None
        for line in outcome.changes:
            self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write(_("Dry run: nothing was changed."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Reorganisation applied.")))
