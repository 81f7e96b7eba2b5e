"""The auditor's trail: every event listed with its actor and a summary, critical actions
on their own, the chain verified against the event store (an edited, deleted or
inserted event row is named by its position), and an export an auditor checks alone."""

import json
import subprocess
import sys
from pathlib import Path

import psycopg

from oms import audit
from oms.http.keys import STORE
from tests.support.http import API, get, new_product, post

VERIFY = Path(__file__).parents[2] / "scripts" / "verify-audit"


async def some_history(client) -> int:
    bun = await new_product(client, name="Bun", price="1.00", tax_rate="0", stock=10)
    shift = await post(client, "/shifts", {"register": "front", "opening_float": "0"}, 201)
    sale = await post(client, "/pos/sales", {"shift_id": shift["id"], "items": [
        {"product_id": bun["id"], "quantity": 2}], "payments": [{"method": "card", "amount": "2.00"}]}, 201)
    await post(client, f"/orders/{sale['id']}/refunds", {"lines": [{"product_id": bun["id"], "quantity": 1}],
                                                       "reason": "stale"}, 201)
    changed = await (await client.patch(f"{API}/settings", json={"store_name": "Le Fournil"})).json()
    return changed["position"]


async def test_the_trail_lists_every_event_and_the_critical_ones(client) -> None:
    position = await some_history(client)
    trail = await get(client, "/audit", min_position=position, per_page=200)
    assert trail["total"] == position and trail["items"][0]["position"] == position  # every event, newest first
    newest = trail["items"][0]
    assert (newest["type"], newest["entity"], newest["critical"]) == ("Settings.Changed", "settings", True)
    assert "Le Fournil" in newest["summary"] and len(newest["hash"]) == 64 and newest["actor_name"] == "root"
    recorded = next(e for e in trail["items"] if e["type"] == "Shift.SaleRecorded")
    assert "discount" not in recorded["summary"] and not recorded["critical"]  # no discount given
    critical = await get(client, "/audit", critical="true")
    assert [e["type"] for e in critical["items"]] == ["Settings.Changed", "Order.Refunded"]
    assert "stale" in critical["items"][1]["summary"]
    orders = await get(client, "/audit", entity="order")
    assert {e["type"] for e in orders["items"]} == {"Order.Placed", "Order.Refunded"}
    head = await get(client, "/audit/head")
    assert (head["position"], head["hash"], head["behind"]) == (position, newest["hash"], 0)
    as_csv = await client.get(f"{API}/audit", params={"format": "csv", "critical": "true"})
    assert as_csv.content_type == "text/csv" and len((await as_csv.text()).strip().splitlines()) == 3


async def test_the_z_report_and_the_daily_report_carry_the_chains_head(client) -> None:
    position = await some_history(client)
    shift = (await get(client, "/shifts", min_position=position))["items"][0]
    await get(client, "/audit/head", min_position=position)
    closed = await post(client, f"/shifts/{shift['id']}/close", {"counted_cash": "0.00"}, 200)
    links = {e["position"]: e["hash"] for e in (await get(client, "/audit", per_page=200))["items"]}
    assert closed["chain"]["position"] >= position and links[closed["chain"]["position"]] == closed["chain"]["hash"]
    daily = await get(client, "/reports/daily", min_position=closed["position"])
    assert daily["chain"]["position"] >= closed["position"] and len(daily["chain"]["hash"]) == 64
    as_csv = await (await client.get(f"{API}/reports/daily", params={"format": "csv"})).text()
    assert f"audit chain head,{daily['chain']['position']}:{daily['chain']['hash']}" in as_csv


async def test_verify_names_an_edited_a_deleted_and_an_inserted_event(client, db) -> None:
    position = await some_history(client)
    await get(client, "/audit/head", min_position=position)
    assert audit.verify(db, progress=False).intact
    head = await get(client, "/audit/head")
    assert audit.verify(db, (head["position"], head["hash"]), progress=False).intact
    assert not audit.verify(db, (head["position"], "00" * 32), progress=False).intact  # a wrong copy of the head
    with psycopg.connect(db.url(), autocommit=True) as conn:
        conn.execute("UPDATE oms_events SET state = state || ' '::bytea"  # still JSON, not the same bytes
                     " WHERE notification_id = (SELECT min(position) FROM audit_trail WHERE type = 'Order.Placed')")
        edited = audit.verify(db, progress=False)
        placed = conn.execute("SELECT min(position) FROM audit_trail WHERE type = 'Order.Placed'").fetchone()[0]
        assert (edited.broken_at, "edited" in edited.problem) == (placed, True)
        conn.execute("DELETE FROM oms_events WHERE notification_id = %s", (placed,))
        deleted = audit.verify(db, progress=False)
        assert (deleted.broken_at, "deleted" in deleted.problem) == (placed, True)
        conn.execute("DELETE FROM audit_trail WHERE position = %s", (placed,))
        conn.execute("INSERT INTO oms_events (originator_id, originator_version, topic, state, notification_id)"
                     " SELECT originator_id, originator_version + 100, topic, state, %s FROM oms_events"
                     " WHERE notification_id = %s", (placed, placed + 1))
        inserted = audit.verify(db, progress=False)
        assert (inserted.broken_at, "inserted" in inserted.problem) == (placed, True)


async def test_an_export_is_verified_with_the_standard_library_alone(client, db, tmp_path) -> None:
    position = await some_history(client)
    head = await get(client, "/audit/head", min_position=position)
    exported = tmp_path / "trail.jsonl"
    with exported.open("w") as out:
        assert audit.export(db, out, "3", None) == position - 2  # from position 3: a stretch, not the start
    check = subprocess.run([sys.executable, "-I", str(VERIFY), str(exported), f"{head['position']}:{head['hash']}"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    lines = exported.read_text().splitlines()
    event = json.loads(lines[2])
    event["version"] += 1
    lines[2] = json.dumps(event)
    exported.write_text("\n".join(lines) + "\n")
    check = subprocess.run([sys.executable, "-I", str(VERIFY), str(exported)], capture_output=True, text=True)
    assert check.returncode == 1 and f"position {event['position']}" in check.stdout


async def test_the_settings_as_they_were(client) -> None:
    first = await (await client.patch(f"{API}/settings", json={"store_name": "Chez Paul"})).json()
    await client.patch(f"{API}/settings", json={"store_name": "Le Fournil"})
    assert (await get(client, "/settings"))["store_name"] == "Le Fournil"
    assert (await get(client, "/settings", version=str(first["version"])))["store_name"] == "Chez Paul"


async def test_failed_logins_and_a_stolen_refresh_token_are_critical_in_the_trail(client, anon) -> None:
    user = await post(client, "/users", {"username": "bea", "password": "a long enough passphrase", "role": "cashier"},
                      201)
    for username, password in (("bea", "not hers at all"), ("nobody", "what was typed")):
        assert (await anon.post(f"{API}/auth/login", json={"username": username, "password": password})).status == 401
    signed = await (await anon.post(f"{API}/auth/login",
                                    json={"username": "bea", "password": "a long enough passphrase"})).json()
    first = signed["refresh_token"]
    assert (await anon.post(f"{API}/auth/refresh", json={"refresh_token": first})).status == 200
    assert (await anon.post(f"{API}/auth/refresh", json={"refresh_token": first})).status == 401  # replayed
    head = anon.app[STORE].recorder.max_notification_id()
    trail = await get(client, "/audit", critical="true", entity="user", entity_id=user["id"], min_position=head)
    assert [(e["type"], e["actor"]) for e in trail["items"]] == [("User.TokensRevoked", "system"),
                                                                  ("User.LoginFailed", "anonymous")]
    assert "refresh token reused" in trail["items"][0]["summary"]
    assert "wrong password" in trail["items"][1]["summary"] and "127.0.0.1" not in trail["items"][1]["summary"]
    everything = await get(client, "/audit", per_page=200)
    assert "nobody" not in str(everything) and "what was typed" not in str(everything)
