-- The audit inbox of PostgreSQL's migration 005 (db/migrations_pg/005_audit_inbox.sql), so both
-- engines keep one schema. SQLite never uses it: its writers already run one at a time under the
-- file's lock (BEGIN IMMEDIATE), so each appends its rows straight onto the chain.
CREATE TABLE audit_inbox (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  subject    TEXT NOT NULL,
  detail     TEXT NOT NULL
);
