"""Signing keys: from configuration, or generated once and kept in the data directory (0600)."""

from __future__ import annotations

import base64
import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger("oms.secrets")


def kept_secret(data_dir: str, name: str, configured: str | None) -> str:
    if configured:
        return configured
    folder = Path(data_dir) / "secrets"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        log.warning("generated the %s and kept it in %s (mode 0600): back it up with the database; "
                    "processes that must share it (more than one API process) need it set as OMS_%s",
                    name.replace("_", " "), path, name.upper())
    return path.read_text().strip()
