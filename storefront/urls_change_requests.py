"""A06: the customer's master-data change requests (storefront/views_change_requests.py)."""
from django.urls import path

from . import views_change_requests

app_name = "change_requests"

urlpatterns: list = [
    path("", views_change_requests.request_list, name="list"),
    path("new/", views_change_requests.request_new, name="new"),
    path("<int:pk>/", views_change_requests.request_detail, name="detail"),
]
