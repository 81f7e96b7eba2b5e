"""bcrypt hashing in its own threads (never on the event loop) and the password policy.

bcrypt reads at most 72 bytes and refuses more, while the policy allows 128 characters
in any script (128 x "é" is 256 bytes in UTF-8). So a password is first reduced to
the base64 of its SHA-256 (44 bytes, every character counts), as passlib's
bcrypt_sha256 does; such hashes carry the PREHASHED mark. Hashes made before that
(plain bcrypt) still verify: they can only hold passwords of up to 72 bytes."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import bcrypt

MIN_LENGTH, MAX_LENGTH = 8, 128
COMMON = Path(__file__).with_name("common-passwords.txt")
PREHASHED = "$sha256"


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
        self.dummy = self.hash_sync("no such user")

    def hash_sync(self, password: str) -> str:
        return PREHASHED + bcrypt.hashpw(prehash(password), bcrypt.gensalt(self.rounds)).decode()

    async def hash(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.hash_sync, password)

    async def verify(self, password: str, hashed: str | None) -> bool:
        def check() -> bool:
            return matches(password, hashed or self.dummy) and hashed is not None

        return await asyncio.get_running_loop().run_in_executor(self.executor, check)

    def close(self) -> None:
        self.executor.shutdown(wait=False)


def prehash(password: str) -> bytes:
    return base64.b64encode(hashlib.sha256(password.encode()).digest())


def matches(password: str, hashed: str) -> bool:
    if hashed.startswith(PREHASHED):
        return bcrypt.checkpw(prehash(password), hashed.removeprefix(PREHASHED).encode())
    raw = password.encode()
    return len(raw) <= 72 and b"\0" not in raw and bcrypt.checkpw(raw, hashed.encode())
