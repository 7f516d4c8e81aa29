"""Every delivery and payment method code has its handler registered by its app (the apps'
CheckoutMethodsAppConfig.ready), so checkout can offer it."""
from backoffice.orders.checkout import DeliveryMethod, PaymentMethod
from backoffice.orders.checkout_methods import DELIVERY, PAYMENT, method_handler, registered_methods


def test_every_method_code_has_a_registered_handler():
    assert {h.code for h in registered_methods(DELIVERY)} == set(DeliveryMethod.values)
    assert {h.code for h in registered_methods(PAYMENT)} == set(PaymentMethod.values)
    assert method_handler(PAYMENT, PaymentMethod.BANK_TRANSFER).prepaid and method_handler(PAYMENT, PaymentMethod.ONLINE).prepaid
    assert not method_handler(PAYMENT, PaymentMethod.ON_TERMS).prepaid and not method_handler(PAYMENT, PaymentMethod.CASH_ON_DELIVERY).prepaid
