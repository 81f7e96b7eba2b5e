"""Names the processes share through the database: spelled here once.

The event-sourced application's name fixes its events table (`<name>_events`), the
NOTIFY channel the library signals each save on, and the key of every tracking row.
Renaming it orphans the stored events: never change it.
"""

APPLICATION = "OMS"
EVENTS_TABLE = f"{APPLICATION.lower()}_events"
CHANNEL = EVENTS_TABLE  # the library NOTIFYs the events table's name on every save
