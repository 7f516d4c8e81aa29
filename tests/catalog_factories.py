"""Catalog test data shared by every test package: categories with their paths, products with
names and prices, stock, and a customer who can see them.

    world = catalog_world()            # a customer with a PLN price list, two categories
    p = make_product(world.leaf, name="Wiertarka udarowa", price="100.00", price_list=world.price_list)
"""
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from backoffice.accounts.models import Company, User
from backoffice.catalog.models import Brand, Category, Product
from backoffice.catalog.search.indexing import search_documents_refresh
from backoffice.catalog.tree import category_tree_changed
from backoffice.inventory.models import Stock
from backoffice.pricing.models import ContractPrice, Price, PriceList

_seq = count(1)


def make_category(name: str, parent: Category | None = None, *, restricted: bool = False, **fields) -> Category:
    n = next(_seq)
    category = Category(erp_id=f"CAT-T{n}", parent=parent, level=(parent.level + 1) if parent else 0, restricted=restricted, **fields)
    category.set_current_language("pl")
    category.name = name
    category.save()
    category.path = f"{parent.path if parent else '/'}{category.pk}/"
    category.save(update_fields=["path"])
    category_tree_changed()
    return category


def make_product(category: Category, name: str, *, sku: str | None = None, ean: str = "", brand: str | None = None,
                 price: str | None = None, price_list: PriceList | None = None, name_en: str | None = None,
                 attributes: dict | None = None, index: bool = True, **fields) -> Product:
    n = next(_seq)
    product = Product(
        erp_id=f"P-T{n}", sku=sku or f"SKU-T{n}", ean=ean, category=category,
        brand=Brand.objects.get_or_create(name=brand)[0] if brand else None, **fields,
    )
    product.set_current_language("pl")
    product.name = name
    product.attributes = attributes or {}
    product.save()
    if name_en:
        product.set_current_language("en")
        product.name = name_en
        product.save()
    if price is not None:
        Price.objects.create(price_list=price_list, product=product, net=Decimal(price))
    if index:
        search_documents_refresh([product.pk])
    return product


def set_stock(product: Product, warehouse, quantity, next_delivery=None) -> Stock:
    stock, _ = Stock.objects.update_or_create(
        warehouse=warehouse, product=product, defaults={"quantity": Decimal(str(quantity)), "next_delivery": next_delivery}
    )
    return stock


def contract_price(company: Company, product: Product, net: str) -> ContractPrice:
    return ContractPrice.objects.create(company=company, product=product, net=Decimal(net), currency=company.currency)


@dataclass
class CatalogWorld:
    price_list: PriceList
    company: Company
    user: User
    root: Category
    leaf: Category


def catalog_world(make_user, *, role="customer") -> CatalogWorld:
    """A customer (company on a PLN price list) and a two-level category tree."""
    price_list = PriceList.objects.create(erp_id=f"PL-T{next(_seq)}", name="Cennik hurtowy", currency="PLN")
    user = make_user(role)
    company = user.company
    company.price_list = price_list
    company.save(update_fields=["price_list"])
    root = make_category("Elektronarzędzia")
    leaf = make_category("Wiertarki", root)
    return CatalogWorld(price_list=price_list, company=company, user=user, root=root, leaf=leaf)
