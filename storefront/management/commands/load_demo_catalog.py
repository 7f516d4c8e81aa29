from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fixtures.demo_catalog import load_demo_catalog


class Command(BaseCommand):
    help = "Demo catalog settings on top of the imported demo ERP package (idempotent). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow loading with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development: refusing with DEBUG off (use --force).")
        load_demo_catalog()
        self.stdout.write(self.style.SUCCESS("Demo catalog settings ready (stock ranges, variants, links, synonyms, a restricted category)."))
