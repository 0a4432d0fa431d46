-- Quarantine for poison orders: a photo whose decoding or analysis kills the workstation process
-- would otherwise come back after every crash (the next start hands the orphaned lease back) and
-- stop every reviewer in turn. A workstation records each start of an attempt's analysis and each
-- finish; an attempt with two starts that never finished leaves the queue as status 'quarantined'
-- until a supervisor releases it (store_quarantine.cpp).
--
-- 'quarantined' is a status rather than a flag beside 'pending', so everything that reads the queue
-- stays as it is: the claim and the queue list read `status = 'pending'` through the partial index
-- attempts_pending (a quarantined attempt is not in it), and a decision on a quarantined attempt is
-- refused like one on any attempt that is not pending. The CHECK therefore gets a fifth value, which
-- in SQLite means rebuilding the table (the same way as migration 004; the runner turns foreign keys
-- off around it and runs foreign_key_check before committing).
CREATE TABLE attempts_new (
  id                   INTEGER PRIMARY KEY,
  order_id             INTEGER NOT NULL REFERENCES orders(id),
  attempt_no           INTEGER NOT NULL,
  photo_id             INTEGER NOT NULL REFERENCES photos(id),
  previous_attempt_id  INTEGER REFERENCES attempts(id),
  submitted_at         TEXT NOT NULL,
  submitted_ms         INTEGER NOT NULL,
  priority             INTEGER NOT NULL DEFAULT 0,   -- resubmissions go to the front
  status               TEXT NOT NULL DEFAULT 'pending'
                       CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected' OR status = 'revoked'
                              OR status = 'quarantined'),
  lease_owner          TEXT,
  lease_expires_ms     INTEGER,
  lease_token          INTEGER,
  lease_claimed_ms     INTEGER,
  skipped_by           TEXT,
  skipped_until_ms     INTEGER,
  -- Starts minus finishes is the number of analyses that never finished (their process died).
  analysis_starts      INTEGER NOT NULL DEFAULT 0,
  analysis_finishes    INTEGER NOT NULL DEFAULT 0,
  analysis_started_by  TEXT,                          -- the lease owner of the latest start
  quarantined_at       TEXT,
  quarantine_cause     TEXT,
  UNIQUE (order_id, attempt_no)
);
INSERT INTO attempts_new(id, order_id, attempt_no, photo_id, previous_attempt_id, submitted_at, submitted_ms, priority,
  status, lease_owner, lease_expires_ms, lease_token, lease_claimed_ms, skipped_by, skipped_until_ms)
  SELECT id, order_id, attempt_no, photo_id, previous_attempt_id, submitted_at, submitted_ms, priority,
  status, lease_owner, lease_expires_ms, lease_token, lease_claimed_ms, skipped_by, skipped_until_ms FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_new RENAME TO attempts;
CREATE INDEX attempts_pending ON attempts(priority DESC, submitted_ms, id) WHERE status = 'pending';
-- The quarantine list and its count (the queue panel reads it every refresh) without a scan of
-- every attempt ever made; empty on a healthy queue, so a decision pays nothing for it.
CREATE INDEX attempts_quarantined ON attempts(quarantined_at, id) WHERE status = 'quarantined';
