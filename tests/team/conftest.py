"""A company with its main account and employees of every kind of rights, plus another company."""
from dataclasses import dataclass

import pytest

from backoffice.accounts.models import User
from backoffice.core.roles import Role


@dataclass
class Team:
    main: User  # the company's main account (role customer): every right
    manager: User  # employee with "may manage users" and finance
    manager_no_finance: User  # employee with "may manage users", without finance
    finance: User  # employee with finance only
    plain: User  # employee with no extra right
    stranger: User  # an employee of another company


@pytest.fixture
def team(make_user):
    main = make_user(Role.CUSTOMER, first_name="Anna", last_name="Główna")
    company = main.company

    def employee(first_name, **rights):
        return make_user(Role.EMPLOYEE, company=company, first_name=first_name, last_name="Pracownik", created_by=main, **rights)

    return Team(
        main=main,
        manager=employee("Marek", can_see_finance=True, can_manage_users=True),
        manager_no_finance=employee("Nina", can_see_finance=False, can_manage_users=True),
        finance=employee("Fryderyk", can_see_finance=True, can_manage_users=False),
        plain=employee("Paweł", can_see_finance=False, can_manage_users=False),
        stranger=make_user(Role.EMPLOYEE, can_manage_users=True),
    )
