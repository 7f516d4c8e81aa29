"""F02: bank-transfer prepayment. The order waits (AWAITING_PAYMENT) until the money is in; staff
(Orders: "Mark as paid") or the ERP's settlement data (order_statuses.jsonl "paid_at") record it
through orders.payment_state.order_mark_paid, which sends the order on to the ERP.

Offered only when the payment settings hold an account for the order's currency: a buyer must
never be asked to pay without being told where to."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.core.money import money_text
from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod, MethodContext
from backoffice.orders.models import Order

from .models import PaymentSettings
from .texts import day_text


def settings_for(ctx: MethodContext) -> PaymentSettings:
    key = ("payments", "settings")
    if key not in ctx.cache:
        ctx.cache[key] = PaymentSettings.current()
    return ctx.cache[key]


def transfer_instructions(order: Order, settings: PaymentSettings | None = None) -> list[str]:
    """What the buyer needs to make the transfer; [] when no account is set for the currency."""
    settings = settings or PaymentSettings.current()
    account = settings.account_for(order.currency)
    if account is None:
        return [_("Please wait for our transfer details: your sales representative will send them.")]
    lines = [
        _("Please pay %(amount)s by bank transfer. We will send the order as soon as the money is in.") % {
            "amount": money_text(order.gross, order.currency)},
        _("Account: %(iban)s") % {"iban": account.iban_display} + (f" ({account.bank_name})" if account.bank_name else ""),
    ]
    if account.swift:
        lines.append(_("SWIFT/BIC: %(swift)s") % {"swift": account.swift})
    beneficiary = ", ".join(part for part in (settings.beneficiary_name, " ".join(settings.beneficiary_address.split())) if part)
    if beneficiary:
        lines.append(_("Beneficiary: %(beneficiary)s") % {"beneficiary": beneficiary})
    lines.append(_("Transfer title: %(title)s") % {"title": settings.transfer_title_for(order.number or str(order.pk))})
    if settings.cancel_unpaid_after_days:
        lines.append(_("An order not paid within %(days)s days is cancelled.") % {"days": settings.cancel_unpaid_after_days})
    return lines


class BankTransferPayment(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.BANK_TRANSFER.value
    label = gettext_lazy("bank transfer (prepayment)")
    position = 20
    prepaid = True
    panel_template = "payments/bank_transfer_panel.html"

    def is_offered(self, ctx) -> bool:
        return settings_for(ctx).account_for(ctx.currency) is not None

    def panel_context(self, ctx) -> dict:
        return {"cancel_after_days": settings_for(ctx).cancel_unpaid_after_days}

    def order_info(self, order) -> list[str]:
        if order.paid_at:
            return [_("Paid on %(date)s.") % {"date": day_text(order.paid_at)}]
        if order.status == Order.Status.AWAITING_PAYMENT:
            return transfer_instructions(order)
        return []

    def erp_comments(self, order) -> list[str]:
        if order.paid_at:  # the ERP gets the order only once paid: tell the operator it is
            reference = f", {order.payment_reference}" if order.payment_reference else ""
            return [f"opłacone z góry przelewem (prepaid by bank transfer) {timezone.localdate(order.paid_at).isoformat()}{reference}"]
        return []


HANDLER = BankTransferPayment()
