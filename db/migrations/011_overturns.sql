-- Overturns: a supervisor turns a decision round (Store::overturn, store_overturn.cpp). The decision
-- row stays as the reviewer made it; the overturn is a row of its own that names it, with what the
-- overturn issued: for an approval become a rejection, the number it revoked and the notice (with a
-- free resubmission token) it sent; for a rejection become an approval, the new image number and
-- the rejection notice whose token stopped working.
--
-- One overturn per decision (decision_id UNIQUE): an overturn is final. An approval that came from
-- an overturn can still be revoked (revoke); a rejection that came from one is answered by the
-- applicant's free resubmission, whose decision can be overturned in its turn.

-- The notices table again, with 'overturn' among its kinds (a CHECK is changed by rebuilding the
-- table, as 004 did for attempts; the runner turns foreign keys off around it and checks them
-- before committing). Same columns, same rows.
CREATE TABLE notices_new (
  id                 INTEGER PRIMARY KEY,
  decision_id        INTEGER REFERENCES decisions(id),
  attempt_id         INTEGER NOT NULL REFERENCES attempts(id),
  kind               TEXT NOT NULL CHECK (kind = 'rejection' OR kind = 'revocation' OR kind = 'overturn'),
  token_sha256       TEXT NOT NULL UNIQUE,
  body_json          TEXT NOT NULL,
  issued_at          TEXT NOT NULL,
  used_at            TEXT,
  used_by_attempt_id INTEGER REFERENCES attempts(id)
);
INSERT INTO notices_new(id, decision_id, attempt_id, kind, token_sha256, body_json, issued_at, used_at,
                        used_by_attempt_id)
  SELECT id, decision_id, attempt_id, kind, token_sha256, body_json, issued_at, used_at, used_by_attempt_id
  FROM notices;
DROP TABLE notices;
ALTER TABLE notices_new RENAME TO notices;
CREATE INDEX notices_decision ON notices(decision_id);

CREATE TABLE overturns (
  id                INTEGER PRIMARY KEY,
  decision_id       INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
  attempt_id        INTEGER NOT NULL REFERENCES attempts(id),
  from_decision     TEXT NOT NULL CHECK (from_decision = 'approved' OR from_decision = 'rejected'),
  to_decision       TEXT NOT NULL CHECK (to_decision = 'approved' OR to_decision = 'rejected'),
  supervisor        TEXT NOT NULL,
  justification     TEXT NOT NULL,
  other_text        TEXT,              -- the supervisor's words for OTHER (to a rejection)
  overturned_at     TEXT NOT NULL,
  overturned_ms     INTEGER NOT NULL,
  -- to a rejection: the decision's number, now revoked, and the notice sent
  revoked_number    TEXT REFERENCES image_numbers(number),
  notice_id         INTEGER REFERENCES notices(id),
  -- to an approval: the new number, and the rejection notice whose token no longer works
  image_number      TEXT REFERENCES image_numbers(number),
  voided_notice_id  INTEGER REFERENCES notices(id),
  CHECK (from_decision <> to_decision),
  CHECK ((to_decision = 'rejected') = (revoked_number IS NOT NULL AND notice_id IS NOT NULL)),
  CHECK ((to_decision = 'approved') = (image_number IS NOT NULL))
);
-- resubmit() asks whether the token's notice was voided.
CREATE INDEX overturns_voided ON overturns(voided_notice_id) WHERE voided_notice_id IS NOT NULL;

-- The reasons of an overturn to a rejection, in the supervisor's order (what the notice lists).
CREATE TABLE overturn_reasons (
  overturn_id  INTEGER NOT NULL REFERENCES overturns(id),
  position     INTEGER NOT NULL,
  code         TEXT NOT NULL,
  PRIMARY KEY (overturn_id, position)
) WITHOUT ROWID;

-- An overturn is history, like the audit row that records it: nothing in the product changes or
-- removes one. Someone holding the file can drop these triggers; `audit verify` compares every
-- overturn with its row of the log.
CREATE TRIGGER overturns_no_update BEFORE UPDATE ON overturns
BEGIN
  SELECT RAISE(ABORT, 'overturns are append-only: an overturn cannot be changed');
END;
CREATE TRIGGER overturns_no_delete BEFORE DELETE ON overturns
BEGIN
  SELECT RAISE(ABORT, 'overturns are append-only: an overturn cannot be deleted');
END;
CREATE TRIGGER overturn_reasons_no_update BEFORE UPDATE ON overturn_reasons
BEGIN
  SELECT RAISE(ABORT, 'overturns are append-only: their reasons cannot be changed');
END;
CREATE TRIGGER overturn_reasons_no_delete BEFORE DELETE ON overturn_reasons
BEGIN
  SELECT RAISE(ABORT, 'overturns are append-only: their reasons cannot be deleted');
END;
