-- Orders per status and channel, kept by the OrderList projection in the same
-- transaction as the orders themselves: an unfiltered (or status/channel-filtered)
-- order list reads its `total` here instead of counting every order.
CREATE TABLE IF NOT EXISTS order_counts (
    status  text   NOT NULL,
    channel text   NOT NULL,
    n       bigint NOT NULL,
    PRIMARY KEY (status, channel)
);

INSERT INTO order_counts (status, channel, n)
SELECT status, channel, count(*) FROM orders GROUP BY status, channel
ON CONFLICT (status, channel) DO NOTHING;
