-- Read table of the ProductCatalog projection: one row per product, stock included.
CREATE TABLE IF NOT EXISTS products (
    id          uuid PRIMARY KEY,
    sku         text          NOT NULL,
    name        text          NOT NULL,
    price       numeric(12,2) NOT NULL,
    cost        numeric(12,2) NOT NULL,
    barcode     text,
    category    text          NOT NULL,
    brand       text,
    tax_rate    numeric(6,3)  NOT NULL,
    stock       integer       NOT NULL,
    reserved    integer       NOT NULL DEFAULT 0,
    archived    boolean       NOT NULL DEFAULT false,
    version     integer       NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL
);
-- Listing is ordered by (name, id) for a stable sort; the category filter shares it.
CREATE INDEX IF NOT EXISTS products_name_id ON products (name, id);
CREATE INDEX IF NOT EXISTS products_category_name_id ON products (category, name, id);
-- POS scanner and SKU look-ups.
CREATE INDEX IF NOT EXISTS products_barcode ON products (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX IF NOT EXISTS products_sku_lower ON products (lower(sku));
