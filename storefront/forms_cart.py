"""Forms of the cart pages. They only read what was typed; the cart services
(backoffice/orders/cart.py) decide whether it may go into the cart."""
from django import forms
from django.utils.translation import gettext_lazy as _

from backoffice.orders.cart import LineUpdate
from backoffice.orders.cart_import import MAX_FILE_SIZE
from backoffice.orders.quick_order import MAX_TEXT_LENGTH

UNIT_LENGTH = 16


class AddToCartForm(forms.Form):
    """Posted by the product card (product, quantity, unit) and the bundle card (bundle, quantity)."""

    product = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    bundle = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    quantity = forms.CharField(max_length=32, label=_("Quantity"))
    unit = forms.CharField(required=False, max_length=UNIT_LENGTH)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if bool(data.get("product")) == bool(data.get("bundle")):
            raise forms.ValidationError(_("Choose a product or a bundle to add."))
        return data


def line_updates(post, line_ids) -> list[LineUpdate]:
    """The cart page posts `qty-<line>` and `unit-<line>` for every line it shows."""
    updates = []
    for line_id in line_ids:
        quantity = post.get(f"qty-{line_id}")
        if quantity is None:
            continue
        unit = post.get(f"unit-{line_id}")
        updates.append(LineUpdate(line_id, quantity.strip()[:32], None if unit is None else unit.strip()[:UNIT_LENGTH]))
    return updates


class QuickOrderForm(forms.Form):
    lines = forms.CharField(
        label=_("Products and quantities"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "autocomplete": "off",
                                     "placeholder": "WU-700 2\n5901234123457;10\nBIT-8\t1,5"}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_('One product per line: code (SKU or EAN) and quantity, separated by a space, tab, ";" or ",". '
                    "A code alone means one piece; an EAN of a package adds that package."),
    )


class CartImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"), help_text=_("At most 2 MB. Columns: EAN or SKU, quantity."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is too large: at most %(size)s MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)})
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload
