"""Every read model, the live Feed, and starting/stopping their runners."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from eventsourcing.projection import Projection

from oms.database import unreachable
from projections.audit import Audit, AuditView
from projections.back_office import BackOffice, BackOfficeView
from projections.feed import Feed, Publish, feed
from projections.orders import OrderList, OrderListView
from projections.parked import ParkedSales, ParkedSalesView
from projections.products import ProductCatalog, ProductCatalogView
from projections.report_view import ReportsView
from projections.reports import Reports
from projections.runner import Runner, create_tracking_table, tracking_table
from projections.shifts import Shifts, ShiftsView
from projections.users import Directory, UsersView
from projections.view import View

log = logging.getLogger("oms.projections")

READ_MODELS: tuple[tuple[type[Projection[Any]], type[View]], ...] = (
    (ProductCatalog, ProductCatalogView), (Directory, UsersView), (OrderList, OrderListView), (Shifts, ShiftsView),
    (ParkedSales, ParkedSalesView), (BackOffice, BackOfficeView), (Reports, ReportsView), (Audit, AuditView),
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
    """Runs the projector and restarts it if its thread died (a lost connection, a write
    refused after a rebuild); each view resumes from its own tracked position."""

    def __init__(self, env: dict[str, str], publish: Publish) -> None:
        self.env = env
        self.publish = publish
        self.runner: Runner | None = None

    @property
    def names(self) -> list[str]:
        return [projection.name for projection, _ in READ_MODELS] + ["Feed"]

    def start(self) -> None:
        self.runner = Runner(READ_MODELS, self.env, feed(self.publish))

    def check(self) -> bool:
        """Restart a dead runner; answer whether it had to."""
        if self.runner is None or not self.runner.stopped.is_set():
            return False
        log.warning("projector stopped (%r); restarting", self.runner.error)
        with contextlib.suppress(Exception):
            self.runner.stop()
        self.start()
        return True

    async def watch(self, every: float = 1.0) -> None:
        """Check the runner every `every` seconds, until cancelled."""
        while True:
            await asyncio.sleep(every)
            try:
                await asyncio.to_thread(self.check)
            except Exception as exc:
                if not unreachable(exc):
                    raise
                log.warning("projector could not restart (%r); the next check retries", exc)

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()


def create_all_tables(env: dict[str, str]) -> None:
    for name in (*(projection.name for projection, _ in READ_MODELS), Feed.name):
        create_tracking_table(name, env)
