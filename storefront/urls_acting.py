"""R01: sales reps start and stop acting as a customer (storefront/views_acting.py)."""
from django.urls import path

from . import views_acting

app_name = "acting"

urlpatterns: list = [
    path("customers/", views_acting.customers, name="customers"),
    path("start/<int:company_pk>/", views_acting.start, name="start"),
    path("stop/", views_acting.stop, name="stop"),
]
