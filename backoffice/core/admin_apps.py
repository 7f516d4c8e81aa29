from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    """django.contrib.admin with our site class (unfold look, module-aware app list)."""

    default_site = "backoffice.core.admin_site.PlatformAdminSite"
