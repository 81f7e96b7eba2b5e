-- What an order and a product derive from their own amounts, defined once in the
-- tables (generated columns): every query reads these, none works them out again.
-- They follow the domain's rules: `Order.balance_due`, `payment_status()` and
-- `product.available()` (tests/e2e/test_derived_columns.py holds them together).
ALTER TABLE orders
    ADD COLUMN balance_due numeric(12,2) GENERATED ALWAYS AS (total - paid) STORED,
    ADD COLUMN payment_status text GENERATED ALWAYS AS (CASE WHEN paid >= total THEN 'paid' ELSE 'pending' END) STORED;
ALTER TABLE products
    ADD COLUMN available integer GENERATED ALWAYS AS (greatest(stock - reserved, 0)) STORED;
