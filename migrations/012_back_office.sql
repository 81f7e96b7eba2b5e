-- Back office: the BackOffice read model's tables (vendors, salesmen, customers, expenses,
-- stock entries) and the ProductCatalog's stock movements.
-- Searches match anywhere in a name, email or phone (ILIKE '%q%'): trigram indexes serve them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS vendors (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    contact     text,
    email       text,
    phone       text,
    address     text,
    archived    boolean     NOT NULL DEFAULT false,
    version     integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS vendors_name_id ON vendors (lower(name), id);

CREATE TABLE IF NOT EXISTS salesmen (
    id               uuid PRIMARY KEY,
    name             text         NOT NULL,
    commission_rate  numeric(6,3) NOT NULL,
    archived         boolean      NOT NULL DEFAULT false,
    version          integer      NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL
);
CREATE INDEX IF NOT EXISTS salesmen_name_id ON salesmen (lower(name), id);

CREATE TABLE IF NOT EXISTS customers (
    id                uuid PRIMARY KEY,
    full_name         text          NOT NULL,
    email             text,
    phone             text,
    billing_address   text,
    delivery_address  text,
    credit_limit      numeric(12,2) NOT NULL,
    balance           numeric(14,2) NOT NULL DEFAULT 0,
    user_id           uuid,          -- the customer's own login, when they signed up
    search            text GENERATED ALWAYS AS
                          (lower(full_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) STORED,
    archived          boolean       NOT NULL DEFAULT false,
    version           integer       NOT NULL,
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL
);
CREATE INDEX IF NOT EXISTS customers_name_id ON customers (lower(full_name), id);
-- One lower-cased text and one trigram index: `search LIKE '%q%'` finds a name, email or
-- phone fragment; three ILIKEs over three columns cost twenty times more on common words.
CREATE INDEX IF NOT EXISTS customers_search ON customers USING gin (search gin_trgm_ops);
CREATE INDEX IF NOT EXISTS customers_user ON customers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS customers_owing ON customers (balance DESC, id) WHERE balance <> 0;

CREATE TABLE IF NOT EXISTS expenses (
    id          uuid PRIMARY KEY,
    category    text          NOT NULL,
    amount      numeric(12,2) NOT NULL,
    date        date          NOT NULL,
    note        text,
    vendor_id   uuid,
    archived    boolean       NOT NULL DEFAULT false,
    version     integer       NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL
);
CREATE INDEX IF NOT EXISTS expenses_date ON expenses (date DESC, id DESC);
CREATE INDEX IF NOT EXISTS expenses_category_date ON expenses (category, date DESC, id DESC);

CREATE TABLE IF NOT EXISTS stock_entries (
    id          uuid PRIMARY KEY,
    vendor_id   uuid          NOT NULL,
    vendor_name text          NOT NULL,   -- as it was when the goods came
    note        text,
    lines       jsonb         NOT NULL,   -- [{"product_id","name","quantity","unit_cost"}]
    total       numeric(14,2) NOT NULL,
    actor       text          NOT NULL,
    created_at  timestamptz   NOT NULL
);
CREATE INDEX IF NOT EXISTS stock_entries_created ON stock_entries (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS stock_entries_vendor ON stock_entries (vendor_id, created_at DESC, id DESC);

-- Every change of a product's stock on hand, one row per event; the level after each is
-- the running sum of `delta` in version order (the first row is the product's opening stock).
CREATE TABLE IF NOT EXISTS stock_movements (
    product_id  uuid        NOT NULL,
    version     integer     NOT NULL,
    delta       integer     NOT NULL,
    cause       text        NOT NULL,   -- created, adjusted, received, counted, sold, handed_over, returned
    reason      text,
    reference   uuid,                   -- the order or stock entry
    actor       text        NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (product_id, version)
);

-- A POS sale names the salesman it is credited to (commission reports read it).
ALTER TABLE orders ADD COLUMN IF NOT EXISTS salesman_id uuid;
CREATE INDEX IF NOT EXISTS orders_salesman ON orders (salesman_id, placed_at DESC, id DESC) WHERE salesman_id IS NOT NULL;

-- An online order's pickup (or delivery) time.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS pickup_at timestamptz;
CREATE INDEX IF NOT EXISTS orders_pickup ON orders (pickup_at, id) WHERE pickup_at IS NOT NULL;

-- Product search likewise: name and SKU in one lower-cased text.
ALTER TABLE products ADD COLUMN IF NOT EXISTS search text GENERATED ALWAYS AS (lower(name || ' ' || sku)) STORED;
CREATE INDEX IF NOT EXISTS products_search ON products USING gin (search gin_trgm_ops);
DROP INDEX IF EXISTS products_name_trgm;
DROP INDEX IF EXISTS products_sku_trgm;

-- A product's picture: the stored file's name (the SHA-256 of its content and its extension).
ALTER TABLE products ADD COLUMN IF NOT EXISTS image text;

-- The ProductCatalog now also writes stock_movements, so it replays its events from the
-- start: emptied tables and no tracking position, as on a first start.
DO $$ BEGIN
    IF to_regclass('productcatalog_tracking') IS NOT NULL THEN
        TRUNCATE products, stock_discrepancies;
        DELETE FROM productcatalog_tracking;
    END IF;
END $$;
