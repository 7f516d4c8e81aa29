"""Accounts services (writes) and selectors (reads with access checks)."""
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from backoffice.accounts.models import Company, User
from backoffice.accounts.selectors import company_get_for_user, companies_visible_to, users_visible_to
from backoffice.accounts.services import company_create, user_create
from backoffice.core.roles import BUYER_ROLES, STAFF_ROLES, Role
from tests.factories import PASSWORD, CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db

NIP_EN = "Enter a valid Polish tax ID (NIP): 10 digits with a correct check digit."


# --- user_create ------------------------------------------------------------------------------


def test_buyer_roles_need_a_company():
    for role in sorted(BUYER_ROLES):
        with pytest.raises(ValueError):
            user_create(email="kupiec@example.pl", password=PASSWORD, role=role)
    assert not User.objects.exists()


def test_other_roles_need_no_company():
    for number, role in enumerate(sorted(STAFF_ROLES | {Role.APPLICANT})):
        user = user_create(email=f"osoba{number}@example.pl", password=PASSWORD, role=role)
        assert user.company is None
        assert user.role == role


def test_user_create_stores_a_usable_account(client):
    company = CompanyFactory()
    user = user_create(email="Jan.Kowalski@Example.PL", password=PASSWORD, role=Role.EMPLOYEE, company=company,
                       first_name="Jan", last_name="Kowalski", phone="+48 500 000 000", can_see_finance=False)
    user.refresh_from_db()
    assert user.email == "jan.kowalski@example.pl"
    assert (user.company, user.role, user.first_name, user.phone, user.can_see_finance) == (
        company, Role.EMPLOYEE, "Jan", "+48 500 000 000", False)
    assert user.check_password(PASSWORD)
    response = client.post("/login/", {"username": "JAN.KOWALSKI@example.pl", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_emails_are_unique_case_insensitively():
    company = CompanyFactory()
    user_create(email="anna@example.pl", password=PASSWORD, role=Role.CUSTOMER, company=company)
    with pytest.raises(ValidationError) as excinfo:
        user_create(email="ANNA@Example.pl", password=PASSWORD, role=Role.EMPLOYEE, company=company)
    assert "email" in excinfo.value.message_dict
    assert User.objects.count() == 1


def test_user_create_rejects_unknown_role_and_bad_email():
    with pytest.raises(ValueError):
        user_create(email="x@example.pl", password=PASSWORD, role="boss")
    with pytest.raises(ValidationError):
        user_create(email="not-an-email", password=PASSWORD, role=Role.MARKETING)
    with pytest.raises(ValueError):
        user_create(email="", password=PASSWORD, role=Role.MARKETING)
    assert not User.objects.exists()


def test_user_without_password_cannot_log_in():
    user = user_create(email="bez.hasla@example.pl", password=None, role=Role.SALES_REP)
    assert not user.has_usable_password()


# --- company_create ---------------------------------------------------------------------------


def test_company_create_normalises_the_nip():
    for raw in ("PL 398-259-79-16", "pl3982597916", "398 259 79 16", " 3982597916 "):
        company = company_create(name="Elektro Sp. z o.o.", nip=raw, city="Łódź")
        company.refresh_from_db()
        assert company.nip == "3982597916", raw
        assert company.city == "Łódź"


def test_company_without_nip_is_allowed():
    assert company_create(name="Osoba fizyczna").nip == ""


def test_company_create_rejects_an_invalid_nip():
    with translation.override("en"):
        for raw in ("3982597917", "123", "PL 398-259-79-1X", "39825979160"):
            with pytest.raises(ValidationError) as excinfo:
                company_create(name="Zły NIP", nip=raw)
            assert excinfo.value.message_dict["nip"] == [NIP_EN], raw
    assert not Company.objects.exists()


def test_invalid_nip_message_in_polish():
    with translation.override("pl"):
        with pytest.raises(ValidationError) as excinfo:
            company_create(name="Zły NIP", nip="3982597917")
        message = excinfo.value.message_dict["nip"][0]
    assert "NIP" in message
    assert message != NIP_EN


def test_company_create_validates_other_fields():
    with pytest.raises(ValidationError) as excinfo:
        company_create(name="", nip="3982597916")
    assert "name" in excinfo.value.message_dict
    assert not Company.objects.exists()


# --- selectors --------------------------------------------------------------------------------


@pytest.fixture
def world(db):
    """Two reps with a company each, one unassigned company, users in each."""
    rep_a = UserFactory(role=Role.SALES_REP)
    rep_b = UserFactory(role=Role.SALES_REP)
    company_a = CompanyFactory(sales_rep=rep_a)
    company_a2 = CompanyFactory(sales_rep=rep_a)
    company_b = CompanyFactory(sales_rep=rep_b)
    company_x = CompanyFactory(sales_rep=None)
    users = {
        "a": UserFactory(role=Role.CUSTOMER, company=company_a),
        "a_employee": UserFactory(role=Role.EMPLOYEE, company=company_a),
        "a2": UserFactory(role=Role.CUSTOMER, company=company_a2),
        "b": UserFactory(role=Role.CUSTOMER, company=company_b),
        "x": UserFactory(role=Role.CUSTOMER, company=company_x),
    }
    return {"rep_a": rep_a, "rep_b": rep_b, "a": company_a, "a2": company_a2, "b": company_b, "x": company_x, "users": users}


def test_customer_sees_only_their_company(world):
    customer = world["users"]["a"]
    assert list(companies_visible_to(customer)) == [world["a"]]
    assert company_get_for_user(customer, world["a"].pk) == world["a"]
    for other in ("a2", "b", "x"):
        with pytest.raises(Http404):
            company_get_for_user(customer, world[other].pk)


def test_missing_company_is_404(world, admin_user):
    with pytest.raises(Http404):
        company_get_for_user(admin_user, 999_999)


def test_sales_rep_sees_only_assigned_companies(world):
    assert set(companies_visible_to(world["rep_a"])) == {world["a"], world["a2"]}
    assert set(companies_visible_to(world["rep_b"])) == {world["b"]}
    assert company_get_for_user(world["rep_a"], world["a2"].pk) == world["a2"]
    for other in ("b", "x"):
        with pytest.raises(Http404):
            company_get_for_user(world["rep_a"], world[other].pk)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SALES_MANAGER, Role.MARKETING])
def test_other_staff_see_every_company(world, make_user, role):
    assert set(companies_visible_to(make_user(role))) == {world[k] for k in ("a", "a2", "b", "x")}


def test_superuser_sees_every_company(world, make_user):
    assert companies_visible_to(make_user(Role.SALES_REP, is_superuser=True)).count() == 4


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.CUSTOMER])
def test_users_without_company_see_none(world, make_user, role):
    assert not companies_visible_to(make_user(role, company=None)).exists()
    assert not users_visible_to(make_user(role, company=None)).exists()


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not companies_visible_to(AnonymousUser()).exists()
    assert not users_visible_to(AnonymousUser()).exists()
    inactive_rep = world["rep_a"]
    inactive_rep.is_active = False
    inactive_rep.save()
    assert not companies_visible_to(inactive_rep).exists()
    assert not users_visible_to(inactive_rep).exists()


def test_admins_see_every_user(world, make_user):
    viewer = make_user(Role.ADMIN)
    assert set(users_visible_to(viewer)) == set(User.objects.all())
    assert world["rep_b"] in users_visible_to(viewer)


def test_managers_see_every_customer_account_but_no_staff(world, make_user):
    viewer = make_user(Role.SALES_MANAGER)
    visible = set(users_visible_to(viewer))
    assert visible == {user for user in User.objects.all() if user.role not in STAFF_ROLES and not user.is_superuser}
    assert world["rep_b"] not in visible


def test_sales_rep_sees_users_of_their_companies_only(world):
    users = world["users"]
    assert set(users_visible_to(world["rep_a"])) == {users["a"], users["a_employee"], users["a2"]}
    assert set(users_visible_to(world["rep_b"])) == {users["b"]}


def test_customer_sees_only_colleagues(world):
    users = world["users"]
    assert set(users_visible_to(users["a_employee"])) == {users["a"], users["a_employee"]}


def test_back_office_company_list_uses_the_selector(client, world):
    client.force_login(world["rep_a"])
    response = client.get("/admin/accounts/company/")
    assert response.status_code == 200
    assert set(response.context["cl"].queryset) == {world["a"], world["a2"]}
    assert client.get(f"/admin/accounts/company/{world['b'].pk}/change/").status_code in (302, 404)


# --- the back-office user form must keep the same email rules as user_create ------------------

ADMIN_ADD = "/admin/accounts/user/add/"
NEW_PASSWORD = "Bardzo-Dlugie-Haslo-1"


def _admin_add(client, email):
    return client.post(ADMIN_ADD, {"email": email, "role": Role.MARKETING, "company": "", "password1": NEW_PASSWORD,
                                   "password2": NEW_PASSWORD, "usable_password": "true"})


def test_back_office_creates_users(client, admin_user):
    client.force_login(admin_user)
    response = _admin_add(client, "nowa.osoba@example.pl")
    assert response.status_code == 302
    assert User.objects.get(email="nowa.osoba@example.pl").role == Role.MARKETING


def test_back_office_rejects_an_email_differing_only_in_case(client, admin_user):
    UserFactory(email="anna@example.pl", role=Role.MARKETING)
    client.force_login(admin_user)
    response = _admin_add(client, "ANNA@Example.pl")
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact="anna@example.pl").count() == 1


def test_back_office_lowercases_new_emails(client, admin_user):
    client.force_login(admin_user)
    _admin_add(client, "Nowa.Osoba@Example.PL")
    assert User.objects.filter(email="nowa.osoba@example.pl").exists()
