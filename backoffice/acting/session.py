"""R01: the acting session of a request (set by ActingSessionMiddleware)."""


def acting_rep_for(request):
    """The sales rep acting as the logged-in customer in this request, or None."""
    session = getattr(request, "acting", None)
    return session.rep if session is not None else None
