"""Access-matrix rules of the team area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

A10: the company's users. Managing them is for users who may manage users (main accounts; employees
only when granted: the matrix employee is not): everybody else gets 404, staff too. A manager sees
and changes the employees of their own company only (another company's user is a 404); the main
account itself is not changed here (the edit page sends the manager back to the list with a message).
"Change my password" is for every buyer, never for a sales rep acting as the customer (403).
"""
from tests.access_matrix_rules import PENDING, Rule, S

LIST = "/company/users/"
MANAGERS_OK = dict(anonymous="login", staff="404", buyers="ok", employee="404", applicant=PENDING)
# Only the customer's company holds {team_employee}; everybody else gets 404.
OWN_ONLY = dict(anonymous="login", staff="404", buyers="404", customer="ok", applicant=PENDING)
BACK_TO_LIST = dict(anonymous="login", staff="404", buyers="404", customer=f"redirect:{LIST}", applicant=PENDING)
NOBODY = dict(anonymous="login", staff="404", buyers="404", applicant=PENDING)
POST_ONLY = dict(anonymous="login", logged_in="405", applicant=PENDING)
EMPLOYEE_DATA = {"first_name": "Ewa", "last_name": "Nowa", "phone": "", "language": "pl", "can_see_finance": "on"}

RULES: tuple[Rule, ...] = (
    Rule("team-list", names=("team:list",), samples=(S(LIST, **MANAGERS_OK),)),
    Rule(
        "team-new",
        names=("team:new",),
        samples=(
            S(f"{LIST}new/", **MANAGERS_OK),
            S(f"{LIST}new/", "POST", data={"email": ""}, **MANAGERS_OK),  # the form again, with errors
            S(f"{LIST}new/", "POST", data={**EMPLOYEE_DATA, "email": "matrix.new@example.pl"},
              **{**MANAGERS_OK, "buyers": f"redirect:{LIST}", "employee": "404"}),
        ),
    ),
    Rule(
        "team-edit",
        names=("team:edit",),
        samples=(
            S(LIST + "{team_employee}/edit/", **OWN_ONLY),
            S(LIST + "{team_employee}/edit/", "POST", data=EMPLOYEE_DATA, **BACK_TO_LIST),
            S(LIST + "{user_customer}/edit/", **BACK_TO_LIST),  # the main account: a message, no form
            S(LIST + "{user_employee}/edit/", **NOBODY),  # another company's user (the employee cannot manage)
            S(LIST + "{user_sales_rep}/edit/", **NOBODY),  # staff are nobody's team
            S(LIST + "999999/edit/", **NOBODY),
        ),
    ),
    Rule(
        "team-actions",
        names=("team:deactivate", "team:reactivate", "team:resend_link"),
        samples=(
            S(LIST + "{team_employee}/deactivate/", **POST_ONLY),
            S(LIST + "{team_employee}/resend-link/", "POST", **BACK_TO_LIST),
            S(LIST + "{team_employee}/deactivate/", "POST", **BACK_TO_LIST),
            S(LIST + "{team_employee}/reactivate/", "POST", **BACK_TO_LIST),
            S(LIST + "{user_customer}/deactivate/", "POST", **BACK_TO_LIST),  # refused with a message
            # another company's main account (for the distributor: itself, refused with a message)
            S(LIST + "{user_distributor}/deactivate/", "POST", **{**NOBODY, "distributor": f"redirect:{LIST}"}),
            S(LIST + "{user_employee}/reactivate/", "POST", **NOBODY),
            S(LIST + "999999/resend-link/", "POST", **NOBODY),
        ),
    ),
    Rule(
        "team-password-change",
        names=("storefront:password_change",),
        samples=(
            S("/account/password/", anonymous="login", staff="404", buyers="ok", rep_acting="403", applicant=PENDING),
            # a wrong current password: the form again
            S("/account/password/", "POST", data={"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
              anonymous="login", staff="404", buyers="ok", rep_acting="403", applicant=PENDING),
        ),
    ),
)


def world(users, values) -> dict:
    """An employee of the customer's company (the one the customer manages in the samples)."""
    from backoffice.accounts.services import user_create
    from backoffice.core.roles import Role

    employee = user_create(email="team.matrix@example.pl", password=None, role=Role.EMPLOYEE, company=users["customer"].company,
                           first_name="Tomasz", last_name="Zespołowy", can_see_finance=False, created_by=users["customer"])
    return {"team_employee": employee.pk}
