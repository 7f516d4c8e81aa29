"""StreamField blocks the marketing team arranges pages from (K01/K02)."""
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .validators import safe_link


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or address"), required=False, help_text=_("e.g. /account/ or https://..."), validators=[safe_link]
    )

    class Meta:
        icon = "link"


class HeroBannerBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    image = ImageChooserBlock(label=_("image"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), required=False, max_length=40)
    button_link = LinkBlock(label=_("button link"), required=False)

    class Meta:
        icon = "image"
        label = _("Hero banner")
        template = "content/blocks/hero_banner.html"


class CategoryTileBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    image = ImageChooserBlock(label=_("image"), required=False)
    link = LinkBlock(label=_("link"), required=False)


class CategoryTilesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    tiles = blocks.ListBlock(CategoryTileBlock(), label=_("tiles"))

    class Meta:
        icon = "grip"
        label = _("Category tiles")
        template = "content/blocks/category_tiles.html"


class ProductTeasersBlock(blocks.StructBlock):
    """Products picked by the platform for the customer viewing the page (their visibility and
    prices); editors previewing the page see a note instead, as they have no customer catalog."""

    heading = blocks.CharBlock(label=_("heading"))
    source = blocks.ChoiceBlock(
        label=_("products"),
        choices=[("new", _("New products")), ("promoted", _("Promotions")), ("bestsellers", _("Most viewed"))],
    )
    count = blocks.IntegerBlock(label=_("how many"), default=8, min_value=1, max_value=24)

    class Meta:
        icon = "list-ul"
        label = _("Product teasers")
        template = "content/blocks/product_teasers.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["tiles"] = _teaser_tiles(request, value["source"], value["count"]) if request else []
        return context


def _teaser_tiles(request, source: str, count: int):
    from django.utils.translation import get_language

    from backoffice.catalog.listing import teaser_tiles
    from backoffice.catalog.selectors import catalog_access_for, featured_products
    from backoffice.core.permissions import is_buyer
    from storefront.tiles import tiles_html

    user = getattr(request, "user", None)
    if user is None or not is_buyer(user):
        return []
    access = catalog_access_for(request.user)
    items = teaser_tiles(request.user.company, featured_products(access, source, limit=count), language=get_language() or "pl", limit=count)
    return tiles_html(items)


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = "content/blocks/rich_text.html"


HOME_BLOCKS = [
    ("hero", HeroBannerBlock()),
    ("text", RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", "image"])),
    ("category_tiles", CategoryTilesBlock()),
    ("product_teasers", ProductTeasersBlock()),
]
BANNER_BLOCKS = [("banner", HeroBannerBlock())]
