"""Access-matrix rules of the acting area (see tests/access_matrix_rules.py and tests/access_rules/__init__.py)."""
from tests.access_matrix_rules import Rule, S  # noqa: F401

RULES: tuple[Rule, ...] = ()


def world(users, values) -> dict:
    return {}


def _rep_acting_login(client, users, values):
    """Interim: the acting-as work replaces this with the rep starting to act for the customer's company."""
    client.force_login(users["customer"])


PERSONA_LOGINS = {"rep_acting": _rep_acting_login}
