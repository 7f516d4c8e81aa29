"""The django-q2 schedule that retries due ERP hand-offs (created by `manage.py erp_setup`)."""
from django.conf import settings
from django.db import transaction
from django_q.models import Schedule

SCHEDULE_NAME = "ERP order hand-off"
SCHEDULE_FUNC = "backoffice.orders.tasks.handoffs_sweep_task"


@transaction.atomic
def handoff_schedule_ensure() -> Schedule:
    """Create the schedule or align it with settings.ERP_HANDOFF_EVERY_MINUTES (default 1);
    safe on every deploy, never a second schedule."""
    minutes = max(1, int(getattr(settings, "ERP_HANDOFF_EVERY_MINUTES", 1)))
    wanted = {"func": SCHEDULE_FUNC, "schedule_type": Schedule.MINUTES, "minutes": minutes, "repeats": -1}
    schedule = Schedule.objects.filter(name=SCHEDULE_NAME).order_by("pk").first()
    if schedule is None:
        return Schedule.objects.create(name=SCHEDULE_NAME, **wanted)
    changed = [field for field, value in wanted.items() if getattr(schedule, field) != value]
    for field in changed:
        setattr(schedule, field, wanted[field])
    if changed:
        schedule.save(update_fields=changed)
    return schedule
