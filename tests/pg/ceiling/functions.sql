-- The best a PostgreSQL queue of this schema can do on the machine (ceiling.sh): a claim and an
-- approval each as ONE server-side call, no client work at all, with the same rows, triggers,
-- counter row and audit chain append as the store's (rs_audit_append: since migration 005 the
-- inbox and a seal that does not wait). With chain = false the audit rows go to a plain table
-- instead, never chained.
CREATE TABLE ceiling_audit (id BIGSERIAL PRIMARY KEY, actor TEXT, action TEXT, subject TEXT, detail TEXT);

CREATE FUNCTION ceiling_audit(chain BOOLEAN, ws TEXT, action TEXT, subject TEXT, detail TEXT) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  IF chain THEN
    PERFORM rs_audit_append(json_build_array(json_build_object('at', '2026-12-06T10:00:00.123+08:00', 'actor', ws,
      'action', action, 'subject', subject, 'detail', detail)));
  ELSE
    INSERT INTO ceiling_audit(actor, action, subject, detail) VALUES (ws, action, subject, detail);
  END IF;
END $$;

CREATE FUNCTION ceiling_claim(chain BOOLEAN, ws TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  aid BIGINT;
  tok BIGINT;
  now_ms BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
BEGIN
  SELECT id INTO aid FROM attempts WHERE status = 'pending' AND (lease_expires_ms IS NULL OR lease_expires_ms <= now_ms)
    AND NOT (skipped_by IS NOT DISTINCT FROM ws AND skipped_until_ms > now_ms)
    ORDER BY priority DESC, submitted_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED;
  tok := nextval('fencing_tokens');
  UPDATE attempts SET lease_owner = ws, lease_expires_ms = now_ms + 600000, lease_token = tok, lease_claimed_ms = now_ms
    WHERE id = aid;
  PERFORM ceiling_audit(chain, ws, 'claim', aid::TEXT, '{"owner":"' || ws || '@ws","lease_token":' || tok || '}');
  RETURN aid;
END $$;

CREATE FUNCTION ceiling_approve(chain BOOLEAN, ws TEXT, aid BIGINT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  did BIGINT;
  serial BIGINT;
  letter TEXT;
  num TEXT;
  now_ms BIGINT := (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
BEGIN
  SELECT o.city_letter, nextval(pg_get_serial_sequence('decisions', 'id')) INTO letter, did
    FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = aid FOR UPDATE OF a;
  INSERT INTO serial_counters(city_letter, issue_date, last_serial) VALUES (letter, '261206', 1)
    ON CONFLICT (city_letter, issue_date) DO UPDATE SET last_serial = serial_counters.last_serial + 1
    RETURNING last_serial INTO serial;
  num := 'GDI' || letter || '261206' || lpad(serial::TEXT, 5, '0') || '7';
  INSERT INTO decisions(id, attempt_id, decision, reviewer, workstation, lease_token, shown_at, decided_at, decided_ms,
    review_ms, findings_json, image_number, engine_verdict)
    VALUES (did, aid, 'approved', ws, ws || '@ws', 1, '2026-12-06T10:00:00.000+08:00', '2026-12-06T10:00:00.123+08:00',
      now_ms, 123, '[{"rule":"geometry.face_width","verdict":"pass","score":88}]', num, 'pass');
  INSERT INTO decision_screens(decision_id, overlays, layers, flags, zoom, centre_x, centre_y)
    VALUES (did, 3, 1, 0, 1.0, 0.5, 0.5);
  INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, expires_on)
    VALUES (num, did, aid, 'I', letter, '2026-12-06', '2036-12-06');
  INSERT INTO outbox(idempotency_key, attempt_id, kind, payload_json, created_at)
    VALUES (md5(num), aid, 'approval', '{"order_no":"C1","image_number":"' || num || '"}', 'now');
  UPDATE attempts SET status = 'approved', lease_owner = NULL, lease_expires_ms = NULL WHERE id = aid;
  PERFORM ceiling_audit(chain, ws, 'decide', 'C' || aid, repeat('{"k":"v"}', 60));
  RETURN did;
END $$;
