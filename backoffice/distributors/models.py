"""A11: distributors' end customers and the approval of their orders."""
