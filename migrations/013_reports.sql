-- Reports: aggregates per store day, kept by the Reports read model in the same
-- transaction as its tracking row (reports never scan the orders).

-- Sales per store day and dimension: `store` (key ''), `product` (a product id, or
-- `quick-sell`/`custom` for lines without one), `category`, `cashier` (a user id),
-- `salesman` (a salesman id), `channel`, `tender` (a payment method: money in and out).
CREATE TABLE IF NOT EXISTS report_sales (
    dimension      text          NOT NULL,
    day            date          NOT NULL,   -- the store's day, in its time zone when it happened
    key            text          NOT NULL,
    orders         integer       NOT NULL DEFAULT 0,   -- sales counted (handed over)
    units          integer       NOT NULL DEFAULT 0,
    gross          numeric(14,2) NOT NULL DEFAULT 0,   -- before discounts, tax excluded
    discount       numeric(14,2) NOT NULL DEFAULT 0,
    net            numeric(14,2) NOT NULL DEFAULT 0,   -- after discounts, tax excluded
    tax            numeric(14,2) NOT NULL DEFAULT 0,
    cost           numeric(14,2) NOT NULL DEFAULT 0,   -- cost of the goods sold, at the moment of sale
    refunded_units integer       NOT NULL DEFAULT 0,
    refunds        numeric(14,2) NOT NULL DEFAULT 0,   -- money given back, tax included
    refunds_tax    numeric(14,2) NOT NULL DEFAULT 0,   -- the tax in it
    returned_cost  numeric(14,2) NOT NULL DEFAULT 0,   -- cost of refunded goods put back in stock
    commission     numeric(14,2) NOT NULL DEFAULT 0,   -- salesman rows: at the rate of the sale
    paid           numeric(14,2) NOT NULL DEFAULT 0,   -- tender rows: money taken
    PRIMARY KEY (dimension, day, key)
);

-- What a later event needs to know of an order: its lines as sold (category and cost
-- as they were), who sold it, its salesman and rate, and the day it counted on.
CREATE TABLE IF NOT EXISTS report_orders (
    id          uuid PRIMARY KEY,
    channel     text  NOT NULL,
    cashier     text,
    salesman_id text,
    rate        numeric(7,4),
    lines       jsonb NOT NULL,
    sold_on     date
);

-- What the Reports read model knows as of the event it is at: a product's cost and
-- category, a salesman's rate, the store's time zone (the settings' id).
CREATE TABLE IF NOT EXISTS report_refs (
    id   uuid PRIMARY KEY,
    data jsonb NOT NULL
);

-- Stock movements summed per product, store day and cause; and a product's cost at
-- the end of each day it changed (valuation as of any past day).
CREATE TABLE IF NOT EXISTS report_stock (
    product_id uuid    NOT NULL,
    day        date    NOT NULL,
    cause      text    NOT NULL,
    delta      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (product_id, day, cause)
);
CREATE INDEX IF NOT EXISTS report_stock_day ON report_stock (day);

CREATE TABLE IF NOT EXISTS report_costs (
    product_id uuid          NOT NULL,
    day        date          NOT NULL,
    cost       numeric(12,2) NOT NULL,
    PRIMARY KEY (product_id, day)
);
