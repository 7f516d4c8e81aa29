"""Cart pages: the cart (S01, S02, S09, C10), adding from the product and bundle cards, the
quick-order pad and the CSV/Excel import (C06).

Who may buy is decided by orders/selectors.buying_company (404 for staff); what may go into the
cart by the cart services (orders/cart.py); what the cart shows by orders/cart_view.py.
"""
import html

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format, get_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from backoffice.catalog.selectors import catalog_access_for, products_visible_to
from backoffice.catalog.selectors_card import _translated
from backoffice.core.modules import module_required
from backoffice.inventory.availability import format_quantity
from backoffice.orders.cart import cart_add, cart_clear, clean_quantity, cart_for, cart_line_remove, cart_lines_update
from backoffice.orders.cart_import import cart_import_file, sample_csv
from backoffice.orders.cart_lines import LinesReport
from backoffice.orders.cart_view import cart_view_for
from backoffice.orders.models import CartLine
from backoffice.orders.quick_order import quick_order_add
from backoffice.orders.selectors import buying_company
from backoffice.pricing.models import Bundle
from backoffice.shipping.cart_box import cart_shipping_context

from .forms_cart import AddToCartForm, CartImportForm, QuickOrderForm, line_updates


def _cart(request):
    """The buyer's open cart (404 for anybody who does not buy)."""
    company = buying_company(request.user)
    return cart_for(user=request.user, company=company)


def _safe_next(request, candidate: str | None) -> str:
    for url in (candidate, request.META.get("HTTP_REFERER")):
        if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return url
    return reverse("orders:cart")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET", "POST"])
def cart_page(request):
    """GET: the cart. POST: the one form with every line's quantity and unit."""
    cart = _cart(request)
    if request.method == "POST":
        ids = list(CartLine.objects.filter(cart_id=cart.pk).values_list("pk", flat=True))
        try:
            cart_lines_update(cart=cart, updates=line_updates(request.POST, ids))
        except ValidationError as error:
            messages.error(request, _("The cart was not changed: %(reason)s") % {"reason": _error_text(error)})
        else:
            messages.success(request, _("The cart has been updated."))
        return redirect("orders:cart")
    view = cart_view_for(cart=cart, user=request.user)
    context = {"view": view, "rows": CartRows(view).html()}
    context.update(cart_shipping_context(view=view, company=cart.company))  # the delivery box (backoffice/shipping)
    return render(request, "storefront/cart/cart.html", context)


@require_POST
def add_to_cart(request):
    cart = _cart(request)
    form = AddToCartForm(request.POST)
    back = _safe_next(request, request.POST.get("next"))
    if not form.is_valid():
        messages.error(request, _error_text(ValidationError(list(form.errors.values())[0])))
        return redirect(back)
    data = form.cleaned_data
    try:
        line = cart_add(cart=cart, access=catalog_access_for(request.user), product_id=data["product"], bundle_id=data["bundle"],
                        quantity=data["quantity"], unit=data["unit"] or "")
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(back)
    if line.bundle_id:
        name = Bundle.objects.filter(pk=line.bundle_id).values_list("name", flat=True).first() or ""
        message = _("Added %(quantity)s × %(name)s to the cart.") % {"quantity": format_quantity(clean_quantity(data["quantity"])), "name": name}
    else:
        product = products_visible_to(catalog_access_for(request.user)).filter(pk=line.product_id).prefetch_related("translations").first()
        name = _translated(product, "name", product.sku) if product else ""
        unit = data["unit"] or (product.base_unit if product else "")
        message = _("Added %(quantity)s %(unit)s of %(name)s to the cart.") % {
            "quantity": format_quantity(clean_quantity(data["quantity"])), "unit": unit, "name": name}
    messages.success(request, message)
    return redirect(back)


@require_POST
def cart_line_remove_view(request, pk):
    cart = _cart(request)
    if cart_line_remove(cart=cart, line_id=pk):
        messages.success(request, _("The line has been removed from the cart."))
    return redirect("orders:cart")


@require_POST
def cart_clear_view(request):
    cart = _cart(request)
    cart_clear(cart=cart)
    messages.success(request, _("The cart is empty now."))
    return redirect("orders:cart")


def _report_messages(request, report: LinesReport) -> None:
    if report.error:
        messages.error(request, report.error)
        return
    if report.added:
        messages.success(request, ngettext("%(count)s line added to the cart.", "%(count)s lines added to the cart.", report.added)
                         % {"count": report.added})
    if report.problems:
        messages.error(request, ngettext("%(count)s line could not be added: see the list below.",
                                         "%(count)s lines could not be added: see the list below.", len(report.problems))
                       % {"count": len(report.problems)})


@require_http_methods(["GET", "POST"])
def quick_order(request):
    """The pad: valid lines go into the cart; refused ones stay in the box, with the reasons."""
    cart = _cart(request)
    form = QuickOrderForm(request.POST or None)
    report = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["lines"]
        report = quick_order_add(cart=cart, access=catalog_access_for(request.user), text=text)
        _report_messages(request, report)
        if report.ok:
            return redirect("orders:cart")
        if not report.error:
            typed = text.splitlines()
            form = QuickOrderForm(initial={"lines": "\n".join(typed[p.number - 1] for p in report.problems)})
    return render(request, "storefront/cart/quick_order.html", {"form": form, "report": report})


@module_required("cart_import")
@require_http_methods(["GET", "POST"])
def cart_import(request):
    cart = _cart(request)
    form = CartImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = cart_import_file(cart=cart, access=catalog_access_for(request.user), name=upload.name, data=upload.read())
        _report_messages(request, report)
        if report.ok:
            return redirect("orders:cart")
    return render(request, "storefront/cart/import.html", {"form": form, "report": report})


@module_required("cart_import")
@require_http_methods(["GET"])
def cart_import_sample(request):
    """An example file with two products this customer may buy (by EAN when it has one)."""
    buying_company(request.user)
    products = products_visible_to(catalog_access_for(request.user)).order_by("pk").only("sku", "ean")[:2]
    examples = [(p.ean or p.sku, quantity) for p, quantity in zip(products, ("2", "1,5"))]
    response = HttpResponse(sample_csv(examples), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cart-import-sample.csv"'
    return response


# ------------------------------------------------------------------------------------------------
# Cart lines as HTML. A 500-line cart through the template engine took most of the page's time
# (about 60 lookups and a dozen number localisations per line), so the rows are built here as
# plain strings: EVERY interpolated text goes through esc() (html.escape, quotes included); ids are
# integers; labels are translated and escaped once; URLs are reversed once.


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def _url_pattern(name: str) -> str:
    return reverse(name, args=[987654321]).replace("987654321", "{}")


class CartRows:
    def __init__(self, view):
        self.view = view
        self.sep = get_format("DECIMAL_SEPARATOR")
        self.currency = esc(view.currency)
        self.product_url = _url_pattern("catalog:product")
        self.bundle_url = _url_pattern("catalog:bundle")
        self.remove_url = _url_pattern("orders:cart_line_remove")
        self.label = {key: esc(text) for key, text in {
            "quantity": _("Quantity"), "unit": _("Unit"), "unit_net": _("Unit price (net)"), "net": _("Net"),
            "gross": _("Gross"), "availability": _("Availability"), "remove": _("Remove"), "why": _("Why this price?"),
            "in_bundle": _("In the bundle"), "in_stock": _("In stock"), "hidden_product": _("A product no longer available to you"),
            "hidden_bundle": _("A bundle no longer offered"),
        }.items()}

    def money(self, value) -> str:
        return f"{value:f}".replace(".", self.sep) + " " + self.currency

    def html(self) -> SafeString:
        return mark_safe("".join(self.row(line) for line in self.view.lines))

    def row(self, line) -> str:
        label = self.label
        priced = line.unit_net is not None
        problem = f'<p class="line-problem">{esc(line.problem)}</p>' if line.problem else ""
        return (
            f'<tr class="cart-line{" has-problem" if line.problem else ""}" data-line="{int(line.pk)}" data-kind="{esc(line.kind)}">'
            f'<th scope="row" class="cart-product">{self.product(line)}{problem}</th>'
            f'<td class="cart-qty" data-label="{label["quantity"]}">{self.quantity(line)}</td>'
            f'<td class="num" data-label="{label["unit_net"]}">{self.unit_price(line) if priced else "—"}</td>'
            f'<td class="num" data-label="{label["net"]}">{self.money(line.line_net) if priced else "—"}</td>'
            f'<td class="num" data-label="{label["gross"]}">{self.money(line.line_gross) if priced else "—"}</td>'
            f'<td class="cart-stock" data-label="{label["availability"]}">{self.stock(line)}</td>'
            f'<td class="cart-remove"><button type="submit" class="link-button" formaction="{esc(self.remove_url.format(int(line.pk)))}" '
            f'formnovalidate>{label["remove"]}</button></td></tr>'
        )

    def product(self, line) -> str:
        if line.is_bundle and line.bundle_quote is not None:
            parts = "".join(f'<li>{esc(c.name)} <span class="muted">{esc(c.sku)}</span> × {esc(format_quantity(c.quantity))} '
                            f"{esc(c.product.base_unit)}</li>" for c in line.components)
            return (f'<a href="{esc(self.bundle_url.format(int(line.bundle_id)))}">{esc(line.name)}</a> <span class="muted">{esc(line.sku)}'
                    f'</span><details class="bundle-parts"><summary>{self.label["in_bundle"]}</summary><ul>{parts}</ul></details>')
        if line.product is None:
            return f'<span class="muted">{self.label["hidden_bundle" if line.is_bundle else "hidden_product"]}</span>'
        image = f'<img src="{esc(line.image)}" alt="" loading="lazy" class="cart-image" width="48" height="48">' if line.image else ""
        return (f'{image}<a href="{esc(self.product_url.format(int(line.product.pk)))}">{esc(line.name)}</a> '
                f'<span class="muted sku">{esc(line.sku)}</span>')

    def quantity(self, line) -> str:
        pk = int(line.pk)
        field = (f'<label class="visually-hidden" for="qty-{pk}">{self.label["quantity"]}</label><input type="number" id="qty-{pk}" '
                 f'name="qty-{pk}" value="{esc(line.quantity_input)}" min="0" step="{"1" if line.is_bundle else "any"}" '
                 f'inputmode="decimal" required>')
        if len(line.units) < 2:
            return f'{field} <span class="unit">{esc(line.unit_name)}</span>'
        options = "".join(f'<option value="{esc(unit.code)}"{" selected" if unit.code == line.unit else ""}>{esc(unit.name)}</option>'
                          for unit in line.units)
        conversion = (f' <span class="muted conversion">= {esc(format_quantity(line.base_quantity))} {esc(line.product.base_unit)}</span>'
                      if line.factor != 1 else "")
        return (f'{field}<label class="visually-hidden" for="unit-{pk}">{self.label["unit"]}</label>'
                f'<select id="unit-{pk}" name="unit-{pk}">{options}</select>{conversion}')

    def unit_price(self, line) -> str:
        why = ""
        if line.rules:
            items = "".join(f"<li>{esc(rule.label)}{': ' + self.money(rule.amount) if rule.amount is not None else ''}</li>"
                            for rule in line.rules)
            why = f'<details class="why-price"><summary>{self.label["why"]}</summary><ol>{items}</ol></details>'
        saving = ""
        if line.bundle_quote is not None and line.bundle_quote.saving > 0:
            saving = f'<p class="muted">{esc(_("You save %(amount)s") % {"amount": self.money(line.bundle_quote.saving)})}</p>'
        return f"{self.money(line.unit_net)}{why}{saving}"

    def stock(self, line) -> str:
        if line.presale is not None:
            return esc(_("Pre-sale: delivery planned for %(date)s") % {"date": date_format(line.presale.planned_delivery_date, "DATE_FORMAT")})
        if line.stock is None:
            return ""
        plan = "".join(f"<li>{esc(quantity)}: {esc(label)}</li>" for quantity, label in line.availability_rows)
        return (f'<span class="stock-label">{self.label["in_stock"]}: {esc(line.stock_label)}</span>'
                + (f'<ul class="plan">{plan}</ul>' if plan else ""))
