from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from . import selectors, services
from .models import Company, User


class CompanyUserInline(TabularInline):
    model = User
    fields = ("email", "first_name", "last_name", "role", "can_see_finance", "is_active")
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Company)
class CompanyAdmin(ModelAdmin):
    list_display = ("name", "nip", "erp_id", "city", "currency", "sales_rep", "b2b_access", "is_active")
    list_filter = ("b2b_access", "is_active", "is_distributor", "is_dropshipping", "currency")
    search_fields = ("name", "nip", "erp_id", "city")
    list_select_related = ("sales_rep",)
    autocomplete_fields = ("sales_rep", "distributor")
    inlines = [CompanyUserInline]
    fieldsets = (
        (None, {"fields": ("name", "nip", "erp_id", "currency")}),
        (_("Contact and address"), {"fields": ("email", "phone", "street", "postal_code", "city", "country")}),
        (_("Sales"), {"fields": ("sales_rep", "distributor")}),
        (_("Flags"), {"fields": ("b2b_access", "is_active", "is_distributor", "is_dropshipping")}),
    )

    def get_queryset(self, request):
        # Reps see only the companies assigned to them: the same selector as everywhere else.
        return selectors.companies_visible_to(request.user).select_related("sales_rep")


@admin.register(User)
class UserAdmin(DjangoUserAdmin, ModelAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = AdminPasswordChangeForm
    list_display = ("email", "first_name", "last_name", "role", "company", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name", "company__name")
    list_select_related = ("company",)
    ordering = ("email",)
    autocomplete_fields = ("company",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "phone", "photo", "language")}),
        (_("Role"), {"fields": ("role", "company", "can_see_finance", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "company", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ()

    def get_queryset(self, request):
        return selectors.users_visible_to(request.user).select_related("company")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.user_sync_role_groups(form.instance)
