"""Catalog files: sales reps, warehouses, categories, price lists, products."""
from django.contrib.auth.hashers import make_password

from backoffice.accounts.models import User
from backoffice.catalog.search.indexing import SearchEntry, search_entries_write
from backoffice.catalog.models import ProductFacet, SearchDocument
from backoffice.catalog.models import Brand, Category, Product, ProductImage, ProductUnit, Warehouse
from backoffice.core.roles import Role
from backoffice.pricing.models import PriceList

from . import fields as f
from .engine import EntitySync, Row
from .fields import RowRejected
from .writer import upsert


class SalesRepSync(EntitySync):
    file = "sales_reps.jsonl"
    model = User
    update_fields = ("email", "first_name", "last_name", "phone", "photo", "role")
    allowed = frozenset({"erp_id", "email", "first_name", "last_name", "phone", "photo", "active"})

    def managed(self):
        return User.objects.filter(role=Role.SALES_REP, erp_id__isnull=False)

    def __init__(self):
        self.emails: dict[str, str] = {}  # email -> erp_id within this file

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        erp_id = f.erp_id(record, "erp_id")
        email = f.email(record, "email", required=True)
        if self.emails.setdefault(email, erp_id) != erp_id:
            raise RowRejected(f"email {email} is used by two sales reps in this file")
        owner = ctx.id_map(User, key="email", value="erp_id")
        if email in owner and owner[email] not in (None, erp_id):
            raise RowRejected(f"email {email} already belongs to another account")
        if email in owner and owner[email] is None:
            self._link_existing_account(email, erp_id, ctx)
        fields = {
            "erp_id": erp_id,
            "email": email,
            "first_name": f.text(record, "first_name", 150),
            "last_name": f.text(record, "last_name", 150),
            "phone": f.text(record, "phone", 32, required=False),
            "photo": "",
            "role": Role.SALES_REP,
            "password": make_password(None),  # kept on update: only new reps get it
        }
        if record.get("photo"):
            fields["photo"] = ctx.images.person_photo(f.text(record, "photo", 255))
        return fields


    @staticmethod
    def _link_existing_account(email: str, erp_id: str, ctx) -> None:
        """A sales staff account made on the platform before the ERP knew the rep gets the ERP id.
        Any other account (a customer, an administrator) with that email is not turned into a rep."""
        if erp_id in ctx.id_map(User):
            raise RowRejected(f"email {email} already belongs to another account")
        account_role = User.objects.filter(email=email).values_list("role", flat=True).first()
        if account_role not in (Role.SALES_REP, Role.SALES_MANAGER):
            raise RowRejected(f"email {email} belongs to an account that is not a sales rep")
        User.objects.filter(email=email).update(erp_id=erp_id)
        ctx.forget(User)


class WarehouseSync(EntitySync):
    file = "warehouses.jsonl"
    model = Warehouse
    update_fields = ("name", "kind", "lead_time_days_min", "lead_time_days_max")
    allowed = frozenset({"erp_id", "name", "kind", "lead_time_days_min", "lead_time_days_max", "active"})

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        kind = f.req(record, "kind")
        if kind not in Warehouse.Kind.values:
            raise RowRejected("'kind' must be 'local' or 'supplier'")
        return {
            "erp_id": f.erp_id(record, "erp_id"),
            "name": f.text(record, "name", 120),
            "kind": kind,
            "lead_time_days_min": f.integer(record, "lead_time_days_min", maximum=365),
            "lead_time_days_max": f.integer(record, "lead_time_days_max", maximum=365),
        }


def upsert_translations(model, rows: list[Row], texts_of, fields: tuple[str, ...]) -> None:
    """Write parler translation rows (one per language present) for the given records."""
    translation_model = model._parler_meta.root_model
    values = [
        {"master_id": row.pk, "language_code": language, **texts}
        for row in rows
        for language, texts in texts_of(row.record).items()
    ]
    upsert(translation_model, values, ("language_code", "master_id"), fields)
    # A language the ERP stopped sending is removed, not left behind with old text.
    sent = {(value["master_id"], value["language_code"]) for value in values}
    changed = [row.pk for row in rows if not row.is_new]
    if changed:
        stale = [
            pk
            for pk, master_id, language in translation_model.objects.filter(master_id__in=changed).values_list("pk", "master_id", "language_code")
            if (master_id, language) not in sent
        ]
        translation_model.objects.filter(pk__in=stale).delete()


class CategorySync(EntitySync):
    file = "categories.jsonl"
    model = Category
    update_fields = ("warehouse_id", "sort")
    allowed = frozenset({"erp_id", "parent_erp_id", "name", "warehouse_erp_id", "sort", "active"})

    def __init__(self):
        self.parents: dict[str, str | None] = {}

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        erp_id = f.erp_id(record, "erp_id")
        parent = f.erp_id(record, "parent_erp_id", required=False)
        if parent is not None and parent not in self.parents and parent not in ctx.id_map(Category):
            raise RowRejected(f"unknown parent category '{parent}' (parents must come before their children)")
        if parent == erp_id:
            raise RowRejected("a category cannot be its own parent")
        f.translated(record, "name", 200)
        warehouse = f.erp_id(record, "warehouse_erp_id", required=False)
        self.parents[erp_id] = parent
        return {
            "erp_id": erp_id,
            "warehouse_id": ctx.ref(Warehouse, warehouse, "warehouse") if warehouse else None,
            "sort": f.integer(record, "sort", minimum=-(2**31)) or 0,
        }

    def after_write(self, rows, ctx):
        upsert_translations(Category, rows, lambda r: {lang: {"name": name} for lang, name in r["name"].items() if name}, ("name",))

    def finish(self, ctx):
        """Parents, levels and paths for the whole tree (a few thousand rows at most)."""
        nodes = {erp_id: [pk, parent_id, level, path] for pk, erp_id, parent_id, level, path in Category.objects.values_list("pk", "erp_id", "parent_id", "level", "path")}
        by_pk = {node[0]: erp_id for erp_id, node in nodes.items()}
        desired_parent = {erp_id: (by_pk.get(node[1])) for erp_id, node in nodes.items()}
        desired_parent.update(self.parents)
        changed = []

        def place(erp_id, depth=0):
            node = nodes[erp_id]
            parent = desired_parent.get(erp_id)
            if parent is None or depth > 50 or parent not in nodes:
                parent_id, level, path = None, 0, f"/{node[0]}/"
            else:
                parent_path, parent_level = place(parent, depth + 1)
                parent_id, level, path = nodes[parent][0], parent_level + 1, f"{parent_path}{node[0]}/"
            if (node[1], node[2], node[3]) != (parent_id, level, path):
                node[1:] = [parent_id, level, path]
                changed.append(node)
            return path, level

        for erp_id in nodes:
            place(erp_id)
        unique = {node[0]: node for node in changed}.values()
        Category.objects.bulk_update(
            [Category(pk=pk, parent_id=parent_id, level=level, path=path) for pk, parent_id, level, path in unique],
            ["parent_id", "level", "path"],
            batch_size=500,
        )


class PriceListSync(EntitySync):
    file = "price_lists.jsonl"
    model = PriceList
    update_fields = ("name", "currency")
    allowed = frozenset({"erp_id", "name", "currency", "active"})

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        return {"erp_id": f.erp_id(record, "erp_id"), "name": f.text(record, "name", 120), "currency": f.currency(record, "currency")}


VAT_RATES = {"23", "8", "5", "0"}
DIMENSION_KEYS = frozenset({"length", "width", "height"})
UNIT_KEYS = frozenset({"code", "factor", "ean"})


def _column(model, name):
    return model._meta.get_field(name)


class ProductSync(EntitySync):
    file = "products.jsonl"
    model = Product
    derived_models = (SearchDocument, ProductFacet)  # written along (search index): their statistics too
    update_fields = (
        "sku", "ean", "brand_id", "category_id", "vat_rate", "base_unit", "weight_kg", "length_cm", "width_cm",
        "height_cm", "units_per_pallet", "is_oversize",
    )
    allowed = frozenset({
        "erp_id", "sku", "ean", "name", "description", "brand", "category_erp_id", "vat_rate", "base_unit", "units",
        "weight_kg", "dimensions_cm", "units_per_pallet", "oversize", "attributes", "images", "active",
    })

    def __init__(self):
        self.skus: dict[str, str] = {}
        self.brands: dict[str, int] = {}

    def _brand_id(self, name: str) -> int | None:
        if not name:
            return None
        if not self.brands:
            self.brands = dict(Brand.objects.values_list("name", "pk"))
        if name not in self.brands:
            self.brands[name] = Brand.objects.get_or_create(name=name)[0].pk
        return self.brands[name]

    def parse(self, record, ctx):
        f.allowed_keys(record, self.allowed)
        erp_id = f.erp_id(record, "erp_id")
        sku = f.text(record, "sku", 64)
        owner = self.skus.setdefault(sku, erp_id)
        known = ctx.id_map(Product, key="sku", value="erp_id").get(sku)
        if owner != erp_id or known not in (None, erp_id):
            raise RowRejected(f"SKU {sku} is already used by product '{owner if owner != erp_id else known}'")
        f.translated(record, "name", 255)
        f.translated(record, "description", 100_000, required=False)
        vat = f.req(record, "vat_rate")
        if vat not in VAT_RATES:
            raise RowRejected(f"'vat_rate' must be one of {', '.join(sorted(VAT_RATES))}")
        dims = record.get("dimensions_cm")
        if dims is not None:
            f.nested(dims, "dimensions_cm", DIMENSION_KEYS)
            if not dims.keys() == DIMENSION_KEYS:
                raise RowRejected("'dimensions_cm' needs length, width and height")
        dims = dims or {}
        self._check_units(record)
        self._check_attributes(record)
        images = record.get("images") or []
        if not isinstance(images, list) or not all(isinstance(path, str) for path in images):
            raise RowRejected("'images' must be a list of file paths")
        return {
            "erp_id": erp_id,
            "sku": sku,
            "ean": f.ean(record, "ean"),
            "brand_id": self._brand_id(f.text(record, "brand", 120, required=False)),
            "category_id": ctx.ref(Category, f.erp_id(record, "category_erp_id"), "category"),
            "vat_rate": vat,
            "base_unit": f.text(record, "base_unit", 16),
            "weight_kg": f.decimal(record, "weight_kg", required=False, column=_column(Product, "weight_kg")),
            "length_cm": f.decimal(dims, "length", required=False, column=_column(Product, "length_cm")),
            "width_cm": f.decimal(dims, "width", required=False, column=_column(Product, "width_cm")),
            "height_cm": f.decimal(dims, "height", required=False, column=_column(Product, "height_cm")),
            "units_per_pallet": f.integer(record, "units_per_pallet", minimum=1),
            "is_oversize": f.boolean(record, "oversize", default=False),
        }

    @staticmethod
    def _check_units(record):
        units = record.get("units") or []
        if not isinstance(units, list):
            raise RowRejected("'units' must be a list")
        codes = set()
        for unit in units:
            f.nested(unit, "units", UNIT_KEYS)
            code = f.text(unit, "code", 16)
            factor = f.decimal(unit, "factor", column=_column(ProductUnit, "factor"))
            if factor <= 0:
                raise RowRejected(f"unit '{code}': the conversion factor must be greater than zero")
            f.ean(unit, "ean")
            if code in codes or code == record.get("base_unit"):
                raise RowRejected(f"unit '{code}' is listed twice")
            codes.add(code)

    @staticmethod
    def _check_attributes(record):
        attributes = record.get("attributes") or {}
        if not isinstance(attributes, dict) or not attributes.keys() <= {"pl", "en"}:
            raise RowRejected("'attributes' must be an object with 'pl' and 'en' name -> value maps")
        for values in attributes.values():
            if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
                raise RowRejected("attribute values must be text")

    def after_write(self, rows, ctx):
        def texts(record):
            names, descriptions, attributes = record["name"], record.get("description") or {}, record.get("attributes") or {}
            return {
                lang: {"name": names.get(lang) or names["pl"], "description": descriptions.get(lang, ""), "attributes": attributes.get(lang, {})}
                for lang in ("pl", "en")
                if lang == "pl" or names.get(lang)
            }

        upsert_translations(Product, rows, texts, ("name", "description", "attributes"))
        changed = [row.pk for row in rows if not row.is_new]  # new products have no old units or images
        if changed:
            ProductUnit.objects.filter(product_id__in=changed).delete()
            ProductImage.objects.filter(product_id__in=changed).delete()
        units = [
            {"product_id": row.pk, "code": unit["code"], "factor": unit["factor"], "ean": unit.get("ean", "")}
            for row in rows
            for unit in row.record.get("units") or []
        ]
        upsert(ProductUnit, units, ("product_id", "code"), ("factor", "ean"))
        images, incomplete = [], []
        for row in rows:
            for sort, path in enumerate(row.record.get("images") or []):
                try:
                    images.append(ProductImage(product_id=row.pk, image_id=ctx.images.stored_image_id(path), sort=sort))
                except RowRejected as exc:
                    ctx.counts["images"].rejected += 1
                    ctx.reject(self.file, row.line, row.record["erp_id"], f"image skipped: {exc}")
                    incomplete.append(row.pk)
        ProductImage.objects.bulk_create(images)
        # No stored digest for a product whose image was refused: the next package retries it even
        # when its line is unchanged (the file may have been fixed under the same name).
        Product.objects.filter(pk__in=incomplete).update(erp_hash="")
        self._index(rows)

    @staticmethod
    def _index(rows):
        """Search text and facets straight from the records just written: no reads."""
        entries = []
        for row in rows:
            record = row.record
            names = {lang: name for lang, name in record["name"].items() if name}
            attributes = record.get("attributes") or {}
            entries.append(SearchEntry(
                product_id=row.pk, sku=row.fields["sku"], ean=row.fields["ean"] or "",
                unit_eans=[unit["ean"] for unit in record.get("units") or [] if unit.get("ean")],
                brand=record.get("brand") or "", names=names,
                attributes={lang: values for lang, values in attributes.items() if lang in names or lang == "pl"},
            ))
        search_entries_write(entries, replace=any(not row.is_new for row in rows))
