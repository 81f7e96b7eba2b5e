"""Test set-up: a real PostgreSQL (the machine's, or an embedded one), a fresh database per test."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from oms.config import Config, load_config
from oms.database import Database, start_embedded

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="session")
def server() -> Iterator[Database]:
    """The PostgreSQL server the tests create their databases on."""
    url = os.environ.get("OMS_TEST_DATABASE_URL", DEFAULT_URL)
    try:
        psycopg.connect(url, connect_timeout=3).close()
        yield Database.from_url(url)
    except psycopg.OperationalError:
        with tempfile.TemporaryDirectory(prefix="oms-test-pg-") as data_dir:
            yield start_embedded(data_dir).with_dbname("postgres")


@pytest.fixture
def config(tmp_path) -> Config:
    """Fast bcrypt for tests (cost 4); keys generated in a per-test data directory."""
    return load_config({}, data_dir=str(tmp_path), bcrypt_rounds=4,  # limits of their own in test_rate_limits
                       rate_limit_anonymous="100000/minute", rate_limit_user="100000/minute")


def drop(server: Database, dbname: str) -> None:
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))


@pytest.fixture(scope="session")
def template(server: Database) -> Iterator[Database]:
    """A database prepared once (event store, migrations, tracking tables) to copy per test."""
    from oms.setup import prepare

    template_db = server.with_dbname(f"oms_template_{uuid.uuid4().hex[:12]}")
    prepare(load_config({}), template_db)
    yield template_db
    drop(server, template_db.dbname)


@pytest.fixture
def db(server: Database, template: Database) -> Iterator[Database]:
    """A fresh database with the event store and read tables; dropped afterwards."""
    test_db = server.with_dbname(f"oms_test_{uuid.uuid4().hex[:12]}")
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(test_db.dbname), sql.Identifier(template.dbname)))
    yield test_db
    drop(server, test_db.dbname)
