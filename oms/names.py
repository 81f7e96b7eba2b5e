"""Names the processes share through the database: spelled here once.

The event-sourced application's name fixes its events table (`<name>_events`), the
NOTIFY channel the library signals each save on, and the key of every tracking row.
Renaming it orphans the stored events: never change it.
"""

from uuid import UUID, uuid5

APPLICATION = "OMS"
EVENTS_TABLE = f"{APPLICATION.lower()}_events"
CHANNEL = EVENTS_TABLE  # the library NOTIFYs the events table's name on every save
# The store's one Settings aggregate; the Reports read model keys what it keeps of them by it too.
SETTINGS_ID = uuid5(UUID("0b7f6c55-2f3e-4a8d-9a3c-3d1e2f6a7b80"), "settings")
