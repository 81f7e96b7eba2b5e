-- Who supplies a product (purchase details, shown with its cost).
ALTER TABLE products ADD COLUMN IF NOT EXISTS vendor_id uuid;
