"""bcrypt hashing in its own threads (never on the event loop) and the password policy."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import bcrypt

MIN_LENGTH, MAX_LENGTH = 8, 128
COMMON = Path(__file__).with_name("common-passwords.txt")


class WeakPassword(ValueError):
    pass


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(line.strip().casefold() for line in COMMON.read_text().splitlines() if line.strip())


def check_policy(password: str, username: str | None = None) -> None:
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise WeakPassword(f"a password has {MIN_LENGTH} to {MAX_LENGTH} characters")
    folded = password.casefold()
    if folded in common_passwords():
        raise WeakPassword("this password is too common")
    if username and folded == username.casefold():
        raise WeakPassword("the password must differ from the username")


class Hasher:
    def __init__(self, rounds: int = 12, threads: int = 2) -> None:
        self.rounds = rounds
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="bcrypt")
        # Checked against when the user does not exist, so both failures take the same time.
        self.dummy = bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds)).decode()

    def hash_sync(self, password: str) -> str:
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(self.rounds)).decode()

    async def hash(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.hash_sync, password)

    async def verify(self, password: str, hashed: str | None) -> bool:
        def check() -> bool:
            matched = bcrypt.checkpw(password.encode(), (hashed or self.dummy).encode())
            return matched and hashed is not None

        return await asyncio.get_running_loop().run_in_executor(self.executor, check)

    def close(self) -> None:
        self.executor.shutdown(wait=False)
