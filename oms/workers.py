"""`oms serve --workers N`: N API processes sharing one port (SO_REUSEPORT: the kernel
spreads connections over them), and one projector process.

Each API process writes through its own group-commit writer; writers in different
processes meet in PostgreSQL's optimistic concurrency (a version conflict is decided
again on fresh state, never lost), so writes to one aggregate from several workers are
correct but slower (docs/operations.md). Live messages and the anonymous rate limit
cross processes through Redis, which is why more than one worker needs REDIS_URL. The
signing keys are made once here, before the workers start, so all of them share them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

from oms.auth.secrets import kept_secret
from oms.config import Config
from oms.demo import DEMO_LOGINS
from oms.setup import prepare


def serve_workers(config: Config, workers: int, seed: Callable[[Config], object] | None) -> int:
    """`seed`: load the demo data first (`--demo`)."""
    if not config.redis_url:
        raise SystemExit("oms serve --workers needs REDIS_URL: live messages and rate limits cross processes "
                         "through Redis (one process: leave out --workers)")
    prepare(config)
    if seed is not None:
        seed(config)
    env = {**os.environ, "OMS_JWT_SECRET": kept_secret(config.data_dir, "jwt_secret", config.jwt_secret),
           "OMS_SESSION_KEY": kept_secret(config.data_dir, "session_key", config.session_key)}
    address = ["--host", config.host, "--port", str(config.port)]
    commands = [["project"]] + [["serve", "--no-projectors", "--reuse-port", *address]] * workers
    children = [subprocess.Popen([sys.executable, "-m", "oms", *command],  # noqa: S603 - our own CLI
                                 env={**env, "OMS_WORKER": str(n)}) for n, command in enumerate(commands)]
    url = f"http://{config.host}:{config.port}"
    print(f"OMS is serving on {url} with {workers} API processes and a projector process", flush=True)
    if seed is not None:
        print(DEMO_LOGINS, flush=True)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    stop()  # one died (or we were told to stop): stop the rest, so a supervisor restarts the whole
    codes = [child.wait(timeout=60) for child in children]
    # a child told to stop while still starting ends by the signal itself: stopped as asked
    return 0 if stopping and all(code in (0, -signal.SIGTERM) for code in codes) else 1
