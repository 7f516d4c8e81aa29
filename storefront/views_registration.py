"""A04 self-registration: the public application form and its confirmation page.

Anonymous visitors apply; anybody already logged in is sent to their landing page (applicants to the
"application under review" page). The module switch (K00) answers 404 for both pages when off.
"""
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from backoffice.core.permissions import landing_url
from backoffice.registration import selectors, services

from .forms_registration import RegistrationForm


@require_http_methods(["GET", "POST"])
def apply(request):
    if request.user.is_authenticated:
        return redirect(landing_url(request.user))
    consents = selectors.current_consents()
    available = not selectors.missing_required_consents(consents)
    form = RegistrationForm(request.POST or None, consents=consents)
    if request.method == "POST" and available:
        if form.is_bot():
            return redirect("registration:sent")  # a bot learns nothing; nothing is stored
        if form.is_valid():
            try:
                services.application_submit(
                    data=form.application_input(), accepted_consents=form.accepted_consents(), consents=consents,
                    ip_address=request.META.get("REMOTE_ADDR") or None,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("registration:sent")
    return render(request, "storefront/registration/apply.html", {"form": form, "available": available})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET"])
def sent(request):
    if request.user.is_authenticated:
        return redirect(landing_url(request.user))
    return render(request, "storefront/registration/sent.html")
