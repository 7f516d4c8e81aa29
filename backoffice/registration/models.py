"""A04: applications for access, consents and their approval."""
