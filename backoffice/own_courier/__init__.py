"""L06: shipping with the customer's own courier (label upload at checkout, stored privately)."""
