-- Rows that set off every trigger of the schema, written in SQL both engines read the same way:
-- tests/e2e/pg_schema_equivalence.sh applies it to a fresh SQLite and a fresh PostgreSQL database
-- and compares what the triggers derived (reviewer_hours, reviewer_day_*, decision_facets), then
-- tries to change or delete a row of each append-only table on both.
--
-- Three decisions by r1 in one hour and one CST day: a rejection that agrees with the engine
-- (two reasons), an approval the engine failed (a reason all the same: not counted, since only
-- rejections' reasons are), an approval without a verdict; one by r2 the next day whose reason is
-- given twice at two positions (its facet once, its day count twice).
INSERT INTO photos(id, sha256, bytes, byte_count, created_at) VALUES (1, 'h1', '\x00', 1, 't');
INSERT INTO orders(id, order_no, applicant_name, id_number, doc_type, city, city_letter, created_at)
  VALUES (1, 'O1', 'a', 'i', 'id_card', '深圳', 'B', 't'), (2, 'O2', 'b', 'j', 'social_security', '广州', 'A', 't');
INSERT INTO attempts(id, order_id, attempt_no, photo_id, submitted_at, submitted_ms)
  VALUES (1, 1, 1, 1, 't', 0), (2, 1, 2, 1, 't', 0), (3, 1, 3, 1, 't', 0), (4, 2, 1, 1, 't', 0);
INSERT INTO decisions(id, attempt_id, decision, reviewer, lease_token, decided_at, decided_ms, review_ms, engine_verdict)
  VALUES (1, 1, 'rejected', 'r1', 1, 't', 1764979200000, 4321, 'fail'),
         (2, 2, 'approved', 'r1', 2, 't', 1764979200500, 12345, 'fail'),
         (3, 3, 'approved', 'r1', 3, 't', 1764979201000, 4400, NULL),
         (4, 4, 'rejected', 'r2', 4, 't', 1765065600000, 3700000, 'pass');
INSERT INTO decision_reasons(decision_id, position, code)
  VALUES (1, 1, 'BLUR'), (1, 2, 'DARK'), (2, 1, 'BLUR'), (4, 1, 'GLASSES'), (4, 2, 'GLASSES');

-- One row in each append-only table.
INSERT INTO audit_log(id, at, actor, action, subject, detail, prev_hash, hash, form)
  VALUES (1, 't', 'r1', 'decide', 'O1', '{}', '', 'h', 2);
INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, expires_on)
  VALUES ('N1', 2, 2, 'g', 'B', '2026-12-06', '2027-06-06');
INSERT INTO overturns(id, decision_id, attempt_id, from_decision, to_decision, supervisor, justification,
                      overturned_at, overturned_ms, image_number)
  VALUES (1, 1, 1, 'rejected', 'approved', 'sup', 'clear enough', 't', 1764979300000, 'N1');
INSERT INTO overturn_reasons(overturn_id, position, code) VALUES (1, 1, 'BLUR');
INSERT INTO users(id, name, display_name, roles, created_at, certified) VALUES (1, 't1', 't1', 'reviewer', 't', 0);
INSERT INTO training_sets(id, name, created_by, feedback, created_at) VALUES (1, 's', 'tr', 'end', 't');
INSERT INTO training_cases(id, set_id, position, attempt_id, decision_id, reference) VALUES (1, 1, 1, 1, 1, 'rejected');
INSERT INTO training_assignments(id, set_id, trainee, assigned_by, assigned_at) VALUES (1, 1, 't1', 'tr', 't');
INSERT INTO training_answers(id, assignment_id, case_id, decision, ms_spent, answered_at)
  VALUES (1, 1, 1, 'approved', 900, 't');
INSERT INTO gold_cases(id, attempt_id, decision_id, original_reviewer, reference, added_by, added_at)
  VALUES (1, 3, 3, 'r1', 'approved', 'tr', 't');
INSERT INTO gold_deliveries(id, gold_case_id, reviewer, order_no, applicant_name, id_number, submitted_at, submitted_ms,
                            delivered_ms, lease_owner, lease_token, lease_expires_ms)
  VALUES (1, 1, 'r2', 'G1', 'c', 'k', 't', 0, 0, 'r2@ws', 9, 0);
INSERT INTO gold_answers(id, delivery_id, reviewer, decision, correct, ms_spent, answered_ms, answered_at)
  VALUES (1, 1, 'r2', 'approved', 1, 800, 0, 't');
INSERT INTO decision_screens(decision_id, overlays, layers, flags, zoom, centre_x, centre_y)
  VALUES (1, 3, 1, 0, 1.5, 0.5, 0.5);
