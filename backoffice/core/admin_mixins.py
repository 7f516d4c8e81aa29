"""Shared behaviour of back-office screens."""


class ReadOnlyAdminMixin:
    """View only, for every role: records the ERP (or the platform itself) owns; the next sync
    would overwrite any edit. Works for ModelAdmins and inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
