"""Access-matrix rules of the change_requests area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

A06: every buyer files change requests for its own company and sees the company's requests;
another company's request is a 404; staff get 404 in the storefront (they answer in the back
office, whose screen follows the Django admin group rule).
"""
from tests.access_matrix_rules import PENDING, Rule, S

BUYER_PAGE = dict(anonymous="login", staff="404", buyers="ok", applicant=PENDING)

RULES: tuple[Rule, ...] = (
    Rule(
        "change-requests-list",
        names=("change_requests:list",),
        samples=(S("/company/change-requests/", **BUYER_PAGE),),
    ),
    Rule(
        "change-requests-new",
        names=("change_requests:new",),
        samples=(
            S("/company/change-requests/new/", **BUYER_PAGE),
            S("/company/change-requests/new/", method="POST", data={"phone": "22 000 00 00", "message": "Matrix"}, **BUYER_PAGE),
        ),
    ),
    Rule(
        "change-requests-detail",
        names=("change_requests:detail",),
        samples=(
            S("/company/change-requests/{change_request_rep}/", anonymous="login", staff="404", buyers="404", customer="ok",
              applicant=PENDING),
            S("/company/change-requests/{change_request_other}/", anonymous="login", staff="404", buyers="404", employee="ok",
              applicant=PENDING),
            S("/company/change-requests/999999/", anonymous="login", staff="404", buyers="404", applicant=PENDING),
        ),
    ),
)


def world(users, values) -> dict:
    """A request of the customer's company and one of the employee's company."""
    from backoffice.change_requests.models import ChangeRequest

    def add(company_id, user):
        return ChangeRequest.objects.create(company_id=company_id, requested_by=user, changes={"phone": {"old": "", "new": "1"}}).pk

    return {"change_request_rep": add(values["company_rep"], users["customer"]),
            "change_request_other": add(values["company_other"], users["employee"])}
