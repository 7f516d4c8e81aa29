"""Demo pickup point (L07): "Magazyn Łódź", Mon-Fri 8-16, Sat 9-13, 1-hour windows for 3 pickups,
4 hours to prepare an order. Idempotent: running it again resets the point to these values."""
from datetime import time

from django.core.management.base import BaseCommand
from django.db import transaction

from backoffice.catalog.models import Warehouse
from backoffice.pickup.models import PickupOpeningHours, PickupPoint, Weekday

NAME = "Magazyn Łódź"
HOURS = [(day, time(8), time(16)) for day in (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)]
HOURS.append((Weekday.SATURDAY, time(9), time(13)))


class Command(BaseCommand):
    help = "Create (or reset) the demo pickup point Magazyn Łódź with its opening hours."

    @transaction.atomic
    def handle(self, *args, **options):
        warehouse = Warehouse.objects.filter(kind=Warehouse.Kind.LOCAL, name__icontains="Łódź").first()
        point, created = PickupPoint.objects.update_or_create(
            name=NAME,
            defaults={"address": "ul. Magazynowa 10\n90-001 Łódź", "warehouse": warehouse, "is_active": True, "lead_time_hours": 4,
                      "window_minutes": 60, "capacity": 3, "days_ahead": 14},
        )
        point.opening_hours.all().delete()
        PickupOpeningHours.objects.bulk_create(
            PickupOpeningHours(point=point, weekday=day, opens=opens, closes=closes) for day, opens, closes in HOURS)
        self.stdout.write(f"{'Created' if created else 'Updated'} pickup point {point.name} (id {point.pk}).")
