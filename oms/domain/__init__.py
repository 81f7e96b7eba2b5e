"""Event-sourced aggregates and the business rules they enforce (no I/O)."""
