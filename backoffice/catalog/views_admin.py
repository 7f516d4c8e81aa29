"""Custom back-office screens of the catalog: the catalog as one customer sees it (C04 preview).

Opened from the company page (CompanyAdmin's "Catalog as this customer sees it" button). It asks
the same selectors as the storefront, so what staff see here is what the customer gets.
"""
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from backoffice.accounts.selectors import company_get_for_user

from .models import CategoryAccess
from .selectors import catalog_access_for_company, products_visible_to
from .tree import CategoryNode, CategoryTree, category_tree

PREVIEW_PRODUCTS = 20


def may_preview_catalog(user) -> bool:
    """The preview shows a customer and products: a role must see both sections."""
    return user.has_perm("accounts.view_company") and user.has_perm("catalog.view_product")


@dataclass(frozen=True)
class CategoryRow:
    node: CategoryNode
    depth: int
    hidden: bool
    restricted: bool
    assigned: bool


def category_rows(tree: CategoryTree, hidden: frozenset[int], assigned: set[int]) -> list[CategoryRow]:
    """The whole tree in display order (depth first), each category marked visible or hidden."""
    rows: list[CategoryRow] = []
    stack = [(root, 0) for root in reversed(tree.roots)]
    while stack:
        node, depth = stack.pop()
        rows.append(CategoryRow(node, depth, node.pk in hidden, node.restricted, node.pk in assigned))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return rows


class CatalogPreviewView(TemplateView):
    """Number of visible products, the category tree with hidden categories marked, and the
    first products the customer sees. A fixed number of queries, whatever the catalog size."""

    template_name = "catalog/admin/catalog_preview.html"
    admin_site = None

    def dispatch(self, request, *args, **kwargs):
        if not may_preview_catalog(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pk = str(kwargs["company_id"])
        if not pk.isdigit():
            raise Http404
        company = company_get_for_user(self.request.user, int(pk))
        access = catalog_access_for_company(company)
        products = products_visible_to(access)
        assigned = set(CategoryAccess.objects.filter(company_id=company.pk).values_list("category_id", flat=True))
        rows = category_rows(category_tree(), access.hidden_category_ids, assigned)
        context.update(self.admin_site.each_context(self.request))
        context.update(
            title=_("Catalog as %(company)s sees it") % {"company": company.name},
            company=company,
            access=access,
            visible_count=products.count(),
            products=[
                (product.pk, product.sku, product.safe_translation_getter("name", any_language=True) or "")
                for product in products.prefetch_related("translations").order_by("sku")[:PREVIEW_PRODUCTS]
            ],
            preview_limit=PREVIEW_PRODUCTS,
            category_rows=rows,
            hidden_count=sum(row.hidden for row in rows),
        )
        return context
