"""Who on the staff is told about something that waits for them (applications, requests, labels)."""
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q

from .permissions import ROLE_SECTION_ACTIONS
from .roles import Role
from .sections import APP_SECTIONS


def staff_recipients(app_label: str, codename: str) -> list[str]:
    """Emails of active staff who may view `app_label.codename` (their role's section, or the
    permission granted to them or their group), superusers, and settings.ADMINS; sorted, unique."""
    from backoffice.accounts.models import User

    section = APP_SECTIONS.get(app_label)
    roles = {Role.ADMIN.value} | {str(role) for role, sections in ROLE_SECTION_ACTIONS.items() if "view" in sections.get(section, ())}
    who = Q(role__in=roles) | Q(is_superuser=True)
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if permission is not None:
        who |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    recipients = set(User.objects.filter(who, is_active=True).exclude(email="").values_list("email", flat=True))
    recipients.update(email for _name, email in settings.ADMINS)
    return sorted(recipients)


def staff_recipients_for_company(company, app_label: str, codename: str) -> list[str]:
    """staff_recipients, without the sales reps of other companies: reps may view the Customers
    section, but only their own customers concern them."""
    from backoffice.accounts.models import User

    other_reps = set(User.objects.filter(role=Role.SALES_REP).exclude(pk=company.sales_rep_id or 0).values_list("email", flat=True))
    return [email for email in staff_recipients(app_label, codename) if email not in other_reps]
