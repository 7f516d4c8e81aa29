from django.core.management.base import BaseCommand

from content.services import site_ensure


class Command(BaseCommand):
    help = "Create what every installation needs (locales, home page, site, CMS editors group, menus). Idempotent."

    def handle(self, *args, **options):
        home = site_ensure()
        self.stdout.write(self.style.SUCCESS(f"Platform set up; home page: {home.title}"))
