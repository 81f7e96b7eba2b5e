"""PostgreSQL renders list JSON: its times must read exactly as msgspec writes them."""

from datetime import UTC, datetime, timedelta, timezone

import msgspec
import psycopg
from hypothesis import given, settings
from hypothesis import strategies as st

from oms.setup import prepare

moments = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(9999, 1, 1),
                       timezones=st.just(UTC))


def test_api_time_matches_the_api_encoder(config, db) -> None:
    prepare(config, db)  # the migrations define api_time
    with psycopg.connect(db.url()) as conn:

        @settings(max_examples=300, deadline=None)
        @given(moments | st.sampled_from([datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, 0, 0, 0, 10, UTC)]),
               st.integers(min_value=-14, max_value=14))
        def same(moment: datetime, offset: int) -> None:
            local = moment.astimezone(timezone(timedelta(hours=offset)))  # any session time zone
            rendered = conn.execute("SELECT api_time(%s)", (local,)).fetchone()[0]
            assert rendered.encode() == msgspec.json.encode(moment)[1:-1]

        same()
