-- What was on the reviewer's screen when they decided (issue 16, session replay): the overlays
-- and analysis layers that were on (bit sets, core/domain/screen_record.hpp), mirror, loupe and
-- the side-by-side comparison (flags: 1, 2, 4), the zoom relative to the fitted photo and the
-- photo point at the view's centre. Written in the decision's own transaction when the
-- workstation gives it; decisions from the command line and decisions made before this
-- migration have none (the replay shows the defaults and says so). When the order appeared and
-- how long it stayed are the decision's shown_at and review_ms. One small row: a rowid table
-- keyed by the decision, about 40 bytes.
CREATE TABLE decision_screens (
  decision_id  INTEGER PRIMARY KEY REFERENCES decisions(id),
  overlays     INTEGER NOT NULL CHECK (overlays BETWEEN 0 AND 127),
  layers       INTEGER NOT NULL CHECK (layers BETWEEN 0 AND 15),
  flags        INTEGER NOT NULL CHECK (flags BETWEEN 0 AND 7),
  zoom         REAL NOT NULL CHECK (zoom > 0),
  centre_x     REAL NOT NULL,
  centre_y     REAL NOT NULL
);

CREATE TRIGGER decision_screens_no_update BEFORE UPDATE ON decision_screens
BEGIN
  SELECT RAISE(ABORT, 'decision screens are append-only: what was on screen cannot be changed');
END;
CREATE TRIGGER decision_screens_no_delete BEFORE DELETE ON decision_screens
BEGIN
  SELECT RAISE(ABORT, 'decision screens are append-only: what was on screen cannot be deleted');
END;
