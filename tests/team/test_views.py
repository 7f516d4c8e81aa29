"""A10 pages: the company's users, a new employee, changes, POST-only actions, "change my password"
(never while a rep acts as the customer)."""
import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from backoffice.accounts.models import User
from backoffice.core.roles import Role
from storefront import views_auth
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LIST = "/company/users/"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def new_employee_data(**changes):
    return {"email": "ewa@example.pl", "first_name": "Ewa", "last_name": "Nowa", "phone": "", "language": "pl", **changes}


# ------------------------------------------------------------------------------------------------ list


def test_the_list_shows_the_company_users_with_rights_and_actions(client, team):
    client.force_login(team.main)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    for member in (team.main, team.manager, team.plain, team.finance):
        assert f'data-user="{member.pk}"' in html
    assert team.stranger.email not in html
    assert f"{LIST}{team.plain.pk}/edit/" in html and f"{LIST}{team.main.pk}/edit/" not in html  # the main account: no actions


def test_an_employee_manager_sees_no_actions_for_whom_they_may_not_change(client, team):
    client.force_login(team.manager_no_finance)
    html = client.get(LIST).content.decode()
    assert f"{LIST}{team.plain.pk}/edit/" in html
    assert f"{LIST}{team.finance.pk}/edit/" not in html and f"{LIST}{team.manager.pk}/deactivate/" not in html


@pytest.mark.parametrize("rows", [2, 12])
def test_the_list_needs_a_fixed_number_of_queries(client, make_user, django_assert_max_num_queries, rows):
    main = make_user(Role.CUSTOMER)
    for n in range(rows - 1):
        make_user(Role.EMPLOYEE, company=main.company, created_by=main, can_see_finance=bool(n % 2))
    client.force_login(main)
    # 1 query for the members (with who created them); the rest is the session, user and page chrome
    with django_assert_max_num_queries(15):
        response = client.get(LIST)
    assert response.content.decode().count('class="team-row') == rows


@pytest.mark.parametrize("who", ["plain", "finance"])
def test_users_who_may_not_manage_get_404_everywhere_and_no_menu_link(client, team, who):
    client.force_login(getattr(team, who))
    for path in (LIST, f"{LIST}new/", f"{LIST}{team.plain.pk}/edit/"):
        assert client.get(path).status_code == 404
    for action in ("deactivate", "reactivate", "resend-link"):
        assert client.post(f"{LIST}{team.plain.pk}/{action}/").status_code == 404
    assert f'href="{LIST}"' not in client.get("/account/").content.decode()  # no "Company users" menu link
    client.force_login(team.manager)
    assert f'href="{LIST}"' in client.get("/account/").content.decode()


def test_staff_get_404(client, team, make_user):
    client.force_login(make_user(Role.ADMIN))
    assert client.get(LIST).status_code == 404
    assert client.get(f"{LIST}{team.plain.pk}/edit/").status_code == 404
    assert client.get("/account/password/").status_code == 404


def test_another_companys_user_is_a_404(client, team):
    client.force_login(team.main)
    assert client.get(f"{LIST}{team.stranger.pk}/edit/").status_code == 404
    assert client.post(f"{LIST}{team.stranger.pk}/deactivate/").status_code == 404
    team.stranger.refresh_from_db()
    assert team.stranger.is_active


# ------------------------------------------------------------------------------------------------ new and edit


def test_the_main_account_creates_an_employee_and_the_link_is_emailed(client, team, django_capture_on_commit_callbacks):
    client.force_login(team.main)
    assert client.get(f"{LIST}new/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST}new/", new_employee_data(can_see_finance="on"))
    assert response.status_code == 302 and response["Location"] == LIST
    employee = User.objects.get(email="ewa@example.pl")
    assert (employee.role, employee.company, employee.created_by, employee.can_see_finance) == (
        Role.EMPLOYEE, team.main.company, team.main, True)
    assert [m.to for m in mail.outbox] == [["ewa@example.pl"]]


def test_a_right_the_manager_lacks_is_disabled_and_never_granted(client, team):
    client.force_login(team.manager_no_finance)
    html = client.get(f"{LIST}new/").content.decode()
    assert 'name="can_see_finance"' in html and "disabled" in html.split('name="can_see_finance"')[1].split(">")[0]
    client.post(f"{LIST}new/", new_employee_data(can_see_finance="on", can_manage_users="on"))  # a forged checkbox
    employee = User.objects.get(email="ewa@example.pl")
    assert not employee.can_see_finance and employee.can_manage_users


def test_a_taken_email_is_a_form_error_and_nothing_is_created(client, team):
    client.force_login(team.main)
    response = client.post(f"{LIST}new/", new_employee_data(email=team.stranger.email.upper()))
    assert response.status_code == 200 and response.context["form"].errors["email"]
    assert User.objects.filter(email__iexact=team.stranger.email).count() == 1


def test_edit_changes_name_and_rights_but_never_the_email(client, team):
    client.force_login(team.manager)
    data = {"first_name": "Paweł", "last_name": "Zmieniony", "phone": "+48 500", "language": "en", "can_manage_users": "on",
            "email": "hijack@example.pl"}
    response = client.post(f"{LIST}{team.plain.pk}/edit/", data)
    assert response.status_code == 302
    team.plain.refresh_from_db()
    assert (team.plain.last_name, team.plain.phone, team.plain.language) == ("Zmieniony", "+48 500", "en")
    assert team.plain.can_manage_users and not team.plain.can_see_finance
    assert team.plain.email != "hijack@example.pl"


def test_editing_the_main_account_or_oneself_is_refused_with_a_message(client, team):
    client.force_login(team.manager)
    response = client.get(f"{LIST}{team.main.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == LIST and messages_of(response)
    response = client.post(f"{LIST}{team.manager.pk}/edit/", {"first_name": "X", "last_name": "Y", "language": "pl"})
    assert response.status_code == 302 and messages_of(response)
    team.manager.refresh_from_db()
    assert team.manager.first_name == "Marek"


# ------------------------------------------------------------------------------------------------ POST actions


def test_deactivate_reactivate_and_resend(client, team, django_capture_on_commit_callbacks):
    client.force_login(team.manager)
    assert client.get(f"{LIST}{team.plain.pk}/deactivate/").status_code == 405
    response = client.post(f"{LIST}{team.plain.pk}/deactivate/")
    assert response.status_code == 302 and messages_of(response)
    team.plain.refresh_from_db()
    assert not team.plain.is_active
    response = client.post(f"{LIST}{team.plain.pk}/resend-link/")  # refused: deactivated
    assert response.status_code == 302 and mail.outbox == []
    client.post(f"{LIST}{team.plain.pk}/reactivate/")
    team.plain.refresh_from_db()
    assert team.plain.is_active
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{team.plain.pk}/resend-link/")
    assert [m.to for m in mail.outbox] == [[team.plain.email]]


def test_a_refused_action_says_why_and_changes_nothing(client, team):
    client.force_login(team.manager_no_finance)
    response = client.post(f"{LIST}{team.finance.pk}/deactivate/")
    assert response.status_code == 302
    team.finance.refresh_from_db()
    assert team.finance.is_active and messages_of(response)


# ------------------------------------------------------------------------------------------------ change my password


@pytest.mark.parametrize("who", ["main", "plain"])
def test_every_buyer_changes_their_password_and_stays_logged_in(client, team, who):
    user = getattr(team, who)
    client.force_login(user)
    assert client.get("/account/password/").status_code == 200
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": "Zupelnie-nowe-2026!",
                                                    "new_password2": "Zupelnie-nowe-2026!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Zupelnie-nowe-2026!")
    assert client.get("/account/").status_code == 200  # the session survived


def test_the_account_page_links_to_change_my_password(client, team):
    client.force_login(team.plain)  # no right at all: still changes their own password
    assert 'href="/account/password/"' in client.get("/account/").content.decode()


def test_a_wrong_current_password_changes_nothing(client, team):
    client.force_login(team.plain)
    data = {"old_password": "wrong", "new_password1": "Abc-12345-xyz", "new_password2": "Abc-12345-xyz"}
    response = client.post("/account/password/", data)
    assert response.status_code == 200 and response.context["form"].errors
    team.plain.refresh_from_db()
    assert team.plain.check_password(PASSWORD)


class _Acting:
    """What ActingSessionMiddleware puts on request.acting while a rep acts as the customer."""

    rep = None


@pytest.mark.parametrize("method", ["get", "post"])
def test_password_change_is_forbidden_while_acting(team, method):
    request = getattr(RequestFactory(), method)("/account/password/", {"old_password": PASSWORD, "new_password1": "Abc-12345-xyz",
                                                                        "new_password2": "Abc-12345-xyz"})
    request.user = team.main
    request.acting = _Acting()
    with pytest.raises(PermissionDenied):
        views_auth.password_change(request)
    team.main.refresh_from_db()
    assert team.main.check_password(PASSWORD)


def test_a_rep_acting_as_the_customer_manages_employees_but_never_passwords(client, team, make_user):
    """Through the real acting session (R01): the rep starts acting for the customer's company."""
    rep = make_user(Role.SALES_REP)
    company = team.main.company
    company.sales_rep = rep
    company.save(update_fields=["sales_rep"])
    client.force_login(rep)
    response = client.post(f"/acting/start/{company.pk}/")
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == team.main.pk
    assert client.get("/account/password/").status_code == 403
    assert 'href="/account/password/"' not in client.get("/account/").content.decode()  # no link while acting
    assert client.post("/account/password/", {"old_password": PASSWORD, "new_password1": "Abc-12345-xyz",
                                                "new_password2": "Abc-12345-xyz"}).status_code == 403
    assert client.get(LIST).status_code == 200
    response = client.post(f"{LIST}new/", new_employee_data())
    assert response.status_code == 302
    employee = User.objects.get(email="ewa@example.pl")
    assert employee.created_by == rep and employee.company == company  # the list shows who really created it
    team.main.refresh_from_db()
    assert team.main.check_password(PASSWORD)


def test_password_change_stays_when_the_employees_module_is_off(client, team):
    """The team pages are a module; changing one's own password is not."""
    from backoffice.core.models import ModuleSwitch
    from backoffice.core.modules import forget_cached_switches

    ModuleSwitch.objects.create(key="employees", enabled=False)
    forget_cached_switches()
    client.force_login(team.main)
    assert client.get(LIST).status_code == 404
    assert client.get("/account/password/").status_code == 200
    assert 'href="/account/password/"' in client.get("/account/").content.decode()
