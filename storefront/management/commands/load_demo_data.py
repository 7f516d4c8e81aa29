from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fixtures.demo_accounts import DEMO_PASSWORD, load_demo_accounts
from fixtures.demo_content import load_demo_content


class Command(BaseCommand):
    help = "Load demo content and one demo account per role (idempotent). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow loading with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts have a published password: refusing with DEBUG off (use --force).")
        load_demo_content()
        accounts = load_demo_accounts()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo accounts (password for all: %s):" % DEMO_PASSWORD))
        for email, role in accounts:
            self.stdout.write(f"  {email:<28} {role}")
