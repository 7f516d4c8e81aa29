"""A06: customers' requests to change their master data."""
