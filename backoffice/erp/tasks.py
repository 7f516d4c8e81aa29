"""django-q2 tasks: thin wrappers that call the services (safe to retry)."""
from .services import sync_inbox


def sync_inbox_task(triggered_by: str = "schedule") -> int:
    return len(sync_inbox(triggered_by=triggered_by))
