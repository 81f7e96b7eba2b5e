"""docker-compose.yml and the Dockerfile, checked by reading (no Docker engine here): the
topology docs/operations.md describes, with what each process needs."""

import re
from pathlib import Path

import yaml

from oms.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_scaled_topology() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "redis", "migrate", "projectors", "api", "balancer"}
    assert services["api"]["deploy"]["replicas"] >= 2
    assert services["api"]["command"] == ["oms", "serve", "--no-projectors"]
    assert services["projectors"]["command"] == ["oms", "project"]
    assert services["migrate"]["command"] == ["oms", "migrate"]
    for name in ("api", "projectors"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_api_trusts_only_the_balancer_to_name_the_client() -> None:
    from ipaddress import ip_address, ip_network

    from oms.http.remote import networks

    files = compose()
    balancer, subnet = files["services"]["balancer"], files["networks"]["default"]["ipam"]["config"][0]["subnet"]
    address = ip_address(balancer["networks"]["default"]["ipv4_address"])
    assert address in ip_network(subnet)
    trusted = networks(files["services"]["api"]["environment"]["OMS_TRUSTED_PROXIES"])
    assert [str(n) for n in trusted] == [f"{address}/32"]
    mount = balancer["volumes"][0].split(":")
    conf = (ROOT / mount[0]).read_text()
    assert mount[1] == "/etc/nginx/nginx.conf" and "server api:8080" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf  # the client's own header is not passed on
    assert "proxy_set_header Upgrade $http_upgrade;" in conf


def test_every_oms_process_shares_the_database_redis_and_the_signing_keys() -> None:
    services = compose()["services"]
    for name in ("migrate", "projectors", "api"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        for secret in ("OMS_JWT_SECRET", "OMS_SESSION_KEY"):  # required, never a default in the file
            assert re.fullmatch(r"\$\{" + secret + r":\?.+\}", env[secret]), (name, secret)


def test_the_image_builds_the_web_ui_and_runs_each_process() -> None:
    stages = [line.split() for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("FROM ")]
    assert [s[-1] for s in stages] == ["api", "web", "python:3.11-slim"]
    text = (ROOT / "Dockerfile").read_text()
    assert "npm ci" in text and "COPY web/package.json web/package-lock.json" in text
    assert "oms openapi > /app/openapi.json" in text and "COPY --from=web /web/dist web/dist" in text
    assert re.search(r'^CMD \["oms", "serve"', text, re.M)
    for command in {tuple(s["command"]) for s in compose()["services"].values() if "build" in s}:
        assert command[0] == "oms"
        try:
            main([*command[1:], "--help"])  # each command the compose file runs exists
        except SystemExit as exit_:
            assert exit_.code == 0, command
