"""Every read model, the live Feed, and starting/stopping their runners."""

from __future__ import annotations

from typing import Any

from eventsourcing.projection import Projection, ProjectionRunner

from projections.catalog import ProductCatalog, ProductCatalogView
from projections.directory import Directory, UsersView
from projections.feed import Feed as FeedProjection
from projections.feed import FeedView, Publish, bind
from projections.orders import OrderList, OrderListView
from projections.runner import View, create_tables, start, stop, tracking_table

READ_MODELS: tuple[tuple[type[Projection[Any]], type[View]], ...] = (
    (ProductCatalog, ProductCatalogView), (Directory, UsersView), (OrderList, OrderListView),
)


def tracking_tables() -> list[str]:
    """The read models' tracking tables (what `min_position` and /readyz wait for)."""
    return [tracking_table(projection) for projection, _ in READ_MODELS]


def start_all(env: dict[str, str], publish: Publish) -> list[ProjectionRunner[Any, Any]]:
    runners = [start(projection, view, env) for projection, view in READ_MODELS]
    feed, feed_view = bind(publish, tracking_tables())
    return [*runners, start(feed, feed_view, env)]


def stop_all(runners: list[ProjectionRunner[Any, Any]]) -> None:
    for runner in runners:
        stop(runner)


def create_all_tables(env: dict[str, str]) -> None:
    for projection, view in (*READ_MODELS, (FeedProjection, FeedView)):
        create_tables(projection, view, env)
