-- The reviewers' figures over a period (Store::figures) read one row per reviewer and hour instead
-- of every decision of the period: a month of a million decisions took 1.2 s to read row by row
-- (SQLite alone 0.5 s), 7,000 rows of summaries take a few tens of milliseconds. Each row keeps
-- the counts and, as text, the hour's review times and rejection reason codes ("4123,5100,"), so
-- the percentiles stay exact and the reason mix complete. Kept by triggers, since decisions and
-- their reasons are never changed once written: every path that writes one keeps the summary
-- without knowing. The hour is decided_ms / 3600000; China's offset is whole hours, so a period
-- of whole CST days is a range of whole hours and each hour lies in one CST day.
CREATE TABLE reviewer_hours (
  reviewer       TEXT NOT NULL,
  hour           INTEGER NOT NULL,
  decisions      INTEGER NOT NULL,
  approvals      INTEGER NOT NULL,
  engine_judged  INTEGER NOT NULL,  -- decisions with the engine's verdict recorded
  engine_agreed  INTEGER NOT NULL,  -- ... whose verdict agreed (pass = approved)
  review_times   TEXT NOT NULL,     -- review_ms of each decision, each followed by ','
  reason_codes   TEXT NOT NULL,     -- each rejection's reason codes, each followed by ','
  PRIMARY KEY (reviewer, hour)
) WITHOUT ROWID;

INSERT INTO reviewer_hours
  SELECT reviewer, decided_ms / 3600000, COUNT(*), SUM(decision = 'approved'), COUNT(engine_verdict),
         SUM(engine_verdict IS NOT NULL AND (engine_verdict = 'pass') = (decision = 'approved')),
         group_concat(review_ms || ',', ''), ''
  FROM decisions GROUP BY reviewer, decided_ms / 3600000;
UPDATE reviewer_hours SET reason_codes = (
  SELECT coalesce(group_concat(r.code || ',', ''), '') FROM decisions d JOIN decision_reasons r ON r.decision_id = d.id
  WHERE d.reviewer = reviewer_hours.reviewer AND d.decided_ms / 3600000 = reviewer_hours.hour
    AND d.decision = 'rejected');

CREATE TRIGGER reviewer_hours_of_decision AFTER INSERT ON decisions
BEGIN
  INSERT INTO reviewer_hours(reviewer, hour, decisions, approvals, engine_judged, engine_agreed, review_times,
                             reason_codes)
    VALUES (NEW.reviewer, NEW.decided_ms / 3600000, 1, NEW.decision = 'approved', NEW.engine_verdict IS NOT NULL,
            NEW.engine_verdict IS NOT NULL AND (NEW.engine_verdict = 'pass') = (NEW.decision = 'approved'),
            NEW.review_ms || ',', '')
    ON CONFLICT (reviewer, hour) DO UPDATE SET
      decisions = decisions + 1,
      approvals = approvals + excluded.approvals,
      engine_judged = engine_judged + excluded.engine_judged,
      engine_agreed = engine_agreed + excluded.engine_agreed,
      review_times = review_times || excluded.review_times;
END;

CREATE TRIGGER reviewer_hours_of_reason AFTER INSERT ON decision_reasons
BEGIN
  UPDATE reviewer_hours SET reason_codes = reason_codes || NEW.code || ','
    WHERE (reviewer, hour) = (SELECT reviewer, decided_ms / 3600000 FROM decisions
                              WHERE id = NEW.decision_id AND decision = 'rejected');
END;
