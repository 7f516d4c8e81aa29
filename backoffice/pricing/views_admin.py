"""Custom back-office screens of pricing: the price preview."""
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .forms import PricePreviewForm
from .selectors import pricing_input_for


class PricePreviewView(TemplateView):
    """"What does product X cost customer Y at quantity Q today?" — computed by the price engine
    from the same data the storefront uses, with every rule that was applied, in order."""

    template_name = "pricing/admin/price_preview.html"
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("pricing.view_pricingsettings"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # The engine is imported here, not at module level: admin.py loads this module's URLs.
        from .engine import STACKING_ORDER, quote_line
        from .types import LineRequest

        context = super().get_context_data(**kwargs)
        context.update(self.admin_site.each_context(self.request))
        context["title"] = _("Price preview")
        submitted = bool(self.request.GET)
        form = PricePreviewForm(self.request.GET or None)
        context["form"] = form
        context["stacking_order"] = [_step_label(step) for step in STACKING_ORDER]
        if submitted and form.is_valid():
            data = form.cleaned_data
            company, product = data["company"], data["product"]
            pricing_input = pricing_input_for(company, [product.pk], today=data["day"])
            try:
                quote = quote_line(pricing_input, LineRequest(product_id=product.pk, quantity=data["quantity"], unit=data["unit"]))
            except ValueError as exc:  # e.g. a misconfigured percentage: tell staff, never a 500
                form.add_error(None, _("The price cannot be calculated: %(reason)s") % {"reason": exc})
                return context
            context.update(
                company=company,
                product=product,
                day=data["day"],
                quote=quote,
                unit_label=data["unit"] or product.base_unit,
                distributor=company.distributor if company.distributor_id else None,
            )
        return context


def _step_label(step) -> str:
    """STACKING_ORDER entries may be plain labels or (code, label) pairs."""
    if isinstance(step, (tuple, list)):
        return str(step[-1])
    return str(getattr(step, "label", step))
