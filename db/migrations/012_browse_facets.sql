-- The decision browser's narrow filters on a million decisions. A page is read newest first by
-- walking an index in (decided_ms, id) order until 200 rows match; for a city, a document type or
-- a reason that walk went through decisions_decided and joined attempts and orders for every row,
-- so a small city (1 % of decisions) read 20,000 rows for one page and a small city with a rare
-- document type the whole table. Here each decision's city, document type and reason codes are
-- kept beside its time, so a filter walks only its own decisions, already in the browser's order
-- (store_browse.cpp). Filled by triggers, since orders and decisions are never changed once
-- written: every path that writes a decision or its reasons keeps the facets without knowing.
CREATE TABLE decision_facets (
  facet        TEXT NOT NULL CHECK (facet = 'city' OR facet = 'doc' OR facet = 'reason'),
  value        TEXT NOT NULL,
  decided_ms   INTEGER NOT NULL,
  decision_id  INTEGER NOT NULL REFERENCES decisions(id),
  PRIMARY KEY (facet, value, decided_ms, decision_id)
) WITHOUT ROWID;

INSERT INTO decision_facets(facet, value, decided_ms, decision_id)
  SELECT 'city', o.city, d.decided_ms, d.id FROM decisions d JOIN attempts a ON a.id = d.attempt_id
  JOIN orders o ON o.id = a.order_id;
INSERT INTO decision_facets(facet, value, decided_ms, decision_id)
  SELECT 'doc', o.doc_type, d.decided_ms, d.id FROM decisions d JOIN attempts a ON a.id = d.attempt_id
  JOIN orders o ON o.id = a.order_id;
INSERT OR IGNORE INTO decision_facets(facet, value, decided_ms, decision_id)
  SELECT 'reason', r.code, d.decided_ms, d.id FROM decision_reasons r JOIN decisions d ON d.id = r.decision_id;

-- OR IGNORE: a decision deleted and written again (by hand, with foreign keys off, as the audit
-- tests do to tamper with one) finds its facets still there; they are the same rows.
CREATE TRIGGER decision_facets_of_decision AFTER INSERT ON decisions
BEGIN
  INSERT OR IGNORE INTO decision_facets(facet, value, decided_ms, decision_id)
    SELECT 'city', o.city, NEW.decided_ms, NEW.id FROM attempts a JOIN orders o ON o.id = a.order_id
    WHERE a.id = NEW.attempt_id;
  INSERT OR IGNORE INTO decision_facets(facet, value, decided_ms, decision_id)
    SELECT 'doc', o.doc_type, NEW.decided_ms, NEW.id FROM attempts a JOIN orders o ON o.id = a.order_id
    WHERE a.id = NEW.attempt_id;
END;
-- A code named twice counts once (decide() keeps each code once already), and a reason written
-- again finds its facet there.
CREATE TRIGGER decision_facets_of_reason AFTER INSERT ON decision_reasons
BEGIN
  INSERT OR IGNORE INTO decision_facets(facet, value, decided_ms, decision_id)
    SELECT 'reason', NEW.code, d.decided_ms, d.id FROM decisions d WHERE d.id = NEW.decision_id;
END;

-- "Second review disagreed" reads the few disagreements and sorts them, instead of looking for a
-- second review behind every decision of the walk.
CREATE INDEX second_reviews_disagreed ON second_reviews(decision_id) WHERE agrees = 0;
