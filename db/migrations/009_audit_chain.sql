-- The audit log becomes append-only and its hashed form unambiguous (src/core/audit/chain.hpp,
-- README "The audit log").
--
-- Rows written before this migration were hashed as prev_hash, at, actor, action, subject and
-- detail joined by newlines (form 1): a newline inside a name could pass for a field boundary, and
-- the row's id was not covered. They stay as they are (rewriting them would destroy the very
-- evidence they are) and are verified the way they were written; `form` tells which way.
-- Every row from now on is form 2: each field as "<byte length>:<bytes>," in the order form, id,
-- at, actor, action, subject, detail, prev_hash.
ALTER TABLE audit_log ADD COLUMN form INTEGER NOT NULL DEFAULT 1;

-- The switch: on a log that already has rows, one row of form 2 says where form 2 begins and
-- how far the tables reached then (the highest decision, attempt, order and notice ids), so that
-- verify knows which of them only have old-form rows to be checked against. It is hashed here in
-- SQL exactly as hashed_bytes() does in C++ (rs_sha256 is registered on every connection;
-- length() of a BLOB counts bytes). A new, empty log needs no switch.
INSERT INTO audit_log(id, at, actor, action, subject, detail, prev_hash, hash, form)
SELECT id, at, actor, action, subject, detail, prev_hash,
       rs_sha256('1:2,' ||
                 length(CAST(id AS TEXT)) || ':' || id || ',' ||
                 length(CAST(at AS BLOB)) || ':' || at || ',' ||
                 length(CAST(actor AS BLOB)) || ':' || actor || ',' ||
                 length(CAST(action AS BLOB)) || ':' || action || ',' ||
                 length(CAST(subject AS BLOB)) || ':' || subject || ',' ||
                 length(CAST(detail AS BLOB)) || ':' || detail || ',' ||
                 length(CAST(prev_hash AS BLOB)) || ':' || prev_hash || ','),
       2
FROM (SELECT MAX(id) + 1 AS id,
             strftime('%Y-%m-%dT%H:%M:%f', 'now', '+8 hours') || '+08:00' AS at,
             'migration' AS actor,
             'audit_form' AS action,
             '009_audit_chain' AS subject,
             json_object('form', 2,
                         'decisions', (SELECT COALESCE(MAX(id), 0) FROM decisions),
                         'attempts', (SELECT COALESCE(MAX(id), 0) FROM attempts),
                         'orders', (SELECT COALESCE(MAX(id), 0) FROM orders),
                         'notices', (SELECT COALESCE(MAX(id), 0) FROM notices)) AS detail,
             (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS prev_hash
      FROM audit_log)
WHERE id IS NOT NULL;

-- Nothing in the product changes or removes a row of the log. Someone holding the file can drop
-- these triggers; `reviewstation audit verify` then still finds what they changed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be deleted');
END;
