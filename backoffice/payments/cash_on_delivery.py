"""F04: cash on delivery, with the optional fee staff set on the method (Delivery and payment
methods in the back office: CheckoutMethodSetting.fee_net, applied by the base cost_net).

Only a courier collects cash: with personal pickup or the buyer's own courier it is refused (the
chosen delivery code is in ctx.cache["delivery_method"], stored by checkout_validate before it
asks the payment handler). PaymentSettings.cod_max_gross caps the order's goods value (gross, in
the limit's currency); above it the method is not offered. That refusal is silent on purpose: a
reason would mark the order "check payments" for the ERP, which is meant for credit problems."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.core.money import money_text
from backoffice.orders.checkout import DeliveryMethod, PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod

from .bank_transfer import settings_for

COLLECTING_DELIVERIES = frozenset({DeliveryMethod.COURIER.value})


class CashOnDeliveryPayment(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.CASH_ON_DELIVERY.value
    label = gettext_lazy("cash on delivery")
    position = 40
    panel_template = "payments/cod_panel.html"

    def is_offered(self, ctx) -> bool:
        settings = settings_for(ctx)
        limit = settings.cod_max_gross
        return limit is None or str(settings.cod_max_currency) != ctx.currency or ctx.goods_gross <= limit

    def validate(self, ctx, extra) -> dict[str, list[str]]:
        delivery = ctx.cache.get("delivery_method") or ""
        if delivery and delivery not in COLLECTING_DELIVERIES:
            return {"payment_method": [_("Cash on delivery is only possible with courier delivery. Choose courier delivery or "
                                         "another payment method.")]}
        return {}

    def panel_context(self, ctx) -> dict:
        settings = settings_for(ctx)
        limit = settings.cod_max_gross
        same_currency = limit is not None and str(settings.cod_max_currency) == ctx.currency
        return {"cod_limit": money_text(limit, ctx.currency) if same_currency else ""}


HANDLER = CashOnDeliveryPayment()
