from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backoffice.erp.models import SyncRun
from backoffice.erp.services import sync_inbox, sync_package


class Command(BaseCommand):
    help = "Import an ERP exchange package (folder or .zip), or with --inbox everything waiting in the inbox."

    def add_arguments(self, parser):
        parser.add_argument("package", nargs="?", help="path of a package folder or .zip")
        parser.add_argument("--inbox", action="store_true", help="import the packages waiting in the inbox")

    def handle(self, *args, package=None, inbox=False, **options):
        if inbox:
            runs = sync_inbox(triggered_by="manage.py erp_import --inbox")
        elif package:
            runs = [sync_package(location=Path(package), triggered_by="manage.py erp_import")]
        else:
            raise CommandError("Give a package path or --inbox.")
        for run in runs:
            totals = {name: run.total(name) for name in ("inserted", "updated", "unchanged", "deactivated", "rejected")}
            summary = ", ".join(f"{name} {count}" for name, count in totals.items())
            style = self.style.SUCCESS if run.status == SyncRun.Status.SUCCESS else self.style.WARNING
            self.stdout.write(style(f"{run.package}: {run.get_status_display()} ({summary}) {run.message}".strip()))
            if run.status == SyncRun.Status.FAILED:
                raise CommandError(f"{run.package} could not be imported: {run.message}")
