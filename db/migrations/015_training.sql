-- Trainers (issue 16). A reviewer account is certified to work the live queue; one made with
-- `users add --trainee` is not until a trainer or a supervisor certifies it, and meanwhile works
-- only the training sets assigned to it. Every account that exists now keeps working as before:
-- the column's default certifies it.
ALTER TABLE users ADD COLUMN certified INTEGER NOT NULL DEFAULT 1 CHECK (certified IN (0, 1));

-- A named, reusable set of past cases. feedback: when the trainee sees each case's reference,
-- right after answering it ('immediate') or once the whole set is answered ('end').
CREATE TABLE training_sets (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_by  TEXT NOT NULL,
  feedback    TEXT NOT NULL CHECK (feedback IN ('immediate', 'end')),
  created_at  TEXT NOT NULL
);

-- One past case of a set: the decided attempt and the decision it came from, the reference answer
-- (the final decision and reasons after overturns, which the trainer may edit) and the trainer's
-- note. reference_reasons: the codes, each followed by ','. The photo and the applicant stay in
-- orders/attempts/photos, read only.
CREATE TABLE training_cases (
  id                 INTEGER PRIMARY KEY,
  set_id             INTEGER NOT NULL REFERENCES training_sets(id),
  position           INTEGER NOT NULL,
  attempt_id         INTEGER NOT NULL REFERENCES attempts(id),
  decision_id        INTEGER NOT NULL REFERENCES decisions(id),
  reference          TEXT NOT NULL CHECK (reference IN ('approved', 'rejected')),
  reference_reasons  TEXT NOT NULL DEFAULT '',
  note               TEXT NOT NULL DEFAULT '',
  UNIQUE (set_id, position),
  UNIQUE (set_id, attempt_id)
);

CREATE TABLE training_assignments (
  id           INTEGER PRIMARY KEY,
  set_id       INTEGER NOT NULL REFERENCES training_sets(id),
  trainee      TEXT NOT NULL REFERENCES users(name),
  assigned_by  TEXT NOT NULL,
  assigned_at  TEXT NOT NULL,
  UNIQUE (set_id, trainee)
);
CREATE INDEX training_assignments_trainee ON training_assignments(trainee);

-- A trainee's answer to one case: the only thing a training session writes besides its audit
-- rows. No image number, notice, outbox message, decision or lease comes of it.
CREATE TABLE training_answers (
  id             INTEGER PRIMARY KEY,
  assignment_id  INTEGER NOT NULL REFERENCES training_assignments(id),
  case_id        INTEGER NOT NULL REFERENCES training_cases(id),
  decision       TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  reasons        TEXT NOT NULL DEFAULT '',
  ms_spent       INTEGER NOT NULL CHECK (ms_spent >= 0),
  answered_at    TEXT NOT NULL,
  UNIQUE (assignment_id, case_id)
);

-- Answers are kept as given.
CREATE TRIGGER training_answers_append_only BEFORE UPDATE ON training_answers
BEGIN
  SELECT RAISE(ABORT, 'training answers are not changed once given');
END;
