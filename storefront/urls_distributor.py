"""A11: a distributor's end customers and the approval of their orders (/end-customers/)."""
from django.urls import path

from . import views_distributor as views

app_name = "distributor"

urlpatterns: list = [
    path("", views.customers, name="customers"),
    path("new/", views.customer_new, name="customer_new"),
    path("<int:pk>/", views.customer_edit, name="customer_edit"),
    path("orders/", views.orders, name="orders"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/approve/", views.order_approve, name="order_approve"),
    path("orders/<int:pk>/reject/", views.order_reject, name="order_reject"),
]
