"""Every read model, and starting/stopping their runners."""

from __future__ import annotations

from typing import Any

from eventsourcing.projection import ProjectionRunner

from projections.catalog import ProductCatalog, ProductCatalogView
from projections.directory import Directory, UsersView
from projections.orders import OrderList, OrderListView
from projections.runner import create_tables, start, stop, tracking_table

READ_MODELS = ((ProductCatalog, ProductCatalogView), (Directory, UsersView), (OrderList, OrderListView))


def tracking_tables() -> list[str]:
    return [tracking_table(projection) for projection, _ in READ_MODELS]


def start_all(env: dict[str, str]) -> list[ProjectionRunner[Any, Any]]:
    return [start(projection, view, env) for projection, view in READ_MODELS]


def stop_all(runners: list[ProjectionRunner[Any, Any]]) -> None:
    for runner in runners:
        stop(runner)


def create_all_tables(env: dict[str, str]) -> None:
    for projection, view in READ_MODELS:
        create_tables(projection, view, env)
