"""Projectors: the ordered event stream turned into read tables, exactly once."""
