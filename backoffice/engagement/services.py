"""Recording customer events (R08). Only buyers' actions are recorded: staff browsing the
storefront would distort the analytics."""
from backoffice.core.permissions import role_of
from backoffice.core.roles import BUYER_ROLES

from .models import CustomerEvent


def event_record(*, user, kind: str, object_id: int | None = None, phrase: str = "", result_count: int | None = None) -> None:
    """One INSERT, nothing read: cheap enough to call on every page a buyer opens."""
    if not (user and user.is_authenticated and role_of(user) in BUYER_ROLES):
        return
    CustomerEvent.objects.create(
        kind=kind, user_id=user.pk, company_id=user.company_id, object_id=object_id, phrase=phrase[:200], result_count=result_count
    )
