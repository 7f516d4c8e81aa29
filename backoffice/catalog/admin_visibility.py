"""C04 in the back office: which customers may see a restricted category, edited from both ends
(the category page and the company page). Rows are written through catalog.services, which drops
the storefront's cached category tree."""
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline
from unfold.decorators import display
from unfold.forms import PaginationInlineFormSet

from . import services
from .models import CategoryAccess


class CategoryAccessFormSet(PaginationInlineFormSet):
    """Saves through the services instead of model.save()/delete()."""

    def save(self, commit=True):
        saved = super().save(commit=False)
        if not commit:
            return saved
        for access in self.deleted_objects:
            services.category_access_revoke(access=access)
        for access, _fields in self.changed_objects:  # another customer or category in the row
            services.category_access_revoke(access=access)
        for access in [*self.new_objects, *(obj for obj, _fields in self.changed_objects)]:
            access.pk = services.category_access_grant(company=access.company, category=access.category).pk
        return saved


class AccessInlineBase(TabularInline):
    model = CategoryAccess
    formset = CategoryAccessFormSet
    extra = 0

    # Assigning means choosing a customer and a category: a role must be able to see both.
    # (Marketing, which edits the catalog but not customers, never sees the assignments.)
    def _sees_both(self, request) -> bool:
        return request.user.has_perm("accounts.view_company") and request.user.has_perm("catalog.view_category")

    def has_view_permission(self, request, obj=None):
        return self._sees_both(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._sees_both(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._sees_both(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._sees_both(request) and super().has_delete_permission(request, obj)


class CategoryAccessInline(AccessInlineBase):
    """On the category page: the customers who may see it while it is restricted."""

    fields = ("company",)
    autocomplete_fields = ("company",)
    verbose_name = _("customer who sees this category")
    verbose_name_plural = _("customers who see this category while it is restricted")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company").order_by("company__name", "pk")


class CompanyCategoryAccessInline(AccessInlineBase):
    """On the company page: the restricted categories assigned to this customer."""

    fk_name = "company"
    fields = ("category", "category_restricted")
    readonly_fields = ("category_restricted",)
    autocomplete_fields = ("category",)
    verbose_name = _("restricted category this customer sees")
    verbose_name_plural = _("restricted categories this customer sees")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category").prefetch_related("category__translations").order_by("category__path", "pk")

    @display(description=_("restricted now"), boolean=True)
    def category_restricted(self, obj):
        # An assignment outlives un-restricting its category: it applies again if it is restricted again.
        return obj.category.restricted if obj.pk else None
