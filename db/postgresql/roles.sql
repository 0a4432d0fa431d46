-- The roles a centre's queue server gives ReviewStation (README, "A centre's queue server").
-- Run as a superuser with psql, once per database, and again after every upgrade of ReviewStation
-- (a new migration's tables need their grants):
--   psql -v ON_ERROR_STOP=1 -d rs -v app_password="'...'" -f db/postgresql/roles.sql
-- rs_owner owns the schema and applies migrations (`reviewstation queue --db postgresql://rs_owner@...`
-- once after an upgrade); it does not log in from the workstations. reviewstation is the role every
-- workstation signs in with: it reads and writes the queue, but the audit log only grows: it may
-- SELECT and INSERT there and in the log's inbox, never UPDATE, DELETE or TRUNCATE, and as it owns
-- no table it cannot drop the append-only triggers either.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rs_owner') THEN
    CREATE ROLE rs_owner LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reviewstation') THEN
    CREATE ROLE reviewstation LOGIN;
  END IF;
END
$$;
\if :{?app_password}
ALTER ROLE reviewstation PASSWORD :app_password;
\endif
GRANT CREATE, USAGE ON SCHEMA public TO rs_owner;
GRANT USAGE ON SCHEMA public TO reviewstation;
GRANT CONNECT ON DATABASE :"DBNAME" TO reviewstation;
-- Tables the migrations made (rs_owner's), every one but the append-only log: read and write.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('REVOKE ALL ON TABLE public.%I FROM reviewstation', t.tablename);
    IF t.tablename = 'schema_migrations' THEN
      EXECUTE format('GRANT SELECT ON TABLE public.%I TO reviewstation', t.tablename);
    ELSIF t.tablename IN ('audit_log', 'audit_inbox') THEN
      -- The inbox (migration 005) too: rows go in, and only rs_audit_seal, run as rs_owner, takes
      -- them out as it chains them.
      EXECUTE format('GRANT SELECT, INSERT ON TABLE public.%I TO reviewstation', t.tablename);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO reviewstation', t.tablename);
    END IF;
  END LOOP;
END
$$;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO reviewstation;
