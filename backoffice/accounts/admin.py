from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import action
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm

from backoffice.acting.admin_company import CompanyActingAdminMixin
from backoffice.catalog.admin_visibility import CompanyCategoryAccessInline
from backoffice.catalog.views_admin import CatalogPreviewView, may_preview_catalog
from backoffice.core import permissions
from backoffice.core.admin_mixins import ReadOnlyAdminMixin
from backoffice.addresses.admin_decisions import AddressDecisionAdminMixin
from backoffice.core.permissions import company_has_access
from backoffice.pricing.models import CategoryDiscount

from . import selectors, services
from .models import Address, Company, User

COMMERCIAL_TERMS = (
    "price_list", "payment_terms_days", "may_buy_on_terms", "credit_limit", "balance", "overdue_amount", "logistic_minimum",
)


class ReadOnlyInlineMixin(ReadOnlyAdminMixin):
    """Rows the ERP owns: shown on the company page, changed only by the next sync."""

    extra = 0
    can_delete = False


class AddressInline(ReadOnlyInlineMixin, TabularInline):
    """The company's addresses, read-only: ERP ones change in the ERP, customers' own are decided
    on the Address screen (approve / reject)."""

    model = Address
    fields = ("kind", "name", "street", "postal_code", "city", "country", "phone", "erp_id", "source", "status", "is_one_off", "is_active")
    per_page = 20
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("kind", "name", "pk")


class CategoryDiscountInline(ReadOnlyInlineMixin, TabularInline):
    model = CategoryDiscount
    fields = ("category", "percent", "is_active")
    per_page = 20
    verbose_name_plural = _("category discounts (from the ERP)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category").prefetch_related("category__translations").order_by("category__path", "pk")


ERP_OWNED_FIELDS = ("name", "nip", "erp_id", "currency", "email", "phone", "street", "postal_code", "city", "country", "sales_rep", "b2b_access", "is_dropshipping")


class CompanyUserInline(TabularInline):
    model = User
    fields = ("email", "first_name", "last_name", "role", "can_see_finance", "can_manage_users", "is_active")
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Company)
class CompanyAdmin(CompanyActingAdminMixin, ModelAdmin):
    list_display = ("name", "nip", "erp_id", "city", "currency", "sales_rep", "b2b_access", "is_active")
    list_filter = ("b2b_access", "is_active", "is_distributor", "is_dropshipping", "currency")
    search_fields = ("name", "nip", "erp_id", "city")
    list_select_related = ("sales_rep",)
    autocomplete_fields = ("sales_rep", "distributor")
    inlines = [CompanyUserInline, AddressInline, CategoryDiscountInline, CompanyCategoryAccessInline]
    actions = ["send_welcome_email"]
    actions_detail = ["catalog_preview", "act_as_customer"]  # act_as_customer: R01, backoffice/acting/admin_company.py
    readonly_fields = COMMERCIAL_TERMS
    fieldsets = (
        (None, {"fields": ("name", "nip", "erp_id", "currency")}),
        (_("Contact and address"), {"fields": ("email", "phone", "street", "postal_code", "city", "country")}),
        (_("Sales"), {"fields": ("sales_rep", "distributor")}),
        (_("Commercial terms (from the ERP)"), {"fields": COMMERCIAL_TERMS}),
        (_("Flags"), {"fields": ("b2b_access", "is_active", "is_distributor", "is_dropshipping", "orders_auto_approved")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # Data the ERP owns would be overwritten by the next sync: not editable for ERP companies.
        if obj is not None and obj.erp_id:
            return (*COMMERCIAL_TERMS, *ERP_OWNED_FIELDS)
        return COMMERCIAL_TERMS

    def get_queryset(self, request):
        # Reps see only the companies assigned to them: the same selector as everywhere else.
        return selectors.companies_visible_to(request.user).select_related("sales_rep")

    @action(description=_("Catalog as this customer sees it"), url_path="catalog-preview", icon="visibility", permissions=["catalog_preview"])
    def catalog_preview(self, request, object_id):
        """C04: the customer's catalog, computed by the storefront's own selectors (catalog.views_admin)."""
        return CatalogPreviewView.as_view(admin_site=self.admin_site)(request, company_id=object_id)

    def has_catalog_preview_permission(self, request, object_id=None):
        return may_preview_catalog(request.user)

    @admin.action(description=_("Send welcome email"), permissions=["change"])
    def send_welcome_email(self, request, queryset):
        """A05: every active main account (role customer) of the selected companies gets a link to set
        a password. Companies without platform access are skipped: their users cannot log in."""
        companies = list(queryset)
        recipients = list(selectors.welcome_email_recipients(companies))
        for user in recipients:
            services.user_send_welcome_email(user=user)
        skipped = [company.name for company in companies if not company_has_access(company)]
        if recipients:
            self.message_user(
                request,
                ngettext("Welcome email queued for %(count)d user.", "Welcome emails queued for %(count)d users.", len(recipients))
                % {"count": len(recipients)},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, gettext("No active main account found in the selected companies: no email sent."), messages.WARNING)
        if skipped:
            self.message_user(
                request,
                gettext("Skipped (no platform access): %(names)s") % {"names": ", ".join(sorted(skipped))},
                messages.WARNING,
            )


@admin.register(Address)
class AddressAdmin(AddressDecisionAdminMixin, ModelAdmin):
    """Addresses from the ERP (read-only: changed only by the sync) and the ones customers add
    (A07: the approval queue, pending first; approve / reject with a reason, in bulk or one by one)."""

    list_display = ("name", "company", "kind", "street", "postal_code", "city", "country", "source", "status_display", "is_one_off",
                    "created_at", "is_active")
    list_filter = ("status", "source", "kind", "is_one_off", "is_active")
    search_fields = ("name", "street", "city", "postal_code", "erp_id", "company__name", "company__erp_id")
    list_select_related = ("company",)
    fields = ("company", "kind", "name", "street", "postal_code", "city", "country", "phone", "erp_id", "is_active", "source", "status",
              "is_one_off", "created_by", "created_at", "decided_by", "decided_at", "rejection_reason")
    actions = ["approve_selected", "reject_selected"]
    actions_detail = ["decide_detail"]

    def get_queryset(self, request):
        # The same visibility as companies: reps see the addresses of their own companies only.
        return selectors.addresses_visible_to(request.user).select_related("company", "created_by", "decided_by")

    # Addresses come from the ERP or from customers (storefront): never edited here, only decided.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
        (_("Role"), {"fields": ("role", "company", "can_see_finance", "can_manage_users", "is_active")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "role", "company", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ()

    def get_queryset(self, request):
        return selectors.users_visible_to(request.user).select_related("company")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            # Sales managers create and edit customer accounts, never staff (no self-promotion).
            kwargs["choices"] = [(role.value, role.label) for role in permissions.assignable_roles(request.user)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.user_sync_role_groups(form.instance)
