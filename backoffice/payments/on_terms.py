"""F01, F16, F17: trade credit. Offered to customers the ERP allows to buy on terms, as long as
they have no overdue payments and the order fits the credit still available to them.

The figures come from the ERP (Company: credit_limit, balance > 0 = the customer owes us,
overdue_amount). The order is compared by its goods' gross value: shipping and fees are not
included, because the payment methods are offered before the buyer picks the delivery method
(they add little, and the ERP operator checks the final document anyway).

When paying on terms is refused for overdue payments or the limit, the buyer is told why at
checkout (refusal(), above the payment methods) and may pay another way; order_place then marks
the order payment_check_required, so the ERP document asks the operator to check payments. A buyer
who may not see finance (A10) is told politely, without any amounts, and the panel hides the
available credit.
"""
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.core.money import money_text
from backoffice.core.permissions import may_see_finance
from backoffice.orders.checkout import PaymentMethod
from backoffice.orders.checkout_methods import PAYMENT, CheckoutMethod, MethodContext

from .texts import day_text

ZERO = Decimal("0")
NOT_ALLOWED, OVERDUE, OVER_LIMIT = "not_allowed", "overdue", "over_limit"


@dataclass(frozen=True)
class CreditCheck:
    refused_for: str  # "" when the buyer may pay on terms, else NOT_ALLOWED / OVERDUE / OVER_LIMIT
    overdue: Decimal
    limit: Decimal | None  # None: no limit
    available: Decimal | None  # limit - balance (never below 0); None: no limit
    terms_days: int | None

    @property
    def ok(self) -> bool:
        return not self.refused_for


def credit_check(company, order_gross: Decimal) -> CreditCheck:
    """May `company` buy `order_gross` (its currency) on terms now?"""
    overdue = company.overdue_amount or ZERO
    limit = company.credit_limit
    available = None if limit is None else max(limit - (company.balance or ZERO), ZERO)
    if not company.may_buy_on_terms:
        reason = NOT_ALLOWED
    elif overdue > 0:
        reason = OVERDUE
    elif available is not None and order_gross > available:  # exactly the available credit is fine
        reason = OVER_LIMIT
    else:
        reason = ""
    return CreditCheck(reason, overdue, limit, available, company.payment_terms_days)


def shows_finance(ctx: MethodContext) -> bool:
    """May the buyer at checkout see amounts of the company's credit (A10)? A context without a
    user is a check by the system itself (previews, tests), not a person: amounts are shown."""
    return ctx.user is None or may_see_finance(ctx.user)


def due_date_text(order) -> str:
    """The due date of an order on terms: its placing date + the customer's payment term."""
    days = order.company.payment_terms_days
    if not days:
        return ""
    return day_text(timezone.localdate(order.placed_at) + timedelta(days=days))


class OnTermsPayment(CheckoutMethod):
    kind = PAYMENT
    code = PaymentMethod.ON_TERMS.value
    label = gettext_lazy("on payment terms")
    position = 10
    panel_template = "payments/on_terms_panel.html"

    def check(self, ctx: MethodContext) -> CreditCheck:
        key = ("on_terms", "credit")
        if key not in ctx.cache:
            ctx.cache[key] = credit_check(ctx.company, ctx.goods_gross)
        return ctx.cache[key]

    def is_offered(self, ctx) -> bool:
        return self.check(ctx).ok

    def refusal(self, ctx) -> str | None:
        check = self.check(ctx)
        if check.refused_for in (OVERDUE, OVER_LIMIT) and not shows_finance(ctx):
            # A10: balances, limits and overdue amounts are for users who may see finance only.
            return _("Buying on payment terms is not available for this order right now. Please contact the person responsible "
                     "for payments in your company; meanwhile you can pay for this order with one of the methods below.")
        if check.refused_for == OVERDUE:
            return _("You have overdue payments of %(amount)s. Please settle them to buy on payment terms again; "
                     "meanwhile you can pay for this order with one of the methods below.") % {
                "amount": money_text(check.overdue, ctx.currency)}
        if check.refused_for == OVER_LIMIT:
            return _("This order (%(order)s gross) exceeds the trade credit available to you: %(available)s of your %(limit)s limit. "
                     "Please settle your outstanding invoices to buy on payment terms again, or pay for this order with one of the "
                     "methods below.") % {
                "order": money_text(ctx.goods_gross, ctx.currency), "available": money_text(check.available, ctx.currency),
                "limit": money_text(check.limit, ctx.currency)}
        return None  # not allowed by the ERP at all: the method is simply not shown

    def panel_context(self, ctx) -> dict:
        check = self.check(ctx)
        return {"terms_days": check.terms_days,
                "available": money_text(check.available, ctx.currency) if check.available is not None and shows_finance(ctx) else ""}

    def order_info(self, order) -> list[str]:
        if order.status == order.Status.CANCELLED:
            return []
        if order.paid_at:
            return [_("Paid on %(date)s.") % {"date": day_text(order.paid_at)}]
        days = order.company.payment_terms_days
        if days:
            return [_("Payment on terms: %(days)s days, due by %(date)s (counted from the order date; your invoice states the binding "
                      "date).") % {"days": days, "date": due_date_text(order)}]
        return [_("Payment on terms, as agreed with you; your invoice states the due date.")]


HANDLER = OnTermsPayment()
