"""R01: what a sales rep acting as a customer may not do (passwords, emails, API credentials)."""
from functools import wraps

from django.core.exceptions import PermissionDenied


def is_acting(request) -> bool:
    return getattr(request, "acting", None) is not None


def forbid_while_acting(view):
    """403 for a rep acting as the customer: credentials stay the customer's own business."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if is_acting(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
