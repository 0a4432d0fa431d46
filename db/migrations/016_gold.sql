-- Known-answer (gold) cases in the live queue (issue 16). A trainer or a supervisor marks decided
-- cases as gold; certified reviewers receive them among real orders at gold.rate, under a fresh
-- order number and a stand-in applicant, and their answers are scored against the reference and
-- never issued. A reviewer whose gold accuracy falls below gold.pause_below over at least
-- gold.min_cases answers (since their last unpause) is paused until a supervisor lifts it.
-- Settings change only through Store::set_setting (supervisors, audited "setting").
INSERT INTO settings(key, value) VALUES ('gold.rate', '0.05');
INSERT INTO settings(key, value) VALUES ('gold.pause_below', '0.85');
INSERT INTO settings(key, value) VALUES ('gold.min_cases', '20');

-- A decided attempt kept as a known-answer case. reference: the final decision and reasons after
-- overturns at the time it was marked (reasons: codes, each followed by ','); decision_id: the
-- decision it came from, whose reviewer never receives it.
CREATE TABLE gold_cases (
  id                 INTEGER PRIMARY KEY,
  attempt_id         INTEGER NOT NULL UNIQUE REFERENCES attempts(id),
  decision_id        INTEGER NOT NULL REFERENCES decisions(id),
  original_reviewer  TEXT NOT NULL,
  reference          TEXT NOT NULL CHECK (reference IN ('approved', 'rejected')),
  reference_reasons  TEXT NOT NULL DEFAULT '',
  added_by           TEXT NOT NULL,
  added_at           TEXT NOT NULL
);
CREATE TRIGGER gold_cases_fixed BEFORE UPDATE ON gold_cases
BEGIN
  SELECT RAISE(ABORT, 'gold cases are not changed once marked');
END;
CREATE TRIGGER gold_cases_kept BEFORE DELETE ON gold_cases
BEGIN
  SELECT RAISE(ABORT, 'gold cases are not deleted');
END;

-- One gold case handed to one reviewer, leased as an order is. order_no, applicant_name,
-- id_number and submitted_*: the stand-in the reviewer sees (order_no never a real order's at the
-- time). status: open while held, answered, or released (skipped or handed back: never offered
-- to this reviewer again). The lease columns change while it is open; the answer goes to
-- gold_answers, which is append-only.
CREATE TABLE gold_deliveries (
  id                INTEGER PRIMARY KEY,
  gold_case_id      INTEGER NOT NULL REFERENCES gold_cases(id),
  reviewer          TEXT NOT NULL,
  order_no          TEXT NOT NULL UNIQUE,
  applicant_name    TEXT NOT NULL,
  id_number         TEXT NOT NULL,
  submitted_at      TEXT NOT NULL,
  submitted_ms      INTEGER NOT NULL,
  delivered_ms      INTEGER NOT NULL,
  lease_owner       TEXT NOT NULL,
  lease_token       INTEGER NOT NULL,
  lease_expires_ms  INTEGER NOT NULL,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'released')),
  UNIQUE (gold_case_id, reviewer)
);
CREATE INDEX gold_deliveries_open ON gold_deliveries(status, lease_owner);

CREATE TABLE gold_answers (
  id           INTEGER PRIMARY KEY,
  delivery_id  INTEGER NOT NULL UNIQUE REFERENCES gold_deliveries(id),
  reviewer     TEXT NOT NULL,
  decision     TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  reasons      TEXT NOT NULL DEFAULT '',
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  ms_spent     INTEGER NOT NULL CHECK (ms_spent >= 0),
  answered_ms  INTEGER NOT NULL,
  answered_at  TEXT NOT NULL
);
CREATE INDEX gold_answers_reviewer ON gold_answers(reviewer, id);
CREATE TRIGGER gold_answers_append_only BEFORE UPDATE ON gold_answers
BEGIN
  SELECT RAISE(ABORT, 'gold answers are not changed once given');
END;
CREATE TRIGGER gold_answers_kept BEFORE DELETE ON gold_answers
BEGIN
  SELECT RAISE(ABORT, 'gold answers are not deleted');
END;

-- A pause: the reviewer's gold record when it began (answers and correct ones since the last
-- lift, the threshold then). lifted_*: set once by a supervisor; last_answer_id: the reviewer's
-- latest gold answer at the lift, so the next pause counts only answers after it.
CREATE TABLE reviewer_pauses (
  id              INTEGER PRIMARY KEY,
  reviewer        TEXT NOT NULL,
  paused_at       TEXT NOT NULL,
  answered        INTEGER NOT NULL,
  correct         INTEGER NOT NULL,
  pause_below     REAL NOT NULL,
  lifted_by       TEXT,
  lifted_at       TEXT,
  last_answer_id  INTEGER
);
CREATE INDEX reviewer_pauses_reviewer ON reviewer_pauses(reviewer, id);
CREATE UNIQUE INDEX reviewer_pauses_one_open ON reviewer_pauses(reviewer) WHERE lifted_at IS NULL;
