"""Product tiles of listings, search results and home-page teasers.

The markup is written here rather than in a template on purpose: a listing page renders 24-96
tiles, and the template engine spent about half of the page's server time on them (variable
lookups, per-tile translations and URL reversing). Everything is escaped by format_html; labels
are translated once per page; URLs come from one reverse() per page.
"""
from django.templatetags.static import PrefixNode
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def pk_url_maker(view_name: str):
    """A function pk -> URL of `view_name`: one reverse() per page instead of one per tile."""
    sentinel = 987654321
    head, tail = reverse(view_name, args=[sentinel]).split(str(sentinel))
    return lambda pk: f"{head}{pk}{tail}"


def _labels() -> dict[str, str]:
    return {
        "code": _("Code"),
        "local": _("Our warehouse"),
        "supplier": _("Supplier"),
        "net": _("net"),
        "gross": _("gross"),
        "why": _("Why this price?"),
        "why_link": _("See how the price is made on the product page"),
        "on_request": _("Price on request"),
    }


def _tile(item, url: str, rules_url: str, labels: dict, media_prefix: str) -> SafeString:
    product = item.product
    if item.image:
        image = format_html('<img src="{}{}" alt="" loading="lazy">', media_prefix, item.image)
    else:
        image = mark_safe('<span class="no-image" aria-hidden="true"></span>')
    codes = format_html("{}: {}", labels["code"], product.sku)
    if product.ean:
        codes = format_html("{} · EAN {}", codes, product.ean)
    if product.brand_id and product.brand:
        codes = format_html("{} · {}", codes, product.brand.name)
    stock = format_html('<span class="stock-local">{}: {}</span>', labels["local"], item.local_label)
    if item.supplier_stock > 0:
        stock = format_html('{}\n      <span class="stock-supplier">{}: {}</span>', stock, labels["supplier"], item.supplier_label)
    quote = item.quote
    if quote is not None and quote.available:
        price = format_html(
            '<p class="price-net"><strong>{} {}</strong> <span class="muted">{} / {}</span></p>\n'
            '    <p class="price-gross muted">{} {} {}</p>\n'
            '    <details class="why-price" data-rules-url="{}"><summary>{}</summary>\n'
            '      <p class="rules-pending"><a href="{}">{}</a></p>\n    </details>',
            localize(quote.unit_net), quote.currency, labels["net"], product.base_unit,
            localize(quote.unit_gross), quote.currency, labels["gross"],
            rules_url, labels["why"], url, labels["why_link"],
        )
    else:
        price = format_html('<p class="muted">{}</p>', labels["on_request"])
    return format_html(
        '<li class="product-tile" data-product="{}">\n'
        '  <a class="tile-image" href="{}">{}</a>\n'
        '  <div class="tile-body">\n'
        '    <a class="tile-name" href="{}">{}</a>\n'
        '    <p class="tile-codes">{}</p>\n'
        '    <p class="tile-stock">\n      {}\n    </p>\n'
        '  </div>\n'
        '  <div class="tile-price">\n    {}\n  </div>\n'
        '</li>',
        product.pk, url, image, url, item.name, codes, stock, price,
    )


def tiles_html(items) -> SafeString:
    """The <li> tiles of listing items (backoffice/catalog/listing.py ListingItem)."""
    product_url, rules_url = pk_url_maker("catalog:product"), pk_url_maker("catalog:price_rules")
    labels, media_prefix = _labels(), PrefixNode.handle_simple("MEDIA_URL")
    return format_html_join(
        "\n", "{}", ((_tile(item, product_url(item.product.pk), rules_url(item.product.pk), labels, media_prefix),) for item in items)
    )
