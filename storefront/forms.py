from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from backoffice.core.emails import queue_email
from backoffice.core.permissions import may_log_in


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}))

    error_messages = {
        "invalid_login": _("Wrong email or password. Note that after several failed attempts the account is locked for a while."),
        "inactive": _("This account is inactive."),
        "no_company_access": _("Your company does not have access to the platform at the moment. Please contact your sales representative."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not may_log_in(user):
            raise forms.ValidationError(self.error_messages["no_company_access"], code="no_company_access")


class PlatformPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):
        # Sent by the background worker so the page answers at once even when SMTP is slow.
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        queue_email(subject=subject, body=body, to=[to_email], from_email=from_email)
