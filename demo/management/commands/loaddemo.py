from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.conferences import load_conferences
from demo.content import (
    load_incidents_and_measures,
    load_notifications,
    load_reports,
    start_exchange_at_first_report,
)
from demo.history import load_history
from demo.users import DEMO_PASSWORD, DEMO_USERS, create_demo_users, enrol_demo_two_factor
from demo.yearly import load_situation_pictures
from tryggportal.lib import data_version


class Command(BaseCommand):
    help = "Load demo users and demo content on top of Göteborg's structure (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD, help="the demo users' password")
        parser.add_argument(
            "--history",
            action="store_true",
            help="also reports since 2019 and Göteborg's 2021 reorganisation applied",
        )

    @transaction.atomic
    def handle(self, *args, password, history=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "loaddemo refuses to run with DEBUG off: demo users are not for production."
            )
        call_command("seed_goteborg", stdout=self.stdout)
        users = create_demo_users(password)
        enrol_demo_two_factor(users)
        # Each topic's demo content below, in dependency order.
        load_reports()
        start_exchange_at_first_report()
        load_incidents_and_measures()  # before conferences: priorities link measures
        load_conferences()
        load_situation_pictures()  # after the content it is made from
        load_notifications()  # after the reports: the reminders follow from them
        if history:  # last: it reorganises the structure everything above was loaded into
            self.stdout.write(load_history(password))
        data_version.bump()  # the loaders' bulk writes send no signal
        self.stdout.write(f"Demo users (password: {password}):")
        for username, *_rest in DEMO_USERS:
            user = users[username]
            self.stdout.write(f"  {username:22} {user.get_role_display()}")
