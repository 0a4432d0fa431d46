-- reviewer_hours (migration 014) kept each hour's review times and reason codes as text that grew
-- with every decision of the hour: each decision rewrote a longer row, so deciding slowed with
-- the hour's count (the bench's thousands of decisions in one hour fell to 1,256 a second). Now
-- each reviewer's hour keeps its counts only, and the times and codes are counted per reviewer and
-- CST day, every row a fixed size: one decision is two small upserts, however busy the day.
--
-- Review times are counted in buckets, each standing for its midpoint: 250 ms steps below 10 s,
-- 500 ms to 30 s, 2 s to 2 min, 10 s to 10 min, 1 min to an hour, 10 min beyond. A percentile is
-- then within half a step of the exact one (at most 2.5 % from 5 s up), and a month of a million
-- decisions is some hundred thousand rows to read, not a million values. Periods are whole CST
-- days (Store::figures), so a day's rows lie wholly inside or outside any period.
DROP TRIGGER reviewer_hours_of_decision;
DROP TRIGGER reviewer_hours_of_reason;

CREATE TABLE reviewer_day_times (
  reviewer  TEXT NOT NULL,
  day       INTEGER NOT NULL,  -- (decided_ms + 8 h) / 24 h: the CST day
  review_ms INTEGER NOT NULL,  -- the bucket's midpoint
  n         INTEGER NOT NULL,
  PRIMARY KEY (reviewer, day, review_ms)
) WITHOUT ROWID;

CREATE TABLE reviewer_day_reasons (
  reviewer TEXT NOT NULL,
  day      INTEGER NOT NULL,
  code     TEXT NOT NULL,
  n        INTEGER NOT NULL,  -- rejections of the day that gave this reason
  PRIMARY KEY (reviewer, day, code)
) WITHOUT ROWID;

INSERT INTO reviewer_day_times
  SELECT reviewer, day, review_ms, COUNT(*) FROM (
    SELECT reviewer, (decided_ms + 28800000) / 86400000 AS day,
           CASE WHEN review_ms < 10000 THEN review_ms / 250 * 250 + 125
                WHEN review_ms < 30000 THEN review_ms / 500 * 500 + 250
                WHEN review_ms < 120000 THEN review_ms / 2000 * 2000 + 1000
                WHEN review_ms < 600000 THEN review_ms / 10000 * 10000 + 5000
                WHEN review_ms < 3600000 THEN review_ms / 60000 * 60000 + 30000
                ELSE review_ms / 600000 * 600000 + 300000 END AS review_ms
    FROM decisions)
  GROUP BY reviewer, day, review_ms;

INSERT INTO reviewer_day_reasons
  SELECT d.reviewer, (d.decided_ms + 28800000) / 86400000, r.code, COUNT(*)
  FROM decisions d JOIN decision_reasons r ON r.decision_id = d.id
  WHERE d.decision = 'rejected' GROUP BY 1, 2, 3;

ALTER TABLE reviewer_hours DROP COLUMN review_times;
ALTER TABLE reviewer_hours DROP COLUMN reason_codes;

CREATE TRIGGER reviewer_hours_of_decision AFTER INSERT ON decisions
BEGIN
  INSERT INTO reviewer_hours(reviewer, hour, decisions, approvals, engine_judged, engine_agreed)
    VALUES (NEW.reviewer, NEW.decided_ms / 3600000, 1, NEW.decision = 'approved', NEW.engine_verdict IS NOT NULL,
            NEW.engine_verdict IS NOT NULL AND (NEW.engine_verdict = 'pass') = (NEW.decision = 'approved'))
    ON CONFLICT (reviewer, hour) DO UPDATE SET
      decisions = decisions + 1,
      approvals = approvals + excluded.approvals,
      engine_judged = engine_judged + excluded.engine_judged,
      engine_agreed = engine_agreed + excluded.engine_agreed;
  INSERT INTO reviewer_day_times(reviewer, day, review_ms, n)
    VALUES (NEW.reviewer, (NEW.decided_ms + 28800000) / 86400000,
            CASE WHEN NEW.review_ms < 10000 THEN NEW.review_ms / 250 * 250 + 125
                 WHEN NEW.review_ms < 30000 THEN NEW.review_ms / 500 * 500 + 250
                 WHEN NEW.review_ms < 120000 THEN NEW.review_ms / 2000 * 2000 + 1000
                 WHEN NEW.review_ms < 600000 THEN NEW.review_ms / 10000 * 10000 + 5000
                 WHEN NEW.review_ms < 3600000 THEN NEW.review_ms / 60000 * 60000 + 30000
                 ELSE NEW.review_ms / 600000 * 600000 + 300000 END, 1)
    ON CONFLICT (reviewer, day, review_ms) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER reviewer_day_reasons_of_reason AFTER INSERT ON decision_reasons
BEGIN
  INSERT INTO reviewer_day_reasons(reviewer, day, code, n)
    SELECT reviewer, (decided_ms + 28800000) / 86400000, NEW.code, 1 FROM decisions
    WHERE id = NEW.decision_id AND decision = 'rejected'
    ON CONFLICT (reviewer, day, code) DO UPDATE SET n = n + 1;
END;
