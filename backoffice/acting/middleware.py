"""R01: checks the acting session on every request and audits what the rep does in it.

Runs after AuthenticationMiddleware and MessageMiddleware (request.user and messages exist) and
before any view (LoginWallMiddleware decides in process_view, i.e. after this __call__ starts).
A request without the session key costs nothing; with it, one query (session + rep + company + account).
"""
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext

from backoffice.core import modules

from .access import may_act_for
from .models import ActingSession
from .services import SESSION_KEY, acting_end, acting_record_action, max_duration

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
MODULE = "sales_reps"


def _problem(request, session: ActingSession | None) -> str | None:
    """Why the acting session may not go on (an end reason), or None."""
    if session is None or session.ended_at is not None:
        return ActingSession.EndReason.REVOKED
    limit = max_duration()
    if limit is not None and timezone.now() - session.started_at > limit:
        return ActingSession.EndReason.EXPIRED
    if not may_act_for(session.rep, session.company) or not modules.is_enabled(MODULE):
        return ActingSession.EndReason.REVOKED
    if not request.user.is_authenticated or request.user.pk != session.customer_id:
        return ActingSession.EndReason.REVOKED
    return None


class ActingSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting = None
        session_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if session_id is not None:
            session = ActingSession.objects.select_related("rep", "company", "customer").filter(pk=session_id).first()
            reason = _problem(request, session)
            if reason is not None:
                return self._end(request, session, reason)
            request.acting = session
        acting_before = request.acting
        response = self.get_response(request)
        # Start, stop and logout are recorded on the session itself (started_at, ended_at and reason).
        if acting_before is not None and request.acting is not None and request.method not in SAFE_METHODS:
            acting_record_action(request, response)
        return response

    def _end(self, request, session, reason):
        if session is not None:
            acting_end(session, reason=reason)
        logout(request)
        if reason == ActingSession.EndReason.EXPIRED:
            text = gettext("Your session acting as a customer has expired. Please log in again.")
        else:
            text = gettext("Your session acting as a customer has ended: your rights or the customer's account changed. Please log in again.")
        messages.warning(request, text)
        return redirect("storefront:login")
