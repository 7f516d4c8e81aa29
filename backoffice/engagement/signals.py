"""Login events (R08)."""
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import CustomerEvent
from .services import event_record


@receiver(user_logged_in, dispatch_uid="engagement_login_event")
def record_login(sender, request, user, **kwargs):
    event_record(user=user, kind=CustomerEvent.Kind.LOGIN, request=request)
