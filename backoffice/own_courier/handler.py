"""L06: delivery by the buyer's own courier. The buyer uploads the courier's shipping label and
its shipment number at checkout; there is no shipping fee; staff get the label by email and in
the back office (admin.py)."""
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.orders.checkout import DeliveryMethod
from backoffice.orders.checkout_methods import DELIVERY, ZERO, CheckoutMethod, MethodContext

from .label_files import EXTENSIONS, LabelRefused, label_inspect, max_bytes

LABEL, NUMBER, CARRIER = "own_courier_label", "own_courier_number", "own_courier_carrier"
NUMBER_MAX = CARRIER_MAX = 64
NUMBER_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./_-]{2,63}$")
ACCEPT = ",".join(["application/pdf", "image/png", "image/jpeg", *EXTENSIONS.values(), ".jpeg"])


def _text(extra: Mapping[str, Any], name: str) -> str:
    return " ".join(str(extra.get(name) or "").split())


class OwnCourierDelivery(CheckoutMethod):
    kind = DELIVERY
    code = DeliveryMethod.OWN_COURIER.value
    label = gettext_lazy("your own courier")
    position = 30
    panel_template = "own_courier/panel.html"

    def extra_fields(self) -> dict[str, forms.Field]:
        return {
            LABEL: forms.FileField(label=gettext_lazy("Shipping label (PDF, PNG or JPEG)"), required=False,
                                   widget=forms.FileInput(attrs={"accept": ACCEPT})),
            NUMBER: forms.CharField(label=gettext_lazy("Shipment number"), required=False, max_length=NUMBER_MAX),
            CARRIER: forms.CharField(label=gettext_lazy("Courier company"), required=False, max_length=CARRIER_MAX,
                                     help_text=gettext_lazy("Optional, e.g. DPD, InPost, DHL.")),
        }

    def validate(self, ctx: MethodContext, extra: Mapping[str, Any]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        upload = extra.get(LABEL)
        if not upload:
            errors[LABEL] = [_("Attach the shipping label from your courier (PDF, PNG or JPEG).")]
        else:
            try:
                label_inspect(upload)
            except LabelRefused as exc:
                errors[LABEL] = [str(exc)]
        number = _text(extra, NUMBER)
        if not number:
            errors[NUMBER] = [_("Enter the shipment number printed on the label.")]
        elif not NUMBER_PATTERN.match(number):
            errors[NUMBER] = [_("The shipment number may have 3 to 64 letters, digits, spaces and . / _ - characters.")]
        if len(_text(extra, CARRIER)) > CARRIER_MAX:
            errors[CARRIER] = [_("The courier company can have at most %(max)s characters.") % {"max": CARRIER_MAX}]
        return errors

    def panel_context(self, ctx: MethodContext) -> dict:
        return {"max_mb": f"{max_bytes() / (1024 * 1024):g}"}

    def cost_net(self, ctx: MethodContext, setting=None):
        return ZERO  # the buyer pays their own courier: never a shipping fee from us

    def cost_details(self, ctx: MethodContext) -> list[dict]:
        return [{"label": _("no shipping fee"), "net": ""}]

    def on_placed(self, order, ctx: MethodContext, extra: Mapping[str, Any]) -> None:
        from .models import OwnCourierLabel

        errors = self.validate(ctx, extra)
        if errors:  # checkout_validate checked it already; never store what was not checked
            raise ValidationError(errors)
        label = label_inspect(extra[LABEL])
        record = OwnCourierLabel(order=order, original_name=label.name, content_type=label.content_type, size=label.size,
                                 sha256=label.sha256, number=_text(extra, NUMBER), carrier=_text(extra, CARRIER))
        record.file.save(label.name, ContentFile(label.content), save=False)
        record.save()

    def after_commit(self, order) -> None:
        from .notify import label_notify_staff

        label_notify_staff(order_id=order.pk)

    def erp_comments(self, order) -> list[str]:
        label = _label_of(order)
        if label is None:
            return []
        return [f"własny kurier klienta (own courier): {label}"]

    def order_info(self, order) -> list[str]:
        label = _label_of(order)
        if label is None:
            return []
        return [_("Your courier: %(courier)s") % {"courier": str(label)}]


def _label_of(order):
    from .models import OwnCourierLabel

    return OwnCourierLabel.objects.filter(order_id=order.pk).first()


HANDLER = OwnCourierDelivery()
