"""CLI: `oms serve | project | migrate | seed` (also `python -m oms`)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys

import uvloop
from aiohttp import web
from aiohttp.log import access_logger as web_log

from oms import logs
from oms.config import Config, load_config
from oms.demo import DEMO_LOGINS
from oms.setup import add_admin, prepare, writer


def serve(config: Config, demo: bool, projectors: bool, reuse_port: bool = False) -> None:
    db, _ = prepare(config)
    if demo:
        seed(config)
    from oms.http.app import create_app
    from oms.http.logs import AccessLog
    from oms.http.server import ApiRunner

    app = create_app(config, db, run_projectors=projectors)

    async def run() -> None:
        runner = ApiRunner(app, access_log=web_log if config.access_log else None, access_log_class=AccessLog)
        await runner.setup()
        await web.TCPSite(runner, config.host, config.port, reuse_port=reuse_port or None).start()
        # What start-up built lives as long as the process: move it out of the collector's
        # sight, so full collections walk only the objects requests create (under load they
        # paused the process for 50-90 ms several times a minute; ~10 ms after).
        gc.collect()
        gc.freeze()
        url = f"http://{config.host}:{config.port}"
        print(f"OMS is serving on {url}  (API {url}/api/v1, health {url}/healthz)", flush=True)
        if demo:
            print(DEMO_LOGINS, flush=True)
        try:
            await until_stopped()
        finally:
            await runner.cleanup()

    uvloop.run(run())  # libuv's event loop: the same asyncio API, less CPU per request


async def until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def project(config: Config) -> None:
    """Run only the projectors, for deployments that scale API processes separately."""
    from oms.publish import nowhere, redis_publisher
    from oms.store import projector_env
    from projections import registry

    db, _ = prepare(config)
    publish = redis_publisher(config.redis_url, db.dbname) if config.redis_url else nowhere
    supervisor = registry.Supervisor(projector_env(db, config), publish)
    supervisor.start()
    print(f"OMS projectors running: {', '.join(supervisor.names)}", flush=True)

    async def run() -> None:
        watcher = asyncio.create_task(supervisor.watch())
        await until_stopped()
        watcher.cancel()

    try:
        asyncio.run(run())
    finally:
        supervisor.stop()


def rebuild(config: Config, name: str | None) -> None:
    """Rebuild one read model (or all) from the events; the system keeps serving."""
    from oms.store import open_store, store_env
    from projections import registry
    from projections.rebuild import rebuild as rebuild_one

    db, _ = prepare(config)
    models = [registry.find(name)] if name else list(registry.READ_MODELS)
    store = open_store(db, config)
    try:
        for projection, view in models:
            position = rebuild_one(store, store_env(db, config), projection, view)
            print(f"{projection.name} rebuilt up to position {position}", flush=True)
    finally:
        store.close()


def seed(config: Config) -> dict[str, int]:
    from oms.demo import seed as seed_demo
    from oms.http.pictures import pictures_of

    db, _ = prepare(config)
    with writer(config, db) as (bus, hasher):
        counts = seed_demo(bus, config.order_prefix, hasher.hash_sync, pictures_of(config))
    print(f"seeded {counts['users']} users, {counts['products']} products and {counts['orders']} orders", flush=True)
    return counts


def run_bench(config: Config, seconds: float, history: int) -> None:
    """The bench, or with `history` orders, the year's history and the reports over it."""
    import json
    import time
    from pathlib import Path

    from oms.bench import history as year
    from oms.bench.report import table
    from oms.bench.run import run

    results = year.run(config, seconds, history) if history else run(config, seconds)
    out = Path(config.data_dir) / "bench" / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(year.table(results) if history else table(results))
    print(f"\nresults: {out}")


def create_admin(config: Config, username: str) -> None:
    """Bootstrap an admin on a fresh system: password from OMS_ADMIN_PASSWORD or a prompt."""
    import getpass
    import os

    from oms.auth.passwords import check_policy

    password = os.environ.get("OMS_ADMIN_PASSWORD") or getpass.getpass(f"password for {username}: ")
    check_policy(password, username)
    db, _ = prepare(config)
    with writer(config, db) as (bus, hasher):
        user = add_admin(bus, hasher, username, password, "cli")
    print(f"admin {username} created ({user.id})")


def print_openapi(config: Config) -> None:
    """The document the server serves at /api/v1/openapi.json, without starting it."""
    import base64
    import json

    import msgspec

    from oms.database import Database
    from oms.http.app import create_app
    from oms.http.openapi import document

    unused_key = base64.urlsafe_b64encode(bytes(32)).decode()  # nothing is signed: no key kept on disk
    config = msgspec.structs.replace(config, jwt_secret=unused_key, session_key=unused_key)
    app = create_app(config, Database.from_url("postgresql://localhost/unused"))  # never connects
    print(json.dumps(document(app), indent=1))


def run_audit(config: Config, args: argparse.Namespace) -> int:
    from oms import audit
    from oms.database import resolve

    db = resolve(config)
    if args.action == "export":
        written = audit.export(db, sys.stdout, args.start, args.stop)
        print(f"{written} events exported", file=sys.stderr)
        return 0
    expect = None
    if args.expect:
        position, _, digest = args.expect.partition(":")
        expect = (int(position), digest.lower())
    verdict = audit.verify(db, expect)
    if verdict.intact:
        print(f"intact: {verdict.checked} events linked, head {verdict.head}:{verdict.head_hash}"
              + (f" ({verdict.not_linked} newer events not linked yet)" if verdict.not_linked else ""))
        return 0
    print(f"BROKEN at position {verdict.broken_at}: {verdict.problem}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="oms", description="OMS order management and POS")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="run the API (and projectors) on one machine")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.add_argument("--demo", action="store_true", help="load bakery demo data first")
    run.add_argument("--no-projectors", action="store_true", help="projectors run elsewhere (oms project)")
    run.add_argument("--workers", type=int, default=1, help="API processes on one port (SO_REUSEPORT), "
                     "plus one projector process; needs REDIS_URL when more than one")
    run.add_argument("--reuse-port", action="store_true", help=argparse.SUPPRESS)  # a worker of --workers
    sub.add_parser("project", help="run only the projectors")
    sub.add_parser("migrate", help="create the database and apply migrations")
    sub.add_parser("seed", help="load bakery demo data")
    bench = sub.add_parser("bench", help="measure throughput and latency against same-run ceilings")
    bench.add_argument("--seconds", type=float, default=10.0, help="length of each load phase")
    bench.add_argument("--history", type=int, default=0, metavar="ORDERS",
                       help="instead: generate a year of this many orders (300000: a busy bakery), measure reports")
    projections = sub.add_parser("projections", help="manage read models")
    projections_sub = projections.add_subparsers(dest="action", required=True)
    rebuild_cmd = projections_sub.add_parser("rebuild", help="rebuild read tables from the events, live")
    rebuild_cmd.add_argument("name", nargs="?", help="ProductCatalog, Directory or OrderList (default: all)")
    sub.add_parser("openapi", help="print the API's OpenAPI document (the web UI's types are generated from it)")
    audit = sub.add_parser("audit", help="the audit chain: verify it, export a stretch of it")
    audit_sub = audit.add_subparsers(dest="action", required=True)
    verify_cmd = audit_sub.add_parser("verify", help="check every event against its link; exit 1 at the first break")
    verify_cmd.add_argument("--expect", metavar="POSITION:HASH", help="a copy of the head (as a Z report prints it)")
    export_cmd = audit_sub.add_parser("export", help="events and their links as JSON lines (scripts/verify-audit)")
    export_cmd.add_argument("--from", dest="start", help="first position or day (YYYY-MM-DD)")
    export_cmd.add_argument("--to", dest="stop", help="last position or day")
    drill = sub.add_parser("restore-drill", help="dump, restore into a fresh database, verify the chain, rebuild")
    drill.add_argument("--keep", action="store_true", help="keep the restored database")
    admin = sub.add_parser("create-admin", help="create an admin (password from OMS_ADMIN_PASSWORD or a prompt)")
    admin.add_argument("username")
    args = parser.parse_args(argv)
    logs.configure()
    config = load_config(host=getattr(args, "host", None), port=getattr(args, "port", None))
    if args.command == "serve" and args.workers > 1:
        from oms.workers import serve_workers

        return serve_workers(config, args.workers, seed if args.demo else None)
    if args.command == "serve":
        serve(config, args.demo, not args.no_projectors, args.reuse_port)
    elif args.command == "project":
        project(config)
    elif args.command == "migrate":
        _, applied = prepare(config)
        print(f"migrations applied: {', '.join(applied) or 'none pending'}")
    elif args.command == "seed":
        seed(config)
    elif args.command == "bench":
        run_bench(config, args.seconds, args.history)
    elif args.command == "projections":
        rebuild(config, args.name)
    elif args.command == "audit":
        return run_audit(config, args)
    elif args.command == "restore-drill":
        from oms.database import resolve
        from oms.drill import restore_drill

        result = restore_drill(config, resolve(config), keep=args.keep)
        print(("drill passed: " if result["ok"] else "DRILL FAILED: ") + ", ".join(
            f"{k} {v}" for k, v in result.items() if k != "ok"))
        return 0 if result["ok"] else 1
    elif args.command == "create-admin":
        create_admin(config, args.username)
    elif args.command == "openapi":
        print_openapi(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
