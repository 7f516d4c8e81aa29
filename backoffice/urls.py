from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", content_views.switch_language, name="set_language"),
    path("erp/", include("backoffice.erp.urls")),
    path("catalog/", include("storefront.catalog_urls")),
    path("", include("storefront.orders_urls")),
    path("register/", include("storefront.urls_registration")),
    path("company/addresses/", include("storefront.urls_addresses")),
    path("company/change-requests/", include("storefront.urls_change_requests")),
    path("company/users/", include("storefront.urls_team")),
    path("end-customers/", include("storefront.urls_distributor")),
    path("acting/", include("storefront.urls_acting")),
    path("", include("storefront.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.views.static import serve as serve_media

    # The login wall still applies: anonymous visitors get only /media/images/ (branding).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}, name="media"))

# CMS pages for every remaining path: this must stay last. Instead of include(wagtail.urls): the
# page-password form's URL, and our serve view (Wagtail's plus a fallback to Polish pages without a
# translation). Wagtail's separate front-end login page is left out: /login/ is the only one.
urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(r"^((?:[\w\-]+/)*)$", content_views.serve, name="wagtail_serve"),
]
