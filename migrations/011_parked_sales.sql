-- ParkedSales read model: carts put aside on a register, until taken back.
CREATE TABLE IF NOT EXISTS parked_sales (
    id          uuid PRIMARY KEY,
    register    text        NOT NULL,
    cart        text        NOT NULL,   -- JSON: items, discount, customer_id, as POST /pos/sales takes them
    note        text,
    parked_by   text        NOT NULL,
    taken       boolean     NOT NULL DEFAULT false,
    version     integer     NOT NULL,
    parked_at   timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS parked_sales_waiting ON parked_sales (register, parked_at, id) WHERE NOT taken;
