from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fixtures.demo_orders import load_demo_orders


class Command(BaseCommand):
    help = "Demo order history of the demo customer on top of the demo catalog (idempotent). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow loading with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development: refusing with DEBUG off (use --force).")
        written = load_demo_orders()
        self.stdout.write(self.style.SUCCESS(f"Demo order history ready ({written} orders written)."))
