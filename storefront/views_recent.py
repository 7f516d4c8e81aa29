"""C05 "recently bought" (module "recently_bought"): the page, "add selected to cart" and the CSV
export of all matching or the selected products (formula-safe: backoffice/core/csv_export.py)."""
from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backoffice.core.csv_export import csv_stream
from backoffice.core.modules import module_required
from backoffice.orders.recently_bought import RecentQuery, recently_bought_export, recently_bought_page
from backoffice.orders.reorder import recently_bought_to_cart
from backoffice.orders.selectors import buying_company

from .forms_history import RecentlyBoughtForm, selected_product_ids
from .views_history import cart_url, report_messages


@module_required("recently_bought")
@require_GET
def recently_bought(request):
    buying_company(request.user)
    form = RecentlyBoughtForm(request.GET)
    query = form.recent_query()
    page = recently_bought_page(request.user, query)
    return render(request, "storefront/orders/recently_bought.html", {"form": form, "query": query, "page": page})


@module_required("recently_bought")
@require_POST
def recently_bought_add(request):
    """Ticked products into the cart, each at the quantity and unit of its last order line."""
    buying_company(request.user)
    ids = selected_product_ids(request.POST)
    if not ids:
        messages.error(request, gettext("Tick the products to add to the cart first."))
        return redirect(reverse("orders:recently_bought"))
    report_messages(request, recently_bought_to_cart(user=request.user, product_ids=ids))
    return redirect(cart_url() or reverse("orders:recently_bought"))


def _plain(number) -> str:
    """12.000 -> "12", 10 -> "10" (never "1E+1"), 2.5 -> "2.5": what spreadsheets read as a number."""
    return format(number.normalize(), "f")


def _csv_rows(items):
    for item in items:
        yield (
            item.product.sku,
            item.product.ean,
            item.name,
            item.product.brand.name if item.product.brand else "",
            _plain(item.quantity),
            item.product.base_unit,
            date_format(timezone.localtime(item.last_at), "Y-m-d"),
            _plain(item.last_quantity),
            item.last_unit or item.product.base_unit,
            item.quote.unit_net if item.quote.available else "",
            item.quote.currency if item.quote.available else "",
            _plain(item.local_quantity),
            _plain(item.supplier_quantity),
        )


@module_required("recently_bought")
@require_http_methods(["GET", "POST"])
def recently_bought_csv(request):
    """GET: every product matching the page's filters; POST: the ticked ones (period from the form)."""
    buying_company(request.user)
    data = request.POST if request.method == "POST" else request.GET
    query: RecentQuery = RecentlyBoughtForm(data).recent_query()
    ids = selected_product_ids(request.POST) if request.method == "POST" else None
    if ids is not None and not ids:
        messages.error(request, gettext("Tick the products to export first."))
        return redirect(reverse("orders:recently_bought"))
    header = [
        gettext("code"), "EAN", gettext("name"), gettext("brand"),
        gettext("bought in the last %(months)d months") % {"months": query.months}, gettext("base unit"), gettext("last ordered"),
        gettext("last ordered quantity"), gettext("unit"), gettext("price per base unit (net)"), gettext("currency"),
        gettext("our warehouse"), gettext("supplier"),
    ]
    rows = _csv_rows(recently_bought_export(request.user, query, product_ids=ids))
    response = StreamingHttpResponse(csv_stream(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="recently-bought-{timezone.localdate().isoformat()}.csv"'
    return response
