from django.urls import path

from . import views

app_name = "erp"

urlpatterns = [
    path("packages/", views.package_upload, name="package_upload"),
]
