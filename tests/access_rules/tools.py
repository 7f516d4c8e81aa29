"""Access-matrix rules for the tools URLs of the "orders" namespace (see tests/access_matrix_rules.py),
and for the pre-sale screens of the back office (S07) that have URLs of their own.

Shopping lists (R03) are for buyers only: staff use the back office (404 here). A list belongs to
its company: in the matrix world the customer's company owns {list_own}; every other buyer
(the employee's company is another company) gets 404 for it, like for a missing list.
"""
from tests.access_matrix_rules import ADMIN_WALL, PENDING, Rule, S

BUYERS_OK = dict(anonymous="login", staff="404", buyers="ok", applicant=PENDING)
OWN_ONLY = dict(anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING)
POST_ONLY = dict(anonymous="login", logged_in="405", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule("lists-index", names=("orders:list_index",), samples=(S("/lists/", **BUYERS_OK),)),
    Rule(
        "lists-create",
        names=("orders:list_create",),
        samples=(S("/lists/new/", "POST", data={"name": "Nowa lista"}, **BUYERS_OK), S("/lists/new/", **POST_ONLY)),
    ),
    Rule(
        "lists-detail",
        names=("orders:list_detail",),
        samples=(S("/lists/{list_own}/", **OWN_ONLY), S("/lists/999999/", anonymous="login", staff="404", buyers="404", applicant=PENDING)),
    ),
    Rule("lists-rename", names=("orders:list_rename",), samples=(S("/lists/{list_own}/rename/", "POST", data={"name": "Inna"}, **OWN_ONLY),)),
    Rule(
        "lists-lines",
        names=("orders:list_line_add", "orders:list_lines_update", "orders:list_line_remove"),
        samples=(
            # (sample data is not filled from the world: an unknown code and line answer with a message)
            S("/lists/{list_own}/lines/add/", "POST", data={"code": "NO-SUCH-CODE", "quantity": "1"}, **OWN_ONLY),
            S("/lists/{list_own}/lines/update/", "POST", data={"qty-999999": "3"}, **OWN_ONLY),
            S("/lists/{list_own}/lines/{list_own_line}/remove/", "POST", **OWN_ONLY),
            S("/lists/{list_own}/lines/update/", **POST_ONLY),
        ),
    ),
    Rule("lists-to-cart", names=("orders:list_to_cart",), samples=(S("/lists/{list_own}/to-cart/", "POST", data={"all": "1"}, **OWN_ONLY),)),
    Rule("lists-delete", names=("orders:list_delete",), samples=(S("/lists/{list_spare}/delete/", "POST", **OWN_ONLY),)),
    Rule(
        "lists-add-product",
        names=("orders:list_add_product",),
        # a product the buyer may not see (here: none) is a 404; the way in is tested in tests/lists/test_views.py
        samples=(
            S("/lists/add-product/", "POST", data={"product": "999999", "quantity": "1", "new_name": "Z karty"},
              anonymous="login", staff="404", buyers="404", applicant=PENDING),
            S("/lists/add-product/", **POST_ONLY),
        ),
    ),
    Rule(
        "lists-from-cart",
        names=("orders:list_from_cart",),
        samples=(S("/lists/from-cart/", "POST", data={"cart-name": "Z koszyka"}, **BUYERS_OK),),  # empty cart: a message, back
    ),
    # ---------------------------------------------------------------- back office (module "presale")
    Rule(
        "admin-presale-orders-tools",
        names=("admin:orders_presaleorder_export_csv", "admin:orders_presaleorder_release_arrived"),
        every=ADMIN_WALL,
        samples=(
            S("/admin/orders/presaleorder/export-csv/", staff="ok", marketing="403"),
            S("/admin/orders/presaleorder/release-arrived/", staff="ok", marketing="403"),  # the confirmation dialog
        ),
    ),
    Rule(
        "admin-presale-offer-tools",
        names=("admin:inventory_presaleoffer_close_offer", "admin:inventory_presaleoffer_release_arrived"),
        every=ADMIN_WALL,
        samples=(
            S("/admin/inventory/presaleoffer/{presale_offer}/close/", admin="ok", marketing="ok", sales_manager="403", sales_rep="403"),
            S("/admin/inventory/presaleoffer/release-arrived/", admin="ok", marketing="ok", sales_manager="403", sales_rep="403"),
        ),
    ),
)


def world(users, values) -> dict:
    """A list of the customer's company with a line of the matrix product, a spare list to delete,
    and a pre-sale offer."""
    from datetime import date
    from decimal import Decimal

    from backoffice.catalog.models import Product
    from backoffice.inventory.models import PresaleOffer
    from backoffice.orders.models import ShoppingList, ShoppingListLine

    product = Product.objects.get(pk=values["product"])
    company = users["customer"].company
    own = ShoppingList.objects.create(company=company, name="Lista matrycy", created_by=users["customer"])
    line = ShoppingListLine.objects.create(shopping_list=own, product=product, quantity=Decimal("2"))
    spare = ShoppingList.objects.create(company=company, name="Do usunięcia")
    novelty = Product.objects.create(erp_id="MATRIX-PRESALE", sku="MATRIX-PS", category=product.category)
    offer = PresaleOffer.objects.create(product=novelty, planned_delivery_date=date(2030, 1, 1), sellable_quantity=Decimal("10"))
    return {"list_own": own.pk, "list_own_line": line.pk, "list_spare": spare.pk, "presale_offer": offer.pk}
