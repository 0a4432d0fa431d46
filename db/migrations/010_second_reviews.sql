-- Blind second review: a share of each reviewer's decisions (settings.second_review_share, 5 %
-- unless a supervisor changes it) is decided again by someone else, who sees the photo but not
-- the first decision. Nothing is issued from a second review; agreement is kept for the figures
-- and every disagreement waits in the supervisors' inbox until one of them resolves it.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings(key, value) VALUES ('second_review_share', '0.05');

CREATE TABLE second_reviews (
  id                INTEGER PRIMARY KEY,
  decision_id       INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
  first_reviewer    TEXT NOT NULL,      -- the decision's reviewer: never the second one
  queued_at         TEXT NOT NULL,
  queued_ms         INTEGER NOT NULL,
  lease_owner       TEXT,
  lease_token       INTEGER,
  lease_expires_ms  INTEGER,
  reviewer          TEXT,               -- who decided it the second time (NULL: waiting)
  decision          TEXT CHECK (decision IN ('approved', 'rejected')),
  other_text        TEXT,
  decided_at        TEXT,
  review_ms         INTEGER,
  agrees            INTEGER CHECK (agrees IN (0, 1)),  -- same outcome as the first decision
  resolved_by       TEXT,               -- a disagreement a supervisor has dealt with
  resolved_at       TEXT,
  resolution        TEXT,
  CHECK ((reviewer IS NULL) = (decision IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
  CHECK (reviewer IS NULL OR reviewer <> first_reviewer)
);
CREATE INDEX second_reviews_waiting ON second_reviews(queued_ms) WHERE decision IS NULL;
CREATE INDEX second_reviews_open_disagreements ON second_reviews(decided_at) WHERE agrees = 0 AND resolved_at IS NULL;

CREATE TABLE second_review_reasons (
  second_review_id  INTEGER NOT NULL REFERENCES second_reviews(id),
  position          INTEGER NOT NULL,
  code              TEXT NOT NULL,
  PRIMARY KEY (second_review_id, position)
) WITHOUT ROWID;

-- What the rule engine said of the photo when it was decided: 'fail' when any finding failed,
-- 'pass' when findings were on screen and none failed, NULL when there were none. Kept as a column
-- so the figures read agreement with the engine from an index walk instead of parsing a million
-- findings records; it is derived from findings_json, whose hash the audit log holds.
ALTER TABLE decisions ADD COLUMN engine_verdict TEXT CHECK (engine_verdict IN ('pass', 'fail'));
UPDATE decisions SET engine_verdict = CASE
  WHEN NOT json_valid(findings_json) THEN NULL
  WHEN json_type(findings_json) = 'object' THEN
    CASE WHEN (SELECT COUNT(*) FROM json_each(findings_json, '$.fail')) > 0 THEN 'fail' ELSE 'pass' END
  WHEN json_type(findings_json) = 'array' AND json_array_length(findings_json) > 0 THEN
    CASE WHEN EXISTS (SELECT 1 FROM json_each(findings_json) WHERE json_extract(value, '$.verdict') = 'fail')
         THEN 'fail' ELSE 'pass' END
END;
-- The figures and the decision browser read decisions by time across all reviewers.
CREATE INDEX decisions_decided ON decisions(decided_ms);
