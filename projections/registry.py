"""Every read model, the live Feed, and starting/stopping their runners."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from eventsourcing.projection import Projection

from projections.catalog import ProductCatalog, ProductCatalogView
from projections.directory import Directory, UsersView
from projections.feed import Feed as FeedProjection
from projections.feed import FeedView, Publish, bind
from projections.orders import OrderList, OrderListView
from projections.runner import Runner, View, create_tables, start, stop, tracking_table

log = logging.getLogger("oms.projections")

READ_MODELS: tuple[tuple[type[Projection[Any]], type[View]], ...] = (
    (ProductCatalog, ProductCatalogView), (Directory, UsersView), (OrderList, OrderListView),
)


def tracking_tables() -> list[str]:
    """The read models' tracking tables (what `min_position` and /readyz wait for)."""
    return [tracking_table(projection) for projection, _ in READ_MODELS]


def find(name: str) -> tuple[type[Projection[Any]], type[View]]:
    for projection, view in READ_MODELS:
        if projection.name.lower() == name.lower():
            return projection, view
    raise KeyError(f"no read model {name!r}; there are {', '.join(p.name for p, _ in READ_MODELS)}")


class Supervisor:
    """Runs every projector and restarts any whose thread died (a lost connection, a
    write refused after a rebuild); it resumes from its tracked position."""

    def __init__(self, env: dict[str, str], publish: Publish) -> None:
        feed = bind(publish, tracking_tables())
        self.env = env
        self.models: list[tuple[type[Projection[Any]], type[View]]] = [*READ_MODELS, feed]
        self.runners: dict[str, Runner] = {}

    def start(self) -> None:
        for projection, view in self.models:
            self.runners[projection.name] = start(projection, view, self.env)

    def check(self) -> list[str]:
        """Restart dead runners; answer their names."""
        restarted = []
        for projection, view in self.models:
            runner = self.runners[projection.name]
            if runner.stopped.is_set():
                log.warning("projector %s stopped (%r); restarting", projection.name, runner.error)
                with contextlib.suppress(Exception):
                    stop(runner)
                self.runners[projection.name] = start(projection, view, self.env)
                restarted.append(projection.name)
        return restarted

    async def watch(self, every: float = 1.0) -> None:
        """Check the runners every `every` seconds, until cancelled."""
        while True:
            await asyncio.sleep(every)
            await asyncio.to_thread(self.check)

    def stop(self) -> None:
        for runner in self.runners.values():
            runner.stopping.set()
        if self.runners:
            next(iter(self.runners.values())).wake()
        for runner in self.runners.values():
            with contextlib.suppress(Exception):
                stop(runner)


def create_all_tables(env: dict[str, str]) -> None:
    for projection, view in (*READ_MODELS, (FeedProjection, FeedView)):
        create_tables(projection, view, env)
