"""The "orders" namespace: cart, checkout, order history and the buyer's ordering tools.

Each area keeps its own URL module so the pieces stay small.
"""
from . import urls_cart, urls_checkout, urls_history, urls_payments, urls_tools

app_name = "orders"

urlpatterns = [*urls_cart.urlpatterns, *urls_checkout.urlpatterns, *urls_history.urlpatterns, *urls_tools.urlpatterns, *urls_payments.urlpatterns]
