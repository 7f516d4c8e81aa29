"""Access-matrix rules of the ordering areas, one module per area (cart, checkout, history, tools, hand-off,
delivery and payment methods).

Each module defines RULES (a tuple of Rule) and `world(users, values) -> dict` that creates the
objects its samples refer to and returns their placeholders ({"order_rep": 12, ...}). A module may
define PERSONA_LOGINS {persona: login(client, users, values)} for personas that log in their own way.
"""
from . import (acting, addresses, cart, change_requests, checkout, distributor, handoff, history, online_payments, own_courier, payments,
               pickup, registration, shipping, team, tools)

AREAS = (cart, checkout, history, tools, handoff, shipping, pickup, own_courier, payments, online_payments,
         registration, change_requests, addresses, team, distributor, acting)
EXTRA_RULES = tuple(rule for area in AREAS for rule in area.RULES)
PERSONA_LOGINS = {name: login for area in AREAS for name, login in getattr(area, "PERSONA_LOGINS", {}).items()}


def extra_world(users, values) -> dict:
    extra: dict = {}
    for area in AREAS:
        extra.update(area.world(users, {**values, **extra}))
    return extra
