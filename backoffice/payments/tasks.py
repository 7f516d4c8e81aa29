"""django-q2 tasks of the payments app (thin: they call the services)."""
from .unpaid import unpaid_orders_cancel


def unpaid_orders_cancel_task() -> list[str]:
    """The "Cancel unpaid orders" schedule (hourly; the setting decides what is due)."""
    return unpaid_orders_cancel()
