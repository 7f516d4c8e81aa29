"""Catalog navigation, category listing, search and suggestions for customers.

Access is decided in backoffice/catalog/selectors.py only; these views compose selectors.
"""
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from backoffice.catalog.listing import listing_page
from backoffice.catalog.search.query import product_search
from backoffice.catalog.search.suggest import suggestions_for
from backoffice.catalog.selectors import catalog_access_for, category_get_for_user, products_visible_to
from backoffice.catalog.tree import category_tree
from backoffice.engagement.models import CustomerEvent
from backoffice.engagement.services import event_record

from .forms_catalog import ListingForm
from .tiles import tiles_html


def _visible_children(node, access):
    return [child for child in node.children if child.pk not in access.hidden_category_ids]


@require_GET
def catalog_index(request):
    """All top-level categories the customer may see, each with its subcategories."""
    access = catalog_access_for(request.user)
    roots = [(root, _visible_children(root, access)) for root in category_tree().roots if root.pk not in access.hidden_category_ids]
    return render(request, "storefront/catalog/index.html", {"roots": roots})


def _listing_context(request, access, base, *, default_sort: str, ranked: bool, at_most: int | None = None):
    form = ListingForm(request.GET, default_sort=default_sort)
    query = form.listing_query()
    language = get_language() or "pl"
    page = listing_page(access, request.user.company, base, query, language=language, ranked=ranked, at_most=at_most)
    return {
        "form": form,
        "query": query,
        "page": page,
        "tiles": tiles_html(page.items),
        "view_mode": form.view_mode,
    }


@require_GET
def category_listing(request, pk):
    access = catalog_access_for(request.user)
    node = category_get_for_user(request.user, pk)
    tree = category_tree()
    base = products_visible_to(access, within=tree.subtree_ids(node.pk))
    context = _listing_context(request, access, base, default_sort="name", ranked=False, at_most=tree.subtree_product_count(node.pk))
    context.update(
        category=node,
        breadcrumbs=tree.breadcrumbs(node.pk),
        subcategories=_visible_children(node, access),
    )
    event_record(user=request.user, request=request, kind=CustomerEvent.Kind.CATEGORY_VIEW, object_id=node.pk)
    return render(request, "storefront/catalog/category.html", context)


@require_GET
def search(request):
    access = catalog_access_for(request.user)
    result = product_search(access, request.GET.get("q", ""))
    context = _listing_context(request, access, result.products, default_sort="relevance", ranked=True)
    context["search"] = result
    if result.phrase:
        # The first page of a search is what the customer searched; paging and filtering are not new searches.
        if "page" not in request.GET and not any(key in request.GET for key in ("brand", "a", "stock", "price_min", "price_max")):
            event_record(user=request.user, request=request, kind=CustomerEvent.Kind.SEARCH, phrase=result.phrase, result_count=context["page"].total)
    return render(request, "storefront/catalog/search.html", context)


@require_GET
def suggest(request):
    """Suggestions while typing: a few products and categories, JSON for storefront/js/search.js."""
    access = catalog_access_for(request.user)
    found = suggestions_for(access, request.GET.get("q", ""))
    return JsonResponse(
        {
            "products": [{"label": label, "sku": sku, "url": reverse("catalog:product", args=[pk])} for pk, label, sku in found.products],
            "categories": [{"label": label, "url": reverse("catalog:category", args=[pk])} for pk, label in found.categories],
            "search_url": f"{reverse('catalog:search')}",
        }
    )
