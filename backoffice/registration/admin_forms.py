"""The intermediate forms of the approval queue's "Accept" and "Reject" actions."""
from django import forms
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminTextareaWidget, UnfoldAdminTextInputWidget


class AcceptForm(forms.Form):
    erp_id = forms.CharField(
        label=_("ERP customer id"),
        max_length=64,
        widget=UnfoldAdminTextInputWidget,
        help_text=_("The id of the customer you created in the ERP. If the ERP import already brought that customer, the "
                    "applicant joins it; otherwise the company is created from the application and the next import updates it."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 5}),
        help_text=_("Emailed to the applicant. Their account is deactivated."),
    )
