"""ERP sync services: import one package, import everything waiting in the inbox."""
import logging
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backoffice.catalog.caches import catalog_changed
from backoffice.core.emails import queue_email

from .connectors import get_connector
from .models import SyncError, SyncRun
from .package import Package, PackageError
from .sync.engine import SyncContext
from .sync.entities_catalog import CategorySync, PriceListSync, ProductSync, SalesRepSync, WarehouseSync
from .sync.entities_customers import CustomerSync
from .sync.entities_orders import OrderStatusSync
from .sync.entities_prices import ContractPriceSync, CustomerCodeSync, PriceSync, StockSync
from .sync.images import ImageStore

logger = logging.getLogger(__name__)

ENTITY_SYNCS = (
    SalesRepSync, WarehouseSync, CategorySync, PriceListSync, ProductSync, PriceSync, CustomerSync,
    ContractPriceSync, CustomerCodeSync, StockSync, OrderStatusSync,
)
STALE_RUN = timedelta(hours=2)


def sync_package(*, location: Path, triggered_by: str = "") -> SyncRun:
    """Import one package. All or nothing for the package as a whole (one transaction); bad rows
    are rejected one by one with file, line and reason while the rest is applied."""
    run = SyncRun.objects.create(package=Path(location).name, triggered_by=triggered_by[:120])
    ctx = None
    try:
        with Package(location) as package:
            run.kind = package.kind
            ctx = SyncContext(package=package, images=ImageStore(package))
            entities = {entity.file: entity for entity in ENTITY_SYNCS}
            with transaction.atomic():
                for file in package.files:
                    entities[file]().run(ctx)
    except PackageError as exc:
        run.status, run.message = SyncRun.Status.FAILED, str(exc)
    except Exception as exc:  # an unexpected failure must still be recorded and reported
        logger.exception("ERP sync of %s failed", run.package)
        run.status, run.message = SyncRun.Status.FAILED, f"unexpected error: {exc.__class__.__name__}: {exc}"
    else:
        run.status = SyncRun.Status.PARTIAL if ctx.rejected_total else SyncRun.Status.SUCCESS
    run.finished_at = timezone.now()
    catalog_changed()  # the storefront caches the category tree and the search vocabulary
    if run.status != SyncRun.Status.FAILED:
        release_presale_orders()  # S07: stock may have arrived for pre-sale products
    if run.status == SyncRun.Status.FAILED:
        ctx = None  # everything was rolled back: counts and rejections would describe nothing
    if ctx is not None:
        run.counts = {label: asdict(counts) for label, counts in ctx.counts.items()}
        if ctx.rejected_total > len(ctx.rejections):
            run.message = (run.message + f"\nOnly the first {len(ctx.rejections)} of {ctx.rejected_total} rejected rows are listed.").strip()
    run.save()
    if ctx is not None:
        SyncError.objects.bulk_create(
            (SyncError(run=run, file=r.file, line=r.line, erp_id=r.erp_id, reason=r.reason) for r in ctx.rejections),
            batch_size=1000,
        )
    if run.status == SyncRun.Status.FAILED:
        notify_admins_of_failure(run)
    return run


def release_presale_orders() -> None:
    """Close pre-sale offers whose goods arrived and release their waiting orders. A failure here
    is logged, never turns the sync run into a failure (the next run tries again)."""
    from backoffice.orders.presale_release import presale_release_arrived

    try:
        presale_release_arrived()
    except Exception:
        logger.exception("pre-sale release after the ERP sync failed")


def sync_inbox(*, triggered_by: str = "schedule") -> list[SyncRun]:
    """Import every package waiting for us, oldest first; skipped while another run is going on."""
    busy = SyncRun.objects.filter(status=SyncRun.Status.RUNNING, started_at__gte=timezone.now() - STALE_RUN).exists()
    if busy:
        logger.info("ERP sync skipped: another run is in progress")
        return []
    connector = get_connector()
    runs = []
    for package in connector.fetch_packages():
        run = sync_package(location=package.location, triggered_by=triggered_by)
        connector.acknowledge(package, imported=run.status != SyncRun.Status.FAILED)
        runs.append(run)
    return runs


def notify_admins_of_failure(run: SyncRun) -> None:
    from backoffice.accounts.models import User
    from backoffice.core.roles import Role

    recipients = set(User.objects.filter(role=Role.ADMIN, is_active=True).values_list("email", flat=True))
    recipients.update(email for _name, email in settings.ADMINS)
    if not recipients:
        return
    link = f"{settings.SITE_URL}/admin/erp/syncrun/{run.pk}/change/"
    queue_email(
        subject=f"[B2B] ERP sync failed: {run.package}",
        body=f"The ERP package {run.package} could not be imported; nothing from it was applied.\n\nReason: {run.message}\n\nDetails: {link}\n",
        to=sorted(recipients),
    )
