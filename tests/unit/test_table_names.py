"""A read table's name is spelled in its migration, in the read model that writes it, and in
the SQL that reads it: this fails when they drift apart (a renamed table, a typo)."""

import re
from pathlib import Path

from projections import registry

ROOT = Path(__file__).resolve().parents[2]
CREATED = {m for path in (ROOT / "migrations").glob("*.sql")
           for m in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", path.read_text())}
LIBRARY = {"oms_events", "schema_migrations", "pg_attribute", "pg_database", "unnest", "bench_insert",
           "generate_series"}
NAMED = re.compile(r"""(?:\bFROM|\bJOIN|\bINTO|\bUPDATE)\s*["']?([a-z_]+)|\btable=f?["']\(?([a-z_]+)""")


CTE = re.compile(r"""(?:\bWITH|,)[\s"']*(\w+) AS \(""")  # a query's own named subquery


def names(code: str) -> list[str]:
    own = set(CTE.findall(code))
    return [a or b for a, b in NAMED.findall(code) if (a or b) not in own]


def named_in_code() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for folder in ("oms", "commands", "queries", "projections"):
        for path in (ROOT / folder).rglob("*.py"):
            for name in names(path.read_text()):
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_read_model_writes_tables_its_migrations_create() -> None:
    written = {table for _, view in registry.READ_MODELS for table in view.tables}
    assert written <= CREATED, written - CREATED


def test_every_table_the_code_names_is_created_by_a_migration() -> None:
    unknown = {name: where for name, where in named_in_code().items() if name not in CREATED | LIBRARY}
    assert unknown == {}


def test_the_check_sees_a_misspelled_table() -> None:
    assert names('fetch_page(pool, f, where, table="prodcts", select=x)') == ["prodcts"]
    assert "prodcts" not in CREATED
