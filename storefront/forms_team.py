"""Forms of the company's user management (A10). "Change my password" uses Django's PasswordChangeForm."""
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from backoffice.accounts.team import Rights, email_taken, rights_held

LANGUAGES = [(code, name) for code, name in settings.LANGUAGES]


class EmployeeForm(forms.Form):
    """Name, phone, language and rights. A right the manager does not hold is shown disabled (and
    the service refuses it anyway): nobody grants more than they have."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    language = forms.ChoiceField(label=_("Language of emails and pages"), choices=LANGUAGES)
    can_see_finance = forms.BooleanField(
        label=_("May see finance"), required=False, help_text=_("Settlements, invoices, balances and the credit limit.")
    )
    can_manage_users = forms.BooleanField(
        label=_("May manage users"), required=False, help_text=_("Create and change the company's employee accounts.")
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        held = rights_held(actor)
        for name, holds in (("can_see_finance", held.see_finance), ("can_manage_users", held.manage_users)):
            if not holds:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("You cannot grant this right: you do not have it yourself.")

    def rights(self) -> Rights:
        return Rights(see_finance=self.cleaned_data["can_see_finance"], manage_users=self.cleaned_data["can_manage_users"])

    def values(self) -> dict:
        data = self.cleaned_data
        return {"first_name": data["first_name"], "last_name": data["last_name"], "phone": data["phone"],
                "language": data["language"], "rights": self.rights()}


class EmployeeCreateForm(EmployeeForm):
    email = forms.EmailField(label=_("Email (login)"), max_length=254)

    field_order = ["email", "first_name", "last_name", "phone", "language", "can_see_finance", "can_manage_users"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email_taken(email):
            raise forms.ValidationError(_("An account with this email already exists."))
        return email

    def values(self) -> dict:
        return {"email": self.cleaned_data["email"], **super().values()}


class EmployeeChangeForm(EmployeeForm):
    """The email is the login and is not changed here."""

    @classmethod
    def initial_for(cls, employee) -> dict:
        return {"first_name": employee.first_name, "last_name": employee.last_name, "phone": employee.phone,
                "language": employee.language, "can_see_finance": employee.can_see_finance,
                "can_manage_users": employee.can_manage_users}

