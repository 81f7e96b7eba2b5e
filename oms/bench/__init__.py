"""`oms bench`: start OMS on a fresh database, load it from a separate process, and report
every figure against a ceiling measured in the same run (see docs/performance.md)."""
