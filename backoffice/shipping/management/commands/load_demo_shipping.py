from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backoffice.shipping.demo import load_demo_shipping


class Command(BaseCommand):
    help = "Demo shipping zones and cost tables of our courier (idempotent). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow loading with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development: refusing with DEBUG off (use --force).")
        written = load_demo_shipping()
        self.stdout.write(self.style.SUCCESS(f"Demo shipping configuration ready ({written} rates)."))
