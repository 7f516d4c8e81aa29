"""RolePermissionBackend and the permission helpers: what each role may do in the back office."""
import pytest
from django.contrib.auth.models import Group

from backoffice.accounts.services import user_set_role
from backoffice.core.permissions import CMS_EDITORS_GROUP, landing_url, sections_for
from backoffice.core.roles import Role
from backoffice.core.sections import Section

pytestmark = pytest.mark.django_db

STAFF = [Role.ADMIN, Role.MARKETING, Role.SALES_MANAGER, Role.SALES_REP]
BUYERS = [Role.CUSTOMER, Role.EMPLOYEE, Role.DISTRIBUTOR, Role.END_CUSTOMER]
ALL_ROLES = list(Role)

# permission -> roles that hold it (every other role must not)
EXPECTED_PERMS = {
    "accounts.view_company": {Role.ADMIN, Role.SALES_MANAGER, Role.SALES_REP},
    "accounts.add_company": {Role.ADMIN, Role.SALES_MANAGER},
    "accounts.change_user": {Role.ADMIN, Role.SALES_MANAGER},
    "accounts.delete_company": {Role.ADMIN},
    "core.change_moduleswitch": {Role.ADMIN},
    "core.view_moduleswitch": {Role.ADMIN},
    "content.change_brandingsettings": {Role.ADMIN, Role.MARKETING},
    "wagtailimages.delete_image": {Role.ADMIN, Role.MARKETING},
    "wagtailadmin.access_admin": {Role.ADMIN, Role.MARKETING},
    # apps that no section claims: administrators only
    "taggit.add_tag": {Role.ADMIN},
    "wagtailredirects.change_redirect": {Role.ADMIN},
    "sites.change_site": {Role.ADMIN},
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_has_perm_per_role(make_user, role):
    user = make_user(role)
    granted = {perm for perm in EXPECTED_PERMS if user.has_perm(perm)}
    assert granted == {perm for perm, roles in EXPECTED_PERMS.items() if role in roles}


@pytest.mark.parametrize(
    "role, allowed, denied",
    [
        (Role.ADMIN, {"accounts", "core", "content", "catalog", "taggit"}, set()),
        (Role.MARKETING, {"catalog", "pricing", "content", "wagtailimages"}, {"accounts", "core", "orders", "taggit"}),
        (Role.SALES_MANAGER, {"accounts", "orders", "pricing", "finance", "crm", "catalog"}, {"core", "content"}),
        (Role.SALES_REP, {"accounts", "orders", "crm"}, {"pricing", "finance", "core", "content", "taggit"}),
        (Role.CUSTOMER, set(), {"accounts", "orders", "content", "core", "taggit"}),
        (Role.APPLICANT, set(), {"accounts", "content", "taggit"}),
    ],
)
def test_has_module_perms(make_user, role, allowed, denied):
    user = make_user(role)
    for app_label in allowed:
        assert user.has_module_perms(app_label), app_label
    for app_label in denied:
        assert not user.has_module_perms(app_label), app_label


@pytest.mark.parametrize("role", STAFF)
def test_inactive_users_get_nothing(make_user, role):
    user = make_user(role, is_active=False)
    assert not user.has_perm("accounts.view_company")
    assert not user.has_perm("wagtailadmin.access_admin")
    assert not user.has_perm("taggit.add_tag")
    assert not user.has_module_perms("accounts")
    assert not user.has_module_perms("content")
    assert sections_for(user) == set()


def test_inactive_superuser_gets_nothing(make_user):
    user = make_user(Role.ADMIN, is_superuser=True, is_active=False)
    assert not user.has_perm("core.change_moduleswitch")
    assert sections_for(user) == set()


def test_explicit_permission_still_counts(make_user):
    """Hand-assigned permissions (how Wagtail grants rights) are honoured besides the role."""
    from django.contrib.auth.models import Permission

    user = make_user(Role.SALES_REP)
    assert not user.has_perm("taggit.add_tag")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="taggit", codename="add_tag"))
    user = type(user).objects.get(pk=user.pk)  # drop the permission cache
    assert user.has_perm("taggit.add_tag")


@pytest.mark.parametrize(
    "role, sections, landing",
    [
        (Role.ADMIN, set(Section), "/admin/"),
        (Role.MARKETING, {Section.CATALOG, Section.PRICING, Section.CONTENT}, "/admin/"),
        (Role.SALES_MANAGER, {Section.CUSTOMERS, Section.CATALOG, Section.ORDERS, Section.PRICING, Section.FINANCE, Section.CRM}, "/admin/"),
        (Role.SALES_REP, {Section.CUSTOMERS, Section.ORDERS, Section.CRM}, "/admin/"),
        (Role.CUSTOMER, set(), "/"),
        (Role.EMPLOYEE, set(), "/"),
        (Role.DISTRIBUTOR, set(), "/"),
        (Role.END_CUSTOMER, set(), "/"),
        (Role.APPLICANT, set(), "/application-pending/"),
    ],
)
def test_sections_and_landing_url_per_role(make_user, role, sections, landing):
    user = make_user(role)
    assert sections_for(user) == {str(s) for s in sections}
    assert landing_url(user) == landing


def test_superuser_sees_every_section_whatever_the_role(make_user):
    assert sections_for(make_user(Role.CUSTOMER, is_superuser=True)) == set(Section)


def test_anonymous_user_has_no_sections_and_no_perms():
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert sections_for(anonymous) == set()
    assert not anonymous.has_perm("accounts.view_company")


def _in_cms_group(user) -> bool:
    return user.groups.filter(name=CMS_EDITORS_GROUP).exists()


def test_cms_editors_group_follows_role_changes(make_user, client):
    assert Group.objects.filter(name=CMS_EDITORS_GROUP).exists()
    user = make_user(Role.SALES_REP)
    assert not _in_cms_group(user)

    user_set_role(user=user, role=Role.MARKETING)
    user.refresh_from_db()
    assert user.role == Role.MARKETING
    assert _in_cms_group(user)
    client.force_login(user)
    assert client.get("/cms/").status_code == 200

    user_set_role(user=user, role=Role.SALES_MANAGER)
    user.refresh_from_db()
    assert not _in_cms_group(user)
    assert client.get("/cms/").status_code == 404

    user_set_role(user=user, role=Role.ADMIN)
    assert _in_cms_group(user)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MARKETING])
def test_new_cms_users_start_in_the_editors_group(make_user, role):
    assert _in_cms_group(make_user(role))


def test_user_set_role_rejects_unknown_role(make_user):
    user = make_user(Role.CUSTOMER)
    with pytest.raises(ValueError):
        user_set_role(user=user, role="pope")
    user.refresh_from_db()
    assert user.role == Role.CUSTOMER


@pytest.mark.parametrize("role", STAFF)
def test_every_sidebar_link_a_role_sees_opens_for_it(client, make_user, role):
    """The sidebar (navigation.sidebar_navigation) and the permission backend agree: no dead links."""
    from django.test import RequestFactory

    from backoffice.core.navigation import sidebar_navigation

    user = make_user(role)
    request = RequestFactory().get("/admin/")
    request.user = user
    links = [item["link"] for group in sidebar_navigation(request) for item in group["items"]]
    assert links
    client.force_login(user)
    broken = {link: status for link in links if (status := client.get(link, follow=True).status_code) != 200}
    assert not broken


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_administrators_are_administrators(make_user, role):
    from backoffice.core.permissions import is_administrator

    user = make_user(role)
    assert is_administrator(user) is (role == Role.ADMIN)
    user.is_active = False
    assert not is_administrator(user)
