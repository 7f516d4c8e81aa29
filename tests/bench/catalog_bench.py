"""Storefront catalog benchmark, run by `make bench` after the ERP import benchmark (which leaves
the profile's data in its database). A logged-in customer with contract prices and category
restrictions (two top-level categories restricted, one of them assigned to the customer):
  BENCH listing_48      a third-level category, 48 products per page, default sort
  BENCH listing_48_top  a top-level category (thousands of products), 48 per page
  BENCH listing_48_filtered  the same third-level category filtered by brand, price range and stock
  BENCH product_card    a product card
  BENCH search_48       a phrase with 48+ results, 48 per page
  BENCH search_typo     the same phrase with a typo
  BENCH suggest         suggestions while typing
Each line: p50_ms, p95_ms (server time through the Django test client) and queries.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))


def prepare():
    """Idempotent: the bench customer, its account and the category restrictions."""
    from django.db.models import Count

    from backoffice.accounts.models import Company, User
    from backoffice.catalog.models import Category, CategoryAccess
    from backoffice.catalog.tree import category_tree_changed
    from backoffice.core.roles import Role
    from backoffice.pricing.models import ContractPrice
    from tests.factories import PASSWORD

    company_id = (
        ContractPrice.objects.values("company_id").annotate(n=Count("pk")).order_by("-n", "company_id").values_list("company_id", flat=True).first()
    )
    company = Company.objects.get(pk=company_id)
    Company.objects.filter(pk=company.pk).update(is_active=True, b2b_access=True)
    user = User.objects.filter(email="bench-catalog@example.pl").first()
    if user is None:
        user = User.objects.create_user(email="bench-catalog@example.pl", password=PASSWORD, role=Role.CUSTOMER, company=company)
    tops = list(Category.objects.filter(level=0, is_active=True).order_by("pk").values_list("pk", flat=True))
    Category.objects.filter(pk__in=tops[-2:]).update(restricted=True)
    CategoryAccess.objects.get_or_create(company=company, category_id=tops[-1])
    category_tree_changed()
    return user


def targets(user):
    from django.db.models import Count

    from backoffice.catalog.models import SearchDocument
    from backoffice.catalog.selectors import catalog_access_for, products_visible_to
    from backoffice.catalog.tree import category_tree

    access = catalog_access_for(user)
    tree = category_tree()
    visible = products_visible_to(access)
    per_category = dict(visible.values("category_id").annotate(n=Count("pk")).values_list("category_id", "n"))

    def size(node):
        return sum(per_category.get(pk, 0) for pk in tree.subtree_ids(node.pk))

    third = [n for n in tree.nodes.values() if n.level == 2 and n.pk not in access.hidden_category_ids]
    mid = max(third, key=size)
    top = max((n for n in tree.roots if n.pk not in access.hidden_category_ids), key=size)
    product = visible.filter(category_id__in=tree.subtree_ids(mid.pk)).order_by("pk").first()
    brand_id = visible.filter(category_id__in=tree.subtree_ids(mid.pk), brand__isnull=False).values_list("brand_id", flat=True).first()
    name = SearchDocument.objects.get(product_id=product.pk).name
    word = max(name.split(), key=len)
    typo = word[:2] + word[3:] if len(word) > 5 else word
    print(f"# listing category {mid.pk} ({size(mid)} visible products), top {top.pk} ({size(top)}), phrase {word!r}, typo {typo!r}")
    return mid, top, product, brand_id, word, typo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="S")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    from erp_import import database_url, setup_django

    setup_django(database_url(args.profile, args.db))
    import gc

    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from run import measure

    settings.ALLOWED_HOSTS = ["testserver"]
    user = prepare()
    mid, top, product, brand_id, word, typo = targets(user)
    gc.freeze()  # what was loaded so far lives for the whole process, as in a server worker
    client = Client()
    client.force_login(user)
    measure("listing_48", client, reverse("catalog:category", args=[mid.pk]), data={"per_page": 48})
    measure("listing_48_top", client, reverse("catalog:category", args=[top.pk]), data={"per_page": 48})
    measure(
        "listing_48_filtered", client, reverse("catalog:category", args=[mid.pk]),
        data={"per_page": 48, "brand": brand_id, "price_min": "1", "price_max": "100000", "stock": "any", "sort": "price_asc"},
    )
    measure("product_card", client, reverse("catalog:product", args=[product.pk]))
    measure("search_48", client, reverse("catalog:search"), data={"q": word, "per_page": 48})
    measure("search_typo", client, reverse("catalog:search"), data={"q": typo, "per_page": 48})
    measure("suggest", client, reverse("catalog:suggest"), data={"q": word[:5]})


if __name__ == "__main__":
    main()
