"""Catalog master data, synchronised from the ERP: warehouses, categories, brands, products."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from parler.models import TranslatableModel, TranslatedFields

from backoffice.core.synced import ErpSynced


class Warehouse(ErpSynced):
    """A warehouse goods ship from: our own (local) or an external supplier's (S03/S08)."""

    class Kind(models.TextChoices):
        LOCAL = "local", _("own warehouse")
        SUPPLIER = "supplier", _("external supplier")

    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.LOCAL)
    lead_time_days_min = models.PositiveSmallIntegerField(_("delivery lead time from (days)"), null=True, blank=True)
    lead_time_days_max = models.PositiveSmallIntegerField(_("delivery lead time to (days)"), null=True, blank=True)

    class Meta:
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(ErpSynced, TranslatableModel):
    """An assortment group. `path` ("/12/40/97/") makes subtree queries one indexed LIKE."""

    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True)
    parent = models.ForeignKey("self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    path = models.CharField(_("path"), max_length=255, db_index=True, blank=True)
    warehouse = models.ForeignKey(
        Warehouse, verbose_name=_("ships from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="categories"
    )
    sort = models.IntegerField(_("sort order"), default=0)
    restricted = models.BooleanField(
        _("visible only to assigned customers"),
        default=False,
        help_text=_("C04: the category and everything below it is hidden from customers it is not assigned to."),
    )
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=200))

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["path"]

    def __str__(self):
        return self.safe_translation_getter("name", any_language=True) or self.erp_id


class Brand(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        ordering = ["name"]

    def __str__(self):
        return self.name


class StoredImage(models.Model):
    """An image file stored once per content (sha256), shared by every product that uses it."""

    sha256 = models.CharField(max_length=64, unique=True)
    file = models.ImageField(_("file"), upload_to="products/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("product image file")
        verbose_name_plural = _("product image files")

    def __str__(self):
        return self.file.name


class Product(ErpSynced, TranslatableModel):
    erp_id = models.CharField(_("ERP id"), max_length=64, unique=True)
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    ean = models.CharField(_("EAN"), max_length=14, blank=True, db_index=True)
    brand = models.ForeignKey(Brand, verbose_name=_("brand"), null=True, blank=True, on_delete=models.SET_NULL, related_name="products")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products")
    vat_rate = models.DecimalField(_("VAT rate %"), max_digits=5, decimal_places=2, default=23)
    base_unit = models.CharField(_("base unit"), max_length=16, default="szt")
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=10, decimal_places=3, null=True, blank=True)
    length_cm = models.DecimalField(_("length (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(_("width (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(_("height (cm)"), max_digits=8, decimal_places=1, null=True, blank=True)
    units_per_pallet = models.PositiveIntegerField(_("units per pallet"), null=True, blank=True)
    is_oversize = models.BooleanField(_("oversize"), default=False)
    variant_group = models.CharField(
        _("variant group"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("C11: products with the same group are variants of one another (colour, size...)."),
    )
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=255),
        description=models.TextField(_("description"), blank=True),
        attributes=models.JSONField(_("attributes"), default=dict, blank=True),
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sku"]

    def __str__(self):
        return f"{self.sku} {self.safe_translation_getter('name', any_language=True) or ''}".strip()


class ProductUnit(models.Model):
    """An auxiliary sales unit (S09): e.g. carton = 12 base units."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(_("unit"), max_length=16)
    factor = models.DecimalField(_("base units per unit"), max_digits=12, decimal_places=4)
    ean = models.CharField(_("EAN"), max_length=14, blank=True)

    class Meta:
        verbose_name = _("auxiliary unit")
        verbose_name_plural = _("auxiliary units")
        constraints = [models.UniqueConstraint(fields=["product", "code"], name="catalog_unit_unique")]

    def __str__(self):
        return f"{self.code} = {self.factor} {self.product.base_unit}"


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(StoredImage, on_delete=models.PROTECT, related_name="+")
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort"]
        constraints = [models.UniqueConstraint(fields=["product", "sort"], name="catalog_image_unique")]


class CustomerProductCode(ErpSynced):
    """C09: the customer's own code for a product; searchable by that customer, never displayed."""

    company = models.ForeignKey("accounts.Company", on_delete=models.CASCADE, related_name="product_codes", db_index=False)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="customer_codes")
    code = models.CharField(_("customer's code"), max_length=64)

    class Meta:
        verbose_name = _("customer product code")
        verbose_name_plural = _("customer product codes")
        constraints = [models.UniqueConstraint(fields=["company", "product"], name="catalog_code_unique")]
        indexes = [models.Index(fields=["company", "code"])]


class CategoryAccess(models.Model):
    """C04: a restricted category (and its subtree) that a customer may see."""

    company = models.ForeignKey("accounts.Company", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="category_access")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="access")

    class Meta:
        verbose_name = _("category assigned to a customer")
        verbose_name_plural = _("categories assigned to customers")
        constraints = [models.UniqueConstraint(fields=["company", "category"], name="catalog_categoryaccess_unique")]

    def __str__(self):
        return f"{self.company} – {self.category}"


class ProductLink(models.Model):
    """C11: "similar products" chosen by staff; shown both ways on the product card."""

    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="links_from")
    linked = models.ForeignKey(Product, verbose_name=_("similar product"), on_delete=models.CASCADE, related_name="links_to")
    sort = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("similar product")
        verbose_name_plural = _("similar products")
        ordering = ["sort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "linked"], name="catalog_productlink_unique"),
            models.CheckConstraint(condition=~models.Q(product=models.F("linked")), name="catalog_productlink_not_self"),
        ]

    def __str__(self):
        return f"{self.product} ~ {self.linked}"


class ComplementaryProduct(models.Model):
    """C12: a product offered on the card of every product of a lowest-level category."""

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="complements")
    product = models.ForeignKey(Product, verbose_name=_("complementary product"), on_delete=models.CASCADE, related_name="complement_of")
    sort = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("complementary product")
        verbose_name_plural = _("complementary products")
        ordering = ["sort", "pk"]
        constraints = [models.UniqueConstraint(fields=["category", "product"], name="catalog_complement_unique")]

    def __str__(self):
        return f"{self.category}: {self.product}"


from .models_search import ProductFacet, SearchDocument, SearchSynonym  # noqa: E402,F401  (models of this app)
