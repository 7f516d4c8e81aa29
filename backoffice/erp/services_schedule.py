"""The django-q2 schedule that imports waiting ERP packages every few minutes."""
from django.conf import settings
from django.db import transaction
from django_q.models import Schedule

SCHEDULE_NAME = "ERP inbox sync"
SCHEDULE_FUNC = "backoffice.erp.tasks.sync_inbox_task"


@transaction.atomic
def erp_schedule_ensure() -> Schedule:
    """Create the schedule, or bring an existing one in line with settings.ERP_SYNC_EVERY_MINUTES.
    Safe to run on every deploy: never creates a second schedule."""
    minutes = max(1, int(settings.ERP_SYNC_EVERY_MINUTES))
    wanted = {"func": SCHEDULE_FUNC, "schedule_type": Schedule.MINUTES, "minutes": minutes, "repeats": -1}
    schedule = Schedule.objects.filter(name=SCHEDULE_NAME).order_by("pk").first()
    if schedule is None:
        return Schedule.objects.create(name=SCHEDULE_NAME, **wanted)
    changed = [field for field, value in wanted.items() if getattr(schedule, field) != value]
    if changed:
        for field in changed:
            setattr(schedule, field, wanted[field])
        schedule.save(update_fields=changed)
    return schedule
