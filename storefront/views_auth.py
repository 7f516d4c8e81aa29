"""Login, logout and password reset: Django's views with our forms and templates."""
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, resolve_url
from django.urls import reverse_lazy

from backoffice.core.permissions import landing_url

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
