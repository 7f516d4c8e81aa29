from django.core.management.base import BaseCommand

from backoffice.registration.demo import load_demo_registration


class Command(BaseCommand):
    help = "Publish the initial consent texts (if missing) and add pending demo registration applications."

    def handle(self, *args, **options):
        added = load_demo_registration()
        self.stdout.write(self.style.SUCCESS(f"Demo registration data loaded: {added} new application(s)."))
