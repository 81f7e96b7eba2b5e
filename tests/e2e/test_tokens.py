"""Access tokens that are malformed, forged, expired or of the wrong kind get 401."""

import base64
import json
import time
import uuid

import jwt
import pytest

from oms.auth.secrets import kept_secret
from oms.http.keys import CONFIG
from tests.support.http import ADMIN, API, bearer, login


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture
async def good(anon):
    from tests.support.http import bootstrap_admin

    await bootstrap_admin(anon.app)
    token = await login(anon, *ADMIN)
    claims = jwt.decode(token, options={"verify_signature": False})
    secret = kept_secret(anon.app[CONFIG].data_dir, "jwt_secret", anon.app[CONFIG].jwt_secret)
    return token, claims, secret


def forge(claims: dict, secret: str, **changes) -> str:
    merged = {k: v for k, v in {**claims, **changes}.items() if v is not None}
    return jwt.encode(merged, secret, algorithm="HS256")


def cases(token: str, claims: dict, secret: str) -> dict[str, str]:
    header, payload, signature = token.split(".")
    now = int(time.time())
    return {
        "empty": "",
        "garbage": "not-a-jwt",
        "two parts": f"{header}.{payload}",
        "tampered payload": f"{header}.{b64({**claims, 'role': 'admin', 'sub': str(uuid.uuid4())})}.{signature}",
        "tampered signature": f"{header}.{payload}.{signature[::-1]}",
        "alg none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "alg none no dot": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{payload}",
        "HS512": jwt.encode(claims, secret, algorithm="HS512"),
        "HS384": jwt.encode(claims, secret, algorithm="HS384"),
        "wrong secret": forge(claims, "another-secret-that-is-long-enough-0123456789"),
        "expired": forge(claims, secret, iat=now - 3600, exp=now - 1800),
        "issued in the future": forge(claims, secret, iat=now + 3600, exp=now + 7200),
        "wrong audience": forge(claims, secret, aud="someone-else"),
        "wrong issuer": forge(claims, secret, iss="evil"),
        "no exp": forge(claims, secret, exp=None),
        "no sub": forge(claims, secret, sub=None),
        "no jti": forge(claims, secret, jti=None),
        "sub not a uuid": forge(claims, secret, sub="root"),
        "unknown user": forge(claims, secret, sub=str(uuid.uuid4())),
        "refresh used as access": forge(claims, secret, typ="refresh"),
        "no typ": forge(claims, secret, typ=None),
        "unknown family": forge(claims, secret, fam=str(uuid.uuid4())),
    }


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_forged_and_malformed_tokens_are_refused(anon, good) -> None:
    token, claims, secret = good
    assert (await anon.get(f"{API}/auth/me", headers=bearer(token))).status == 200
    results = {}
    for name, bad in cases(token, claims, secret).items():
        response = await anon.get(f"{API}/auth/me", headers=bearer(bad))
        body = await response.json()
        results[name] = (response.status, body["error"]["code"], "Bearer" in response.headers["WWW-Authenticate"])
    assert len(results) >= 15
    assert {name: r for name, r in results.items() if r != (401, "unauthenticated", True)} == {}


@pytest.mark.parametrize("header", ["Basic cm9vdDpyb290", "Bearer", "Bearer  ", "token abc"])
async def test_other_authorization_schemes_are_refused(anon, header) -> None:
    response = await anon.get(f"{API}/auth/me", headers={"Authorization": header})
    assert response.status == 401


async def test_a_refresh_token_is_not_an_access_token(anon, good) -> None:
    response = await anon.post(f"{API}/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]})
    refresh_token = (await response.json())["refresh_token"]
    assert (await anon.get(f"{API}/auth/me", headers=bearer(refresh_token))).status == 401


async def test_the_signing_secret_is_generated_per_installation_and_kept(anon, good) -> None:
    _, _, secret = good
    config = anon.app[CONFIG]
    assert len(secret) >= 32
    assert kept_secret(config.data_dir, "jwt_secret", None) == secret  # kept, not regenerated
    assert kept_secret(str(config.data_dir) + "-other", "jwt_secret", None) != secret
