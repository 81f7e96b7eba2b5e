"""The SQL a view sends, composed once per shape (composing costs more than running it):
rows and counters travel as one array per column (`unnest`), typed from the catalog.
Text goes in a form PostgreSQL accepts, whatever an event holds (`PgText`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from psycopg import Cursor, sql
from psycopg.types.json import Jsonb
from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

STAMP = frozenset({"version", "updated_at"})  # what every row takes from the event that last changed it


def pg_text(text: str) -> bytes:
    return text.replace("\x00", "\ufffd").encode("utf-8", "replace")


def pg_json(value: Any) -> Jsonb:
    """A JSON value for a jsonb column, its strings in the form PostgreSQL accepts (`pg_text`)."""
    def clean(v: Any) -> Any:
        if isinstance(v, str):
            return pg_text(v).decode("utf-8")
        if isinstance(v, dict):
            return {clean(k): clean(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [clean(x) for x in v]
        return v

    return Jsonb(clean(value))


class PgText(StrDumperUnknown):
    def dump(self, obj: str) -> bytes:
        return pg_text(obj)


class PgTextBinary(StrBinaryDumper):
    def dump(self, obj: str) -> bytes:
        return pg_text(obj)


class Statements:
    """Mixed into `View`: `tables` it owns (the first is the main one, keyed by `key`),
    `t()` names one (the shadow table while rebuilding), `curs` is the batch's cursor."""

    tables: ClassVar[tuple[str, ...]]
    key: ClassVar[str] = "id"
    suffix: str = ""
    curs: Cursor[Any] | None = None

    @property
    def table(self) -> str:
        return self.tables[0]

    def t(self, table: str | None = None) -> sql.Identifier:
        """The identifier of a read table (the shadow table while rebuilding)."""
        return sql.Identifier((table or self.table) + self.suffix)

    def statement(self, key: tuple[Any, ...], build: Callable[[], sql.Composable]) -> str:
        """Compose each statement shape once: composing SQL costs more than running it."""
        cache: dict[tuple[Any, ...], str] = self.__dict__.setdefault("_statements", {})
        if key not in cache:
            assert self.curs is not None
            cache[key] = build().as_string(self.curs)
        return cache[key]

    def update_statement(self, setting: list[str], adding: list[str], returning: tuple[str, ...] = (),
                         table: str | None = None) -> str:
        def build() -> sql.Composable:
            sets = [sql.SQL("{} = {}").format(sql.Identifier(c), sql.Placeholder(c)) for c in setting]
            sets += [sql.SQL("{0} = {0} + {1}").format(sql.Identifier(c), sql.Placeholder(c)) for c in adding]
            statement = sql.SQL("UPDATE {} SET {} WHERE {} = %(_key)s").format(
                self.t(table), sql.SQL(", ").join(sets), sql.Identifier(self.key))
            if returning:
                statement += sql.SQL(" RETURNING {}").format(sql.SQL(", ").join(map(sql.Identifier, returning)))
            return statement

        return self.statement(("update", table, self.suffix, *setting, "+", *adding, "->", *returning), build)

    def arrays(self, table: str, names: Sequence[str]) -> sql.Composable:
        """`unnest(%s::type[], ...)` for these columns of `table`, typed from the catalog."""
        types: dict[str, dict[str, str]] = self.__dict__.setdefault("_types", {})
        if table not in types:
            assert self.curs is not None
            self.curs.execute("SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute"
                              " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", (table,))
            types[table] = {row["attname"]: row["type"] for row in self.curs.fetchall()}
        return sql.SQL("unnest({})").format(sql.SQL(", ").join(
            sql.SQL("%b::{}[]").format(sql.SQL(types[table][name])) for name in names))

    def insert_statement(self, table: str, names: tuple[str, ...]) -> str:
        return self.statement(("insert", table, self.suffix, *names), lambda: sql.SQL(
            "INSERT INTO {} ({}) SELECT * FROM {} ON CONFLICT DO NOTHING").format(
            self.t(table), sql.SQL(", ").join(map(sql.Identifier, names)), self.arrays(table, names)))

    def add_statement(self, table: str, names: tuple[str, ...], measures: tuple[str, ...]) -> str:
        def build() -> sql.Composable:
            sets = [sql.SQL("{0} = t.{0} + excluded.{0}").format(sql.Identifier(m)) for m in measures]
            return sql.SQL("INSERT INTO {0} AS t ({1}) SELECT * FROM {2} ON CONFLICT ({3}) DO UPDATE SET {4}").format(
                self.t(table), sql.SQL(", ").join(map(sql.Identifier, (*names, *measures))),
                self.arrays(table, (*names, *measures)), sql.SQL(", ").join(map(sql.Identifier, names)),
                sql.SQL(", ").join(sets))

        return self.statement(("add", table, self.suffix, *names, "+", *measures), build)

    def sums_statement(self, shape: tuple[str, ...]) -> str:
        def build() -> sql.Composable:
            sets = [sql.SQL("{0} = d.{0}").format(sql.Identifier(c)) if c in STAMP
                    else sql.SQL("{0} = t.{0} + d.{0}").format(sql.Identifier(c)) for c in shape]
            return sql.SQL("UPDATE {} AS t SET {} FROM {} AS d({}) WHERE t.{} = d.{}").format(
                self.t(), sql.SQL(", ").join(sets), self.arrays(self.table, (self.key, *shape)),
                sql.SQL(", ").join(map(sql.Identifier, (self.key, *shape))),
                sql.Identifier(self.key), sql.Identifier(self.key))

        return self.statement(("sums", self.suffix, *shape), build)
