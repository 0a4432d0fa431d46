-- The review queue: photos, orders, attempts (one per submission of an order) and leases.
CREATE TABLE photos (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  bytes       BLOB NOT NULL,
  byte_count  INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE orders (
  id              INTEGER PRIMARY KEY,
  order_no        TEXT NOT NULL UNIQUE,
  applicant_name  TEXT NOT NULL,
  id_number       TEXT NOT NULL,
  doc_type        TEXT NOT NULL,        -- id_card, social_security, ...
  city            TEXT NOT NULL,        -- short Chinese name, e.g. 深圳
  city_letter     TEXT NOT NULL,
  channel         TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL
);

-- An attempt is one photo submitted for an order; a free resubmission is attempt N+1.
CREATE TABLE attempts (
  id                   INTEGER PRIMARY KEY,
  order_id             INTEGER NOT NULL REFERENCES orders(id),
  attempt_no           INTEGER NOT NULL,
  photo_id             INTEGER NOT NULL REFERENCES photos(id),
  previous_attempt_id  INTEGER REFERENCES attempts(id),
  submitted_at         TEXT NOT NULL,
  submitted_ms         INTEGER NOT NULL,
  priority             INTEGER NOT NULL DEFAULT 0,   -- resubmissions go to the front
  status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','revoked')),
  lease_owner          TEXT,
  lease_expires_ms     INTEGER,
  lease_token          INTEGER,
  lease_claimed_ms     INTEGER,
  UNIQUE (order_id, attempt_no)
);
CREATE INDEX attempts_queue ON attempts(status, priority DESC, submitted_ms, id);

-- Fencing tokens only grow: every claim takes the next one, so a decision carrying an older token
-- than the attempt's current lease is stale even when the same reviewer name holds it.
CREATE TABLE fencing (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  last_token  INTEGER NOT NULL
);
INSERT INTO fencing(id, last_token) VALUES (1, 0);

-- One decision per attempt: who, when, how long, the findings that were on screen, the reasons.
CREATE TABLE decisions (
  id             INTEGER PRIMARY KEY,
  attempt_id     INTEGER NOT NULL UNIQUE REFERENCES attempts(id),
  decision       TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
  reviewer       TEXT NOT NULL,
  workstation    TEXT NOT NULL DEFAULT '',
  lease_token    INTEGER NOT NULL,
  shown_at       TEXT,                 -- when the photo appeared on the reviewer's screen
  decided_at     TEXT NOT NULL,
  decided_ms     INTEGER NOT NULL,
  review_ms      INTEGER NOT NULL,
  findings_json  TEXT NOT NULL DEFAULT '[]',
  other_text     TEXT,
  image_number   TEXT                  -- approvals: the number issued (image_numbers holds its state)
);
CREATE INDEX decisions_reviewer ON decisions(reviewer, decided_ms);

-- WITHOUT ROWID where the key is the natural one: one B-tree per table instead of table + index,
-- fewer pages written per decision.
CREATE TABLE decision_reasons (
  decision_id  INTEGER NOT NULL REFERENCES decisions(id),
  position     INTEGER NOT NULL,        -- the reviewer's order
  code         TEXT NOT NULL,
  PRIMARY KEY (decision_id, position)
) WITHOUT ROWID;

-- Issued per city and day; the counter row is bumped inside the decision's transaction.
CREATE TABLE serial_counters (
  city_letter  TEXT NOT NULL,
  issue_date   TEXT NOT NULL,           -- yymmdd
  last_serial  INTEGER NOT NULL,
  PRIMARY KEY (city_letter, issue_date)
) WITHOUT ROWID;

CREATE TABLE image_numbers (
  number          TEXT PRIMARY KEY,
  decision_id     INTEGER NOT NULL REFERENCES decisions(id),  -- one per decision: decisions.attempt_id is unique
  attempt_id      INTEGER NOT NULL REFERENCES attempts(id),
  doc_group       TEXT NOT NULL,
  city_letter     TEXT NOT NULL,
  issue_date      TEXT NOT NULL,         -- 2026-11-21
  expires_on      TEXT NOT NULL,         -- last valid day
  revoked_at      TEXT,
  revoked_by      TEXT,
  revoked_reason  TEXT
) WITHOUT ROWID;

-- A failure notice carries a one-time resubmission token (random, 128 bits).
CREATE TABLE notices (
  id                 INTEGER PRIMARY KEY,
  decision_id        INTEGER REFERENCES decisions(id),
  attempt_id         INTEGER NOT NULL REFERENCES attempts(id),
  kind               TEXT NOT NULL CHECK (kind IN ('rejection','revocation')),
  token              TEXT NOT NULL UNIQUE,
  body_json          TEXT NOT NULL,
  issued_at          TEXT NOT NULL,
  used_at            TEXT,
  used_by_attempt_id INTEGER REFERENCES attempts(id)
);
CREATE INDEX notices_decision ON notices(decision_id);

-- Messages for the applicant's service notification, written in the decision's transaction.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  idempotency_key  TEXT NOT NULL UNIQUE,
  attempt_id       INTEGER NOT NULL REFERENCES attempts(id),
  kind             TEXT NOT NULL,       -- approval, rejection, revocation
  payload_json     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  delivered_at     TEXT
);
CREATE INDEX outbox_pending ON outbox(id) WHERE delivered_at IS NULL;

-- Tamper-evident audit log: each row's hash covers the previous row's hash.
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  subject    TEXT NOT NULL,
  detail     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
