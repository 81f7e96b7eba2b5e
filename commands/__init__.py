"""Write side: one msgspec Struct and one handler per command, run by `commands.bus`."""
