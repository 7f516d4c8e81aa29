"""Access-matrix rules of the ordering areas, one module per area (cart, checkout, history, tools, hand-off,
delivery and payment methods).

Each module defines RULES (a tuple of Rule) and `world(users, values) -> dict` that creates the
objects its samples refer to and returns their placeholders ({"order_rep": 12, ...}).
"""
from . import cart, checkout, handoff, history, online_payments, own_courier, payments, pickup, shipping, tools

AREAS = (cart, checkout, history, tools, handoff, shipping, pickup, own_courier, payments, online_payments)
EXTRA_RULES = tuple(rule for area in AREAS for rule in area.RULES)


def extra_world(users, values) -> dict:
    extra: dict = {}
    for area in AREAS:
        extra.update(area.world(users, {**values, **extra}))
    return extra
