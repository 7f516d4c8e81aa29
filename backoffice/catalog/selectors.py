"""Which products and categories a customer may see (A03, C03, C04): the ONE place that decides.

Every storefront listing, search, suggestion, product card, feed and API starts from
`products_visible_to(access)` or `product_get_for_user(user, pk)`, with `access` from
`catalog_access_for(user)`. A product is visible when it is active, its category is reachable and
not hidden from the customer (C04), and the customer has a price for it (C03): a list price in
its active price list in its currency, or a contract price. End customers of a distributor see
what their distributor's prices cover (they are priced from them, pricing/selectors.py).
"""
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from backoffice.core.permissions import is_buyer
from backoffice.pricing.models import ContractPrice, Price

from .models import Product
from .tree import category_tree


@dataclass(frozen=True)
class CatalogAccess:
    company_id: int
    price_source_id: int  # the company whose list and contract prices apply
    price_list_id: int | None  # None when it has no usable list (inactive, other currency)
    currency: str
    hidden_category_ids: frozenset[int]


def catalog_access_for(user) -> CatalogAccess:
    """The logged-in customer's catalog view; 404 for anybody who is not a buyer with platform
    access. Memoised on the user object for the request."""
    cached = getattr(user, "_catalog_access", None)
    if cached is not None:
        return cached
    if not (user.is_authenticated and is_buyer(user)):
        raise Http404
    user._catalog_access = catalog_access_for_company(user.company)
    return user._catalog_access


def catalog_access_for_company(company) -> CatalogAccess:
    """What `company` may see (also used by the back-office preview). Queries: the price list,
    unless loaded with the company; category assignments come with the cached tree."""
    source = company.distributor if company.distributor_id else company
    currency = str(company.currency)
    price_list = source.price_list if source.price_list_id else None
    usable_list = price_list is not None and price_list.is_active and str(price_list.currency) == currency
    tree = category_tree()
    granted = tree.grants.get(company.pk, frozenset())
    return CatalogAccess(
        company_id=company.pk,
        price_source_id=source.pk,
        price_list_id=price_list.pk if usable_list else None,
        currency=currency,
        hidden_category_ids=tree.hidden_ids(granted),
    )


def priced_for(access: CatalogAccess) -> Q:
    """C03: the customer has a list price or a contract price for the product."""
    contract = Exists(
        ContractPrice.objects.filter(product_id=OuterRef("pk"), company_id=access.price_source_id, currency=access.currency, is_active=True)
    )
    if access.price_list_id is None:
        return Q(contract)
    listed = Exists(Price.objects.filter(product_id=OuterRef("pk"), price_list_id=access.price_list_id, is_active=True))
    return Q(listed) | Q(contract)


def products_visible_to(access: CatalogAccess, *, within: list[int] | None = None) -> QuerySet[Product]:
    """Hidden categories include inactive ones and everything under them (tree.hidden_ids).
    `within` narrows to those categories (e.g. a subtree): then one IN list does both jobs."""
    qs = Product.objects.filter(is_active=True).filter(priced_for(access))
    if within is not None:
        return qs.filter(category_id__in=[pk for pk in within if pk not in access.hidden_category_ids])
    if access.hidden_category_ids:
        qs = qs.exclude(category_id__in=sorted(access.hidden_category_ids))
    return qs


def product_get_for_user(user, pk) -> Product:
    """The product if this customer may see it, else 404 (hidden and missing look the same)."""
    access = catalog_access_for(user)
    product = products_visible_to(access).filter(pk=pk).select_related("brand", "category").first()
    if product is None:
        raise Http404
    return product


def category_get_for_user(user, pk):
    """The category node if visible to this customer, else 404."""
    access = catalog_access_for(user)
    node = category_tree().get(int(pk))
    if node is None or node.pk in access.hidden_category_ids:
        raise Http404
    return node


def featured_products(access: CatalogAccess, source: str, *, limit: int) -> QuerySet[Product]:
    """Visible products for a home-page teaser: "new" (latest first), "promoted" (a promotion in
    the customer's currency is running today) or "bestsellers" (most viewed by customers in the
    last 30 days until order history exists; events from backoffice/engagement)."""
    from datetime import timedelta

    from django.db.models import Count
    from django.utils import timezone

    from backoffice.engagement.models import CustomerEvent
    from backoffice.pricing.models import Promotion

    visible = products_visible_to(access)
    if source == "promoted":
        today = timezone.localdate()
        running = Promotion.objects.filter(
            product_id=OuterRef("pk"), is_active=True, currency=access.currency, valid_from__lte=today, valid_to__gte=today
        )
        return visible.filter(Exists(running)).order_by("-pk")
    if source == "bestsellers":
        since = timezone.now() - timedelta(days=30)
        top = list(
            CustomerEvent.objects.filter(kind=CustomerEvent.Kind.PRODUCT_VIEW, created_at__gte=since, object_id__isnull=False)
            .values("object_id").annotate(views=Count("pk")).order_by("-views", "object_id").values_list("object_id", flat=True)[: limit * 4]
        )
        return _in_given_order(visible.filter(pk__in=top), top) if top else visible.none()
    return visible.order_by("-pk")


def _in_given_order(qs: QuerySet, ids: list[int]) -> QuerySet:
    from django.db.models import Case, IntegerField, Value, When

    return qs.order_by(Case(*[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)], output_field=IntegerField()))
