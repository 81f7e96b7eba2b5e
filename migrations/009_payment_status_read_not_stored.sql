-- An order's payment status is worked out where it is read (paid >= total), from the
-- amounts the OrderList projection keeps; the column it also stored goes.
ALTER TABLE orders DROP COLUMN IF EXISTS payment_status;
