-- Point of sale: sales and refunds on the OrderList tables, the Shifts read model, and
-- stock discrepancies (offline sales beyond the stock the server knew of).
ALTER TABLE order_lines ALTER COLUMN product_id DROP NOT NULL;  -- quick-sell lines have no product
ALTER TABLE order_lines ALTER COLUMN sku DROP NOT NULL;
ALTER TABLE order_lines ADD COLUMN IF NOT EXISTS discount numeric(12,2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS discount numeric(12,2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS refunded numeric(12,2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS invoice_number text;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shift_id uuid;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS register text;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS change_due numeric(12,2);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS sold_at timestamptz;
CREATE INDEX IF NOT EXISTS orders_shift ON orders (shift_id, placed_at DESC, id DESC) WHERE shift_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS shifts (
    id             uuid PRIMARY KEY,
    register       text          NOT NULL,
    cashier        text          NOT NULL,   -- the user id of who opened it
    status         text          NOT NULL,
    opening_float  numeric(12,2) NOT NULL,
    sales_count    integer       NOT NULL DEFAULT 0,
    sales_total    numeric(14,2) NOT NULL DEFAULT 0,
    refunds_total  numeric(14,2) NOT NULL DEFAULT 0,
    counted_cash   numeric(12,2),
    version        integer       NOT NULL,
    opened_at      timestamptz   NOT NULL,
    closed_at      timestamptz,
    updated_at     timestamptz   NOT NULL
);
CREATE INDEX IF NOT EXISTS shifts_opened ON shifts (opened_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS shifts_cashier_opened ON shifts (cashier, opened_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS stock_discrepancies (
    order_id    uuid        NOT NULL,
    product_id  uuid        NOT NULL,
    quantity    integer     NOT NULL,   -- units the sale took
    shortfall   integer     NOT NULL,   -- of those, units beyond what the server knew was available
    actor       text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
CREATE INDEX IF NOT EXISTS stock_discrepancies_at ON stock_discrepancies (at DESC);
