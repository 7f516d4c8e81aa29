"""R01: starting and ending acting sessions, and recording what happens in them.

Acting turns the rep's browser session into a session of the customer company's main account
(django.contrib.auth.login), so every storefront page, price and selector works unchanged; two
session keys name the acting session. ActingSessionMiddleware checks it on every request.
"""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.accounts.models import User

from .access import main_account_for
from .models import ActingAction, ActingSession

SESSION_KEY = "acting_session_id"
# The session keys are set after login(): Django flushes the session when the user changes.
AUTH_BACKEND = "backoffice.core.permissions.RolePermissionBackend"


def max_duration() -> timedelta | None:
    """ACTING_MAX_HOURS (default 8); 0 or less: no limit."""
    hours = settings.ACTING_MAX_HOURS
    return timedelta(hours=hours) if hours and hours > 0 else None


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _switch_user(request, user) -> None:
    """login() as `user` without counting it as that person's own login: last_login feeds R08
    ("not logged in for X days") and must not move when a rep acts or comes back."""
    last_login = user.last_login
    request.acting_login = True  # receivers of user_logged_in may skip acting switches (R08 events)
    try:
        login(request, user, backend=AUTH_BACKEND)
    finally:
        request.acting_login = False
    User.objects.filter(pk=user.pk).update(last_login=last_login)
    user.last_login = last_login


def acting_end(session: ActingSession, *, reason: str) -> bool:
    """Close the session (once: a concurrent end keeps the first reason). True when this call closed it."""
    now = timezone.now()
    closed = ActingSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(ended_at=now, end_reason=reason)
    if closed:
        session.ended_at, session.end_reason = now, reason
    return bool(closed)


def acting_start(request, company) -> ActingSession:
    """Log the request's rep in as the company's main account and open an acting session.

    The caller has checked the rep may act for the company (access.actable_company_get).
    Raises ValidationError when the company has no active main account."""
    rep = request.user
    customer = main_account_for(company)
    if customer is None:
        raise ValidationError(_("%(company)s has no active main account to act as.") % {"company": company.name})
    with transaction.atomic():
        # One acting session per rep: an earlier one (another browser, a session that simply ran out) ends here.
        for earlier in ActingSession.objects.filter(rep=rep, ended_at__isnull=True):
            acting_end(earlier, reason=ActingSession.EndReason.REPLACED)
        session = ActingSession.objects.create(
            rep=rep,
            company=company,
            customer=customer,
            ip_address=_client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
        )
    _switch_user(request, customer)
    request.session[SESSION_KEY] = session.pk
    session.rep = rep
    request.acting = session
    return session


def acting_stop(request, *, reason: str = ActingSession.EndReason.STOPPED) -> User | None:
    """End the request's acting session and log the rep back in. Returns the rep, or None when the
    rep may no longer log in (deactivated meanwhile): the browser is then logged out."""
    session = request.acting
    acting_end(session, reason=reason)
    request.acting = None
    rep = User.objects.filter(pk=session.rep_id, is_active=True).first()
    if rep is None:
        logout(request)
        return None
    _switch_user(request, rep)
    return rep


def acting_logout(request) -> None:
    """The customer's session is being logged out (LogoutView): the acting session ends with it."""
    session = getattr(request, "acting", None)
    if session is not None:
        acting_end(session, reason=ActingSession.EndReason.LOGGED_OUT)
        request.acting = None


def _placed_order_id(response) -> int | None:
    """Checkout answers a placed order with a redirect to its confirmation page: take its id from there."""
    location = response.get("Location") if 300 <= response.status_code < 400 else None
    if not location or not location.startswith("/"):
        return None
    try:
        match = resolve(location.split("?", 1)[0])
    except Resolver404:
        return None
    return match.kwargs.get("pk") if match.view_name == "orders:order_placed" else None


def acting_record_action(request, response) -> ActingAction:
    """Audit one non-GET request made while acting: a single INSERT (plus the order's number when
    the request placed an order)."""
    match = getattr(request, "resolver_match", None)
    order_id = _placed_order_id(response)
    description = ""
    if order_id is not None:
        from backoffice.orders.models import Order

        number = Order.objects.filter(pk=order_id).values_list("number", flat=True).first()
        description = gettext("Order %(number)s placed") % {"number": number or order_id}
    return ActingAction.objects.create(
        session_id=request.acting.pk,
        method=request.method[:8],
        path=request.get_full_path()[:500],
        view_name=(match.view_name if match else "")[:200],
        status_code=response.status_code,
        order_id=order_id,
        description=description[:255],
    )
