"""A rate limit must neither take the shop down nor open the gates: with Redis unreachable,
requests are counted in the process."""

from oms.http.ratelimit import RateLimits
from tests.support.processes import free_port


async def test_requests_are_counted_in_the_process_when_the_shared_counter_cannot_be_reached() -> None:
    limits = RateLimits("2/minute", "1/minute", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    waits = [await limits.wait(limits.anonymous, "ip:10.0.0.1") for _ in range(3)]
    assert waits[:2] == [0, 0] and waits[2] >= 1
    assert await limits.wait(limits.anonymous, "ip:10.0.0.2") == 0  # each client on its own


async def test_signed_in_users_are_counted_in_the_process() -> None:
    limits = RateLimits("100/minute", "2/minute", f"redis://127.0.0.1:{free_port()}/0")
    waits = [await limits.wait(limits.user, "user:1") for _ in range(3)]
    assert waits[:2] == [0, 0] and waits[2] >= 1  # counted without Redis
