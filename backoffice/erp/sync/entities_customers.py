"""Customer files: companies with addresses and category discounts, their main accounts."""
from django.contrib.auth.hashers import make_password
from stdnum.pl import nip as pl_nip

from backoffice.accounts.models import Address, Company, User
from backoffice.catalog.models import Category
from backoffice.core.roles import Role
from backoffice.pricing.models import CategoryDiscount, PriceList
from backoffice.registration.models import RegistrationSettings

from . import fields as f
from .engine import EntitySync, SyncContext
from .fields import RowRejected

ADDRESS_KEYS = frozenset({"erp_id", "name", "street", "postal_code", "city", "country", "phone", "platform_id"})
DISCOUNT_KEYS = frozenset({"category_erp_id", "percent"})


def _money(record: dict, key: str, *, negative: bool = False):
    return f.decimal(record, key, required=False, negative=negative, column=Company._meta.get_field(key))


def _address(value, where: str, *, need_id: bool) -> dict:
    f.nested(value, where, ADDRESS_KEYS)
    country = f.text(value, "country", 2)
    if len(country) != 2 or not country.isupper():
        raise RowRejected(f"'{where}.country' must be a two-letter country code")
    f.text(value, "platform_id", 32, required=False)  # read by _link_platform_addresses
    return {
        "erp_id": f.erp_id(value, "erp_id", required=need_id),
        "name": f.text(value, "name", 255, required=False),
        "street": f.text(value, "street", 255),
        "postal_code": f.text(value, "postal_code", 16),
        "city": f.text(value, "city", 128),
        "country": country,
        "phone": f.text(value, "phone", 32, required=False),
    }


class CustomerSync(EntitySync):
    """Only customers flagged for B2B access are imported; a flag turned off revokes access."""

    file = "customers.jsonl"
    model = Company
    update_fields = (
        "name", "nip", "email", "phone", "street", "postal_code", "city", "country", "currency", "price_list_id",
        "sales_rep_id", "payment_terms_days", "may_buy_on_terms", "credit_limit", "balance", "overdue_amount",
        "logistic_minimum", "is_dropshipping", "b2b_access",
    )
    allowed = frozenset({
        "erp_id", "name", "nip", "b2b_access", "email", "phone", "address", "shipping_addresses", "currency",
        "price_list_erp_id", "sales_rep_erp_id", "payment_terms_days", "may_buy_on_terms", "credit_limit", "balance",
        "overdue_amount", "logistic_minimum", "dropshipping", "category_discounts", "active",
    })

    def managed(self):
        return Company.objects.filter(erp_id__isnull=False)

    def skip(self, record, ctx):
        return record.get("b2b_access") is False and record.get("erp_id") not in ctx.id_map(Company)

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        currency = f.currency(record, "currency")
        nip = f.text(record, "nip", 12, required=False).removeprefix("PL")
        if nip and not pl_nip.is_valid(nip):
            raise RowRejected(f"invalid NIP {nip}")
        address = _address(f.req(record, "address"), "address", need_id=False)
        price_list = f.erp_id(record, "price_list_erp_id", required=False)
        price_list_id = None
        if price_list:
            price_list_id = ctx.ref(PriceList, price_list, "price list")
            if ctx.id_map(PriceList, value="currency")[price_list] != currency:
                raise RowRejected(f"price list '{price_list}' is not in the customer's currency {currency}")
        rep = f.erp_id(record, "sales_rep_erp_id", required=False)
        self._check_lists(record, ctx)
        return {
            "erp_id": f.erp_id(record, "erp_id"),
            "name": f.text(record, "name", 255),
            "nip": nip,
            "email": f.email(record, "email", required=False),
            "phone": f.text(record, "phone", 32, required=False),
            "street": address["street"],
            "postal_code": address["postal_code"],
            "city": address["city"],
            "country": address["country"],
            "currency": currency,
            "price_list_id": price_list_id,
            "sales_rep_id": ctx.ref(User, rep, "sales rep") if rep else None,
            "payment_terms_days": f.integer(record, "payment_terms_days", maximum=365),
            "may_buy_on_terms": f.boolean(record, "may_buy_on_terms", default=False),
            "credit_limit": _money(record, "credit_limit"),
            "balance": _money(record, "balance", negative=True) or 0,
            "overdue_amount": _money(record, "overdue_amount") or 0,
            "logistic_minimum": _money(record, "logistic_minimum"),
            "is_dropshipping": f.boolean(record, "dropshipping", default=False),
            "b2b_access": f.boolean(record, "b2b_access"),
        }

    @staticmethod
    def _check_lists(record, ctx):
        addresses = record.get("shipping_addresses") or []
        if not isinstance(addresses, list):
            raise RowRejected("'shipping_addresses' must be a list")
        ids = [_address(a, "shipping_addresses", need_id=True)["erp_id"] for a in addresses]
        if len(ids) != len(set(ids)):
            raise RowRejected("two shipping addresses share an erp_id")
        discounts = record.get("category_discounts") or []
        if not isinstance(discounts, list):
            raise RowRejected("'category_discounts' must be a list")
        parents = ctx.id_map(Category, value="parent_id")
        seen = set()
        for discount in discounts:
            f.nested(discount, "category_discounts", DISCOUNT_KEYS)
            category = f.erp_id(discount, "category_erp_id")
            if category not in parents:
                raise RowRejected(f"unknown category '{category}' in category_discounts")
            if parents[category] is not None:
                raise RowRejected(f"category discounts apply to top-level categories only ('{category}' is not one)")
            percent = f.decimal(discount, "percent", column=CategoryDiscount._meta.get_field("percent"))
            if percent > 100:
                raise RowRejected("a discount cannot exceed 100%")
            if category in seen:
                raise RowRejected(f"category '{category}' has two discounts")
            seen.add(category)

    def after_write(self, rows, ctx):
        company_ids = [row.pk for row in rows]
        self._write_addresses(rows, company_ids)
        self._write_discounts(rows, company_ids, ctx)
        self._create_main_accounts([row for row in rows if row.is_new])

    @staticmethod
    def _write_addresses(rows, company_ids):
        wanted = []
        for row in rows:
            for value in row.record.get("shipping_addresses") or []:
                address = _address(value, "shipping_addresses", need_id=True)
                address["name"] = address["name"] or row.fields["name"]
                wanted.append(Address(company_id=row.pk, kind=Address.Kind.SHIPPING, is_active=True, **address))
        CustomerSync._link_platform_addresses(rows)
        Address.objects.filter(company_id__in=company_ids, erp_id__isnull=False).update(is_active=False)
        Address.objects.bulk_create(
            wanted,
            update_conflicts=True,
            unique_fields=["company", "erp_id"],
            update_fields=["kind", "name", "street", "postal_code", "city", "country", "phone", "is_active"],
        )

    @staticmethod
    def _link_platform_addresses(rows):
        """A07-A09: an address the customer added went to the ERP with an order (`platform_id`);
        the ERP sends it back with its own erp_id and that platform_id. The customer's row gets the
        erp_id, so the upsert below updates it instead of adding a second row. Rare: one query each."""
        for row in rows:
            for value in row.record.get("shipping_addresses") or []:
                platform_id = str(value.get("platform_id") or "")
                if not platform_id.isdigit():
                    continue
                if Address.objects.filter(company_id=row.pk, erp_id=value["erp_id"]).exists():
                    continue  # the ERP's row is here already: keep it, leave the customer's row as it is
                Address.objects.filter(company_id=row.pk, pk=int(platform_id), erp_id__isnull=True).update(erp_id=value["erp_id"])

    @staticmethod
    def _write_discounts(rows, company_ids, ctx: SyncContext):
        categories = ctx.id_map(Category)
        wanted = [
            CategoryDiscount(company_id=row.pk, category_id=categories[d["category_erp_id"]], percent=d["percent"], is_active=True)
            for row in rows
            for d in row.record.get("category_discounts") or []
        ]
        CategoryDiscount.objects.filter(company_id__in=company_ids).update(is_active=False)
        CategoryDiscount.objects.bulk_create(
            wanted, update_conflicts=True, unique_fields=["company", "category"], update_fields=["percent", "is_active"]
        )

    @staticmethod
    def _create_main_accounts(rows):
        """A5: each new customer with an email gets its main account (no password until the welcome email)."""
        emails = {row.fields["email"] for row in rows if row.fields["email"]}
        taken = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        unusable = make_password(None)
        users = []
        for row in rows:
            email = row.fields["email"]
            if email and email not in taken:
                taken.add(email)
                users.append(User(email=email, role=Role.CUSTOMER, company_id=row.pk, password=unusable))
        User.objects.bulk_create(users)
        if users and RegistrationSettings.current().auto_welcome_erp_customers:
            _welcome(users)


def _welcome(created: list[User]) -> None:
    """A05, automatic variant: the new main accounts get the welcome email (queued, sent after the
    import commits; nothing is sent if it rolls back). Updated customers never get it again."""
    from backoffice.accounts.services import user_send_welcome_email

    for user in User.objects.filter(email__in=[u.email for u in created]).select_related("company"):
        user_send_welcome_email(user=user)
