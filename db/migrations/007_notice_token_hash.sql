-- Resubmission tokens are kept only as their SHA-256 (hex), so a copy of the database does not hand
-- out valid tokens. The notice kept for the record and every message already delivered lose the
-- token's text ("redacted"); a message still waiting in the outbox keeps it until it is delivered.
-- rs_sha256() is registered by the store on every connection (sqlite.cpp).
UPDATE outbox SET payload_json = replace(payload_json,
    (SELECT n.token FROM notices n WHERE n.attempt_id = outbox.attempt_id AND n.kind = outbox.kind LIMIT 1), 'redacted')
  WHERE delivered_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM notices n WHERE n.attempt_id = outbox.attempt_id AND n.kind = outbox.kind);
UPDATE notices SET body_json = replace(body_json, token, 'redacted'), token = rs_sha256(token);
ALTER TABLE notices RENAME COLUMN token TO token_sha256;
