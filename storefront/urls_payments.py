"""Online payment (F03): start, return from the gateway, the gateway's notifications."""
from django.urls import path

from . import views_payments

urlpatterns: list = [
    path("pay/<int:pk>/", views_payments.payment_start_view, name="online_payment_start"),
    path("pay/<int:pk>/return/", views_payments.payment_return, name="online_payment_return"),
    # PayU's server-to-server notifications: public (no login), authenticated by the signature.
    path("pay/payu/notify/", views_payments.payu_notify, name="payu_notify"),
]
