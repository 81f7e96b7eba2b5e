"""Access tokens: JWT, HS256 pinned, 15 minutes; every registered claim required and checked."""

from __future__ import annotations

import time
import uuid
from uuid import UUID

import jwt
import msgspec

ALGORITHM = "HS256"
ISSUER = "oms"
AUDIENCE = "oms-api"
ACCESS_SECONDS = 900
VERIFIED_CACHE = 10_000
REQUIRED = ["exp", "iat", "sub", "jti", "iss", "aud", "typ", "fam", "role"]


class TokenError(Exception):
    """Any reason a token is not accepted: the caller answers 401."""


class AccessClaims(msgspec.Struct, frozen=True):
    sub: UUID
    role: str
    fam: UUID
    jti: str
    typ: str
    exp: int


class Tokens:
    def __init__(self, secret: str, ttl: int = ACCESS_SECONDS) -> None:
        if len(secret) < 32:
            raise ValueError("the token secret must have at least 32 characters")
        self.secret = secret
        self.ttl = ttl
        self.verified: dict[str, tuple[AccessClaims, float]] = {}

    def access(self, user_id: UUID, role: str, family_id: UUID) -> str:
        now = int(time.time())
        claims = {
            "sub": str(user_id), "role": role, "fam": str(family_id), "typ": "access",
            "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + self.ttl, "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self.secret, algorithm=ALGORITHM)

    def verify(self, token: str) -> AccessClaims:
        """Checked once per token: a verified token is remembered until it expires."""
        known = self.verified.get(token)
        if known is not None and known[1] > time.time():
            return known[0]
        claims = self.check(token)
        if len(self.verified) >= VERIFIED_CACHE:
            self.verified.clear()
        self.verified[token] = (claims, float(claims.exp))
        return claims

    def check(self, token: str) -> AccessClaims:
        try:
            claims = jwt.decode(
                token, self.secret, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                options={"require": REQUIRED, "verify_iat": True}, leeway=5,
            )
            parsed = msgspec.convert(claims, AccessClaims)
        except (jwt.PyJWTError, msgspec.ValidationError, ValueError) as exc:
            raise TokenError(str(exc)) from None
        if parsed.typ != "access":
            raise TokenError("not an access token")
        return parsed


APPROVAL_AUDIENCE = "oms-discount-approval"
APPROVAL_SECONDS = 600


class ApprovalClaims(msgspec.Struct, frozen=True):
    sub: UUID  # the approving manager
    role: str
    for_: UUID = msgspec.field(name="for")  # the cashier it was given to, who alone may use it


def approval(secret: str, approver: UUID, role: str, cashier: UUID) -> str:
    """A manager's approval, given at a till, for the cashier's discounts there (10 minutes)."""
    now = int(time.time())
    claims = {"sub": str(approver), "role": role, "for": str(cashier), "iss": ISSUER, "aud": APPROVAL_AUDIENCE,
              "iat": now, "exp": now + APPROVAL_SECONDS, "jti": uuid.uuid4().hex}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def check_approval(secret: str, token: str, cashier: UUID) -> ApprovalClaims:
    try:
        claims = msgspec.convert(jwt.decode(token, secret, algorithms=[ALGORITHM], audience=APPROVAL_AUDIENCE,
                                            issuer=ISSUER, options={"require": ["exp", "sub", "for", "role"]}),
                                 ApprovalClaims)
    except (jwt.PyJWTError, msgspec.ValidationError, ValueError) as exc:
        raise TokenError(str(exc)) from None
    if claims.for_ != cashier:
        raise TokenError("this approval was given to another cashier")
    return claims
