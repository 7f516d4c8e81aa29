"""A07/A08/A09: shipping addresses customers add, their approval policy."""
