"""The client's address, for every limit and log line: the socket's, unless the socket is
a trusted proxy (`OMS_TRUSTED_PROXIES`). Then the client is read from `Forwarded` or
`X-Forwarded-For` from the right, past every trusted proxy: the first address no trusted
proxy would have written. Headers from anyone else are ignored, so a client cannot name
itself someone else. The scheme follows the nearest proxy's `proto` likewise."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from aiohttp import web

from oms.http.middlewares import Handler

Network = IPv4Network | IPv6Network
FORWARDED_FOR = re.compile(r'for="?\[?([^\]";,]+)\]?(?::\d+)?"?', re.IGNORECASE)
FORWARDED_PROTO = re.compile(r'proto="?(https?)"?', re.IGNORECASE)


def networks(spec: str) -> tuple[Network, ...]:
    """`10.0.0.5, 10.1.0.0/16, ::1` as networks (a ValueError names a bad entry)."""
    return tuple(ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip())


def address(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text.strip())
    except ValueError:
        return None


def trusted(ip: IPv4Address | IPv6Address | None, proxies: Sequence[Network]) -> bool:
    return ip is not None and any(ip in net for net in proxies)


def forwarded_chain(headers: Mapping[str, str]) -> list[str]:
    """The addresses the proxies named, nearest last."""
    if "Forwarded" in headers:
        return FORWARDED_FOR.findall(",".join(headers.getall("Forwarded")))  # type: ignore[attr-defined]
    named = ",".join(headers.getall("X-Forwarded-For", []))  # type: ignore[attr-defined]
    return [p.strip() for p in named.split(",") if p.strip()]


def client_of(peer: str, chain: Sequence[str], proxies: Sequence[Network]) -> str | None:
    """The client as the trusted proxies name it, or None to keep the socket's address."""
    if not proxies or not trusted(address(peer), proxies):
        return None
    client = None
    for hop in reversed(chain):
        ip = address(hop)
        if ip is None:
            break  # a name or garbage: nothing further left can be trusted
        client = str(ip)
        if not trusted(ip, proxies):
            break
    return client


def remote_middleware(proxies: Sequence[Network]) -> web.middleware:  # type: ignore[valid-type]
    @web.middleware
    async def remote(request: web.Request, handler: Handler) -> web.StreamResponse:
        client = client_of(request.remote or "", forwarded_chain(request.headers), proxies)
        if client is None:
            return await handler(request)
        proto = FORWARDED_PROTO.search(request.headers.get("Forwarded", "")) if "Forwarded" in request.headers \
            else None
        scheme = proto.group(1).lower() if proto else request.headers.get("X-Forwarded-Proto", "").split(",")[-1]
        changes: dict[str, str] = {"remote": client}
        if scheme.strip() in ("http", "https"):
            changes["scheme"] = scheme.strip()
        return await handler(request.clone(**changes))  # type: ignore[arg-type]
    return remote
