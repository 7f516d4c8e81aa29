from django.core.management.base import BaseCommand

from backoffice.erp.connectors import get_connector
from backoffice.erp.services_schedule import erp_schedule_ensure
from backoffice.orders.handoff_schedule import handoff_schedule_ensure


class Command(BaseCommand):
    help = "Create the ERP sync and order hand-off schedules and the exchange folders"

    def handle(self, *args, **options):
        connector = get_connector()  # the folder connector creates inbox/archive/failed/outbox
        root = getattr(connector, "root", None)
        if root is not None:
            self.stdout.write(f"ERP exchange folders ready under {root}")
        schedule = erp_schedule_ensure()
        self.stdout.write(self.style.SUCCESS(f"Schedule '{schedule.name}': {schedule.func} every {schedule.minutes} min"))
        handoffs = handoff_schedule_ensure()
        self.stdout.write(self.style.SUCCESS(f"Schedule '{handoffs.name}': {handoffs.func} every {handoffs.minutes} min"))
