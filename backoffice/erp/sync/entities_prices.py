"""Price and stock files: price list prices, contract prices, customer codes, stock levels."""
from backoffice.accounts.models import Company
from backoffice.catalog.models import CustomerProductCode, Product, Warehouse
from backoffice.inventory.models import Stock
from backoffice.pricing.models import ContractPrice, Price, PriceList

from . import fields as f
from .engine import EntitySync
from .fields import RowRejected

PRODUCT_REF = ("product_id", Product, "product_erp_id", "product")
CUSTOMER_REF = ("company_id", Company, "customer_erp_id", "customer")


class PriceSync(EntitySync):
    file = "prices.jsonl"
    model = Price
    key_refs = (("price_list_id", PriceList, "price_list_erp_id", "price list"), PRODUCT_REF)
    update_fields = ("net",)
    allowed = frozenset({"price_list_erp_id", "product_erp_id", "net", "active"})

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        return {**self.resolve_keys(record, ctx), "net": f.decimal(record, "net", column=Price._meta.get_field("net"))}


class ContractPriceSync(EntitySync):
    file = "contract_prices.jsonl"
    model = ContractPrice
    key_refs = (CUSTOMER_REF, PRODUCT_REF)
    update_fields = ("net", "currency")
    allowed = frozenset({"customer_erp_id", "product_erp_id", "net", "currency", "active"})

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        customer = f.erp_id(record, "customer_erp_id")
        currency = f.currency(record, "currency")
        company_id = ctx.ref(Company, customer, "customer")
        if ctx.id_map(Company, value="currency")[customer] != currency:
            raise RowRejected(f"contract price in {currency}, but customer '{customer}' buys in another currency")
        return {
            "company_id": company_id,
            "product_id": ctx.ref(Product, f.erp_id(record, "product_erp_id"), "product"),
            "net": f.decimal(record, "net", column=ContractPrice._meta.get_field("net")),
            "currency": currency,
        }


class CustomerCodeSync(EntitySync):
    file = "customer_codes.jsonl"
    model = CustomerProductCode
    key_refs = (CUSTOMER_REF, PRODUCT_REF)
    update_fields = ("code",)
    allowed = frozenset({"customer_erp_id", "product_erp_id", "code", "active"})

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        return {**self.resolve_keys(record, ctx), "code": f.text(record, "code", 64)}


class StockSync(EntitySync):
    file = "stock.jsonl"
    model = Stock
    key_refs = (("warehouse_id", Warehouse, "warehouse_erp_id", "warehouse"), PRODUCT_REF)
    update_fields = ("quantity", "next_delivery")
    allowed = frozenset({"warehouse_erp_id", "product_erp_id", "quantity", "next_delivery", "active"})

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        return {
            **self.resolve_keys(record, ctx),
            "quantity": f.decimal(record, "quantity", column=Stock._meta.get_field("quantity")),
            "next_delivery": f.iso_date(record, "next_delivery"),
        }
