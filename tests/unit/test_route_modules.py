"""Every route module is in import-linter's independence contract (pyproject.toml), so a
new one cannot start importing another: what two share goes below them in oms.http."""

import pkgutil
import tomllib
from pathlib import Path

import oms.http.routes


def test_the_independence_contract_names_every_route_module() -> None:
    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "independence")
    modules = {f"oms.http.routes.{m.name}" for m in pkgutil.iter_modules(oms.http.routes.__path__)}
    assert set(contract["modules"]) == modules
