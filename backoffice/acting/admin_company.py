"""R01 on the company screen of the back office: "Act as this customer" (a detail action with a
confirmation page that POSTs to the storefront's acting:start) and a link column in the list.

Shown to whoever may act for the company (backoffice/acting/access.py); the acting itself is
started and checked by the storefront view, never here.
"""
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action, display

from backoffice.core import modules
from backoffice.core.permissions import company_has_access

from .access import actable_companies, may_act

MODULE = "sales_reps"


def _acting_offered(user) -> bool:
    return may_act(user) and modules.is_enabled(MODULE)


class CompanyActingAdminMixin:
    """For CompanyAdmin: add "act_as_customer" to actions_detail."""

    def get_list_display(self, request):
        columns = tuple(super().get_list_display(request))
        return (*columns, "act_as_link") if _acting_offered(request.user) else columns

    @display(description=_("act as"))
    def act_as_link(self, obj):
        if not company_has_access(obj):
            return "—"
        url = reverse("admin:accounts_company_act_as_customer", args=(obj.pk,))
        return format_html('<a href="{}" class="text-primary-600">{}</a>', url, _("Act as"))

    def has_act_as_customer_permission(self, request, object_id=None):
        return _acting_offered(request.user)

    @action(description=_("Act as this customer"), url_path="act-as", icon="switch_account", permissions=["act_as_customer"])
    def act_as_customer(self, request, object_id):
        """A confirmation page: the button on it POSTs (with CSRF) to the storefront's acting:start."""
        visible = self.get_object(request, object_id)  # the company screen's own visibility (reps: their companies)
        if visible is None:
            raise Http404
        company = actable_companies(request.user).filter(pk=visible.pk).first()  # None: no platform access
        return TemplateResponse(request, "acting/admin/start_confirm.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "company": company or visible,
            "actable": company is not None,
            "title": _("Act as %(company)s") % {"company": visible.name},
        })
