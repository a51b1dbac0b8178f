-- A batch's idempotency key and the fingerprint of what was submitted under it. The batch id is derived
-- from the tenant and the key, so a resubmission lands on the same row; the fingerprint tells a true
-- resubmission (same body: answer with the batch as it is) from a key reused for another batch (refused).
-- Null on batches stored before this migration.
ALTER TABLE batches ADD COLUMN idempotency_key text;
ALTER TABLE batches ADD COLUMN fingerprint text;
