"""Login, logout, password reset and password change: Django's views with our forms and templates."""
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from backoffice.acting.guards import forbid_while_acting
from backoffice.core.permissions import is_buyer, landing_url

from .forms import EmailLoginForm, PlatformPasswordResetForm


class LoginView(auth_views.LoginView):
    template_name = "storefront/auth/login.html"
    authentication_form = EmailLoginForm
    redirect_authenticated_user = True  # next= is checked by Django: same host only

    def get_default_redirect_url(self):
        return resolve_url(landing_url(self.request.user))


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("storefront:login")

    def post(self, request, *args, **kwargs):
        # R01: logging out while acting as a customer ends the acting session too (audit log).
        from backoffice.acting.services import acting_logout

        acting_logout(request)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "storefront/auth/password_reset.html"
    email_template_name = "storefront/auth/password_reset_email.txt"
    subject_template_name = "storefront/auth/password_reset_subject.txt"
    form_class = PlatformPasswordResetForm
    success_url = reverse_lazy("storefront:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "storefront/auth/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "storefront/auth/password_reset_confirm.html"
    success_url = reverse_lazy("storefront:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "storefront/auth/password_reset_complete.html"


def landing(request):
    """After login: each role lands on its home."""
    return redirect(landing_url(request.user))


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view: asks for the current password, keeps the session (update_session_auth_hash)."""

    template_name = "storefront/auth/password_change.html"
    success_url = reverse_lazy("storefront:account")

    def dispatch(self, request, *args, **kwargs):
        if not is_buyer(request.user):  # staff change theirs in the back office
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


# A sales rep acting as the customer never changes the customer's password (R01): 403.
password_change = forbid_while_acting(PasswordChangeView.as_view())
