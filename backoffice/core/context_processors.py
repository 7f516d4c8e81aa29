from . import modules
from .permissions import can_access_cms, is_buyer, is_staff_role, may_manage_users, may_see_finance, may_serve_end_customers


def platform(request):
    """What every storefront template needs to draw menus: the user's abilities and modules."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_buyer": False, "is_staff_user": False, "acting": None}
    from backoffice.accounts.selectors import sales_rep_for

    show_rep = is_buyer(user) and modules.is_enabled("sales_reps")
    return {
        "is_buyer": is_buyer(user),
        "is_staff_user": is_staff_role(user) or user.is_superuser,
        "can_access_cms": can_access_cms(user),
        "sales_rep": sales_rep_for(user) if show_rep else None,
        "may_see_finance": may_see_finance(user),
        "may_manage_users": may_manage_users(user),
        "may_serve_end_customers": may_serve_end_customers(user),
        "acting": getattr(request, "acting", None),  # R01: the rep's acting session (banner), set by ActingSessionMiddleware
        "modules_off": modules.disabled_modules(),  # menus hide links of switched-off modules (cached, no query)
    }
