-- Login and refresh no longer take an Idempotency-Key: their answers hold tokens.
-- Forget the answers kept before that, which held access and refresh tokens in clear.
DELETE FROM idempotency_keys WHERE position('"refresh_token"'::bytea IN coalesce(body, '')) > 0;
