-- Read tables of the OrderList projection.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS orders (
    id              uuid PRIMARY KEY,
    number          text          NOT NULL,
    status          text          NOT NULL,
    payment_status  text          NOT NULL,
    channel         text          NOT NULL,
    customer_id     uuid,
    fulfilment      text,
    note            text,
    subtotal        numeric(12,2) NOT NULL,
    tax             numeric(12,2) NOT NULL,
    total           numeric(12,2) NOT NULL,
    paid            numeric(12,2) NOT NULL DEFAULT 0,
    item_count      integer       NOT NULL,
    search          text          NOT NULL,   -- number and product names, lower case
    placed_by       text          NOT NULL,
    version         integer       NOT NULL,
    placed_at       timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);
-- Newest first, stable: every list is ordered by (placed_at DESC, id DESC).
CREATE INDEX IF NOT EXISTS orders_placed ON orders (placed_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_status_placed ON orders (status, placed_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_customer_placed ON orders (customer_id, placed_at DESC, id DESC)
    WHERE customer_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS orders_number ON orders (number);
CREATE INDEX IF NOT EXISTS orders_search_trgm ON orders USING gin (search gin_trgm_ops);

CREATE TABLE IF NOT EXISTS order_lines (
    order_id    uuid          NOT NULL,
    line        integer       NOT NULL,
    product_id  uuid          NOT NULL,
    sku         text          NOT NULL,
    name        text          NOT NULL,
    quantity    integer       NOT NULL,
    unit_price  numeric(12,2) NOT NULL,
    tax_rate    numeric(6,3)  NOT NULL,
    net         numeric(12,2) NOT NULL,
    tax         numeric(12,2) NOT NULL,
    PRIMARY KEY (order_id, line)
);
CREATE INDEX IF NOT EXISTS order_lines_product ON order_lines (product_id);

-- Product search by name/SKU fragment.
CREATE INDEX IF NOT EXISTS products_name_trgm ON products USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS products_sku_trgm ON products USING gin (sku gin_trgm_ops);
-- Customer-name search joins users.
CREATE INDEX IF NOT EXISTS users_full_name_trgm ON users USING gin (full_name gin_trgm_ops);
