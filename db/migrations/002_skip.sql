-- A skipped order goes back to the queue for everyone else at once, but not to the workstation
-- that skipped it until the hold-off runs out (otherwise, being the oldest, it comes straight back).
ALTER TABLE attempts ADD COLUMN skipped_by TEXT;
ALTER TABLE attempts ADD COLUMN skipped_until_ms INTEGER;
