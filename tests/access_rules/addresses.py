"""Access-matrix rules of the addresses area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py).

Storefront (A07-A09): buyers see and add their own company's shipping addresses; staff get 404
(they use the back office); removing an address of another company is a 404. Back office: the
"Approve or reject" page of an address is for staff who may change customer data (administrators,
sales managers); reps only look (403); marketing has no Customers section. The address and
settings screens themselves follow the Django admin group rule.
"""
from tests.access_matrix_rules import ADMIN_DENIED, ADMIN_WALL, PENDING, Rule, S

BUYER_PAGE = dict(anonymous="login", staff="404", buyers="ok", applicant=PENDING)
SETTINGS_ROW = "redirect:/admin/addresses/addresssettings/1/change/"  # the single row opens directly
ADDRESS = {"name": "Matrix", "street": "ul. Macierzowa 1", "postal_code": "00-950", "city": "Warszawa", "country": "PL", "phone": ""}

RULES: tuple[Rule, ...] = (
    Rule(
        "addresses-list",
        names=("addresses:list",),
        samples=(S("/company/addresses/", **BUYER_PAGE),),
    ),
    Rule(
        "addresses-new",
        names=("addresses:new",),
        samples=(
            S("/company/addresses/new/", **BUYER_PAGE),
            S("/company/addresses/new/", method="POST", data=ADDRESS, anonymous="login", staff="404",
              buyers="redirect:/company/addresses/", applicant=PENDING),
        ),
    ),
    Rule(
        "addresses-deactivate",
        names=("addresses:deactivate",),
        samples=(
            S("/company/addresses/{address_rep}/remove/", anonymous="login", logged_in="405", applicant=PENDING),  # POST only
            # the customer's company's own address: its buyers hide it; everybody else's company: 404
            S("/company/addresses/{address_rep}/remove/", method="POST", anonymous="login", staff="404", buyers="404",
              customer="redirect:/company/addresses/", applicant=PENDING),
            S("/company/addresses/{address_other}/remove/", method="POST", anonymous="login", staff="404", buyers="404",
              employee="redirect:/company/addresses/", applicant=PENDING),
        ),
    ),
    Rule(
        "admin-address-settings",
        names=("admin:addresses_addresssettings_changelist",),
        every=ADMIN_WALL,
        samples=(S("/admin/addresses/addresssettings/", admin=SETTINGS_ROW, sales_manager=SETTINGS_ROW, sales_rep=SETTINGS_ROW,
                   marketing="403"),),
    ),
    Rule(
        "admin-address-decide",
        names=("admin:accounts_address_decide_detail",),
        every=ADMIN_WALL,
        samples=(
            S("/admin/accounts/address/{address_rep}/decide/", admin="ok", sales_manager="ok", sales_rep="403", marketing=ADMIN_DENIED),
            S("/admin/accounts/address/{address_rep}/decide/", method="POST", data={"decision": "approve"},
              admin="redirect:/admin/accounts/address/{address_rep}/change/",
              sales_manager="redirect:/admin/accounts/address/{address_rep}/change/", sales_rep="403", marketing=ADMIN_DENIED),
            S("/admin/accounts/address/999999/decide/", admin="404", sales_manager="404", sales_rep="403", marketing=ADMIN_DENIED),
        ),
    ),
)


def world(users, values) -> dict:
    """A pending address the customer's company added, and one of the employee's company."""
    from backoffice.accounts.models import Address

    def add(company_id, street):
        return Address.objects.create(company_id=company_id, kind=Address.Kind.SHIPPING, source=Address.Source.CUSTOMER,
                                      status=Address.Status.PENDING, name="Matrix", street=street, postal_code="00-950",
                                      city="Warszawa").pk

    return {"address_rep": add(values["company_rep"], "ul. Klienta 1"), "address_other": add(values["company_other"], "ul. Inna 1")}
