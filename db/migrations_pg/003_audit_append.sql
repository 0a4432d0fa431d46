-- The audit chain's append, done by the server in the committing round trip (issue 18's load):
-- the store sends `SELECT rs_audit_append(rows)` and COMMIT together (pipelined), so the writers'
-- lock that orders the chain is held for one server call and the commit instead of a round trip
-- per row. The rows and their hashes are exactly what Store::Impl::insert_audit_row writes on
-- SQLite (core/audit/chain.cpp, form 2): sha256 over "len:form,len:id,len:at,len:actor,
-- len:action,len:subject,len:detail,len:prev_hash," with lengths in UTF-8 bytes. audit verify
-- recomputes every hash in C++, so a difference would show at once.
-- rows: a JSON array of {"at", "actor", "action", "subject", "detail"}, in the order they happened.
CREATE FUNCTION rs_audit_append(rows JSON) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
  ats TEXT[];
  actors TEXT[];
  actions TEXT[];
  subjects TEXT[];
  details TEXT[];
  middles TEXT[];  -- each row's hashed fields between its id and its prev_hash
  last_id BIGINT;
  head TEXT;
  body TEXT;
  next_hash TEXT;
BEGIN
  -- Everything that needs neither the id nor the head is done before the lock: the lock orders
  -- every writer of the centre, so what runs under it is kept to the chaining itself.
  SELECT array_agg(r->>'at' ORDER BY k), array_agg(r->>'actor' ORDER BY k), array_agg(r->>'action' ORDER BY k),
         array_agg(r->>'subject' ORDER BY k), array_agg(r->>'detail' ORDER BY k),
         array_agg(octet_length(convert_to(r->>'at', 'UTF8')) || ':' || (r->>'at') || ',' ||
                   octet_length(convert_to(r->>'actor', 'UTF8')) || ':' || (r->>'actor') || ',' ||
                   octet_length(convert_to(r->>'action', 'UTF8')) || ':' || (r->>'action') || ',' ||
                   octet_length(convert_to(r->>'subject', 'UTF8')) || ':' || (r->>'subject') || ',' ||
                   octet_length(convert_to(r->>'detail', 'UTF8')) || ':' || (r->>'detail') || ',' ORDER BY k)
    INTO ats, actors, actions, subjects, details, middles
    FROM json_array_elements(rows) WITH ORDINALITY AS e(r, k);
  -- The same lock BEGIN IMMEDIATE's form takes (sqlite.cpp); a VOLATILE function's next query
  -- reads a fresh snapshot, so the head below is the last committed row.
  PERFORM pg_advisory_xact_lock(7165);
  SELECT id, hash INTO last_id, head FROM audit_log ORDER BY id DESC LIMIT 1;
  IF NOT FOUND THEN
    last_id := 0;
    head := repeat('0', 64);
  END IF;
  FOR k IN 1 .. coalesce(array_length(middles, 1), 0) LOOP
    last_id := last_id + 1;
    body := '1:2,' || length(last_id::text) || ':' || last_id::text || ',' || middles[k] ||
            octet_length(convert_to(head, 'UTF8')) || ':' || head || ',';
    next_hash := encode(sha256(convert_to(body, 'UTF8')), 'hex');
    INSERT INTO audit_log(id, at, actor, action, subject, detail, prev_hash, hash, form)
      VALUES (last_id, ats[k], actors[k], actions[k], subjects[k], details[k], head, next_hash, 2);
    head := next_hash;
  END LOOP;
  RETURN last_id;
END
$$;
