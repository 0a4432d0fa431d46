-- SQLite's migration 019: the idempotency key of a workstation's decision (see there).
ALTER TABLE decisions ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX decisions_request_key ON decisions(request_key);
