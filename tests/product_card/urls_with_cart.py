"""The project's URLs plus a stand-in `orders:add_to_cart`, to see the card wire its form to it."""
from django.http import HttpResponse
from django.urls import include, path

from backoffice.urls import urlpatterns as project_urlpatterns

orders = ([path("cart/add/", lambda request: HttpResponse("added"), name="add_to_cart")], "orders")
urlpatterns = [path("orders/", include(orders)), *project_urlpatterns]
