"""django-q2 tasks of the orders app: thin wrappers that take ids and call the services (safe to retry)."""
from .handoff_delivery import handoff_deliver, handoffs_sweep


def handoff_deliver_task(handoff_id: int) -> str:
    """Queued after an order commits (handoff.queue_delivery) and by staff "Retry now"."""
    return handoff_deliver(handoff_id=handoff_id)


def handoffs_sweep_task() -> dict:
    """The "ERP order hand-off" schedule: send every due hand-off (retries after an outage)."""
    return handoffs_sweep()
