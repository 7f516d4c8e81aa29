"""Recording customer events (R08). Only buyers' own actions are recorded: staff browsing the
storefront, or a sales rep acting as the customer (R01), would distort the analytics."""
from django.db import connection
from django.utils import timezone

from backoffice.core.permissions import role_of
from backoffice.core.roles import BUYER_ROLES

from .models import CustomerEvent


def _rep_acting(request) -> bool:
    return request is not None and (getattr(request, "acting", None) is not None or getattr(request, "acting_login", False))


def event_record(*, user, kind: str, object_id: int | None = None, phrase: str = "", result_count: int | None = None,
                 request=None) -> None:
    """One INSERT, nothing read: cheap enough to call on every page a buyer opens.

    On PostgreSQL the insert commits without waiting for the WAL flush (synchronous_commit off for
    this one statement): an analytics event lost in a server crash is acceptable, a disk wait
    on every page view is not. Inside a caller's transaction the setting is left alone."""
    if not (user and user.is_authenticated and role_of(user) in BUYER_ROLES) or _rep_acting(request):
        return
    event = CustomerEvent(
        kind=kind, user_id=user.pk, company_id=user.company_id, object_id=object_id, phrase=phrase[:200], result_count=result_count
    )
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        event.save()
        return
    # One statement, its own transaction: set_config(..., true) lasts until its commit.
    table = CustomerEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, created_at, user_id, company_id, object_id, phrase, result_count) "
            "SELECT %s::text, %s::timestamptz, %s::bigint, %s::bigint, %s::bigint, %s::text, %s::bigint FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed",
            [event.kind, timezone.now(), event.user_id, event.company_id, event.object_id, event.phrase, event.result_count],
        )
