-- Accounts: who may sign in, with which roles. Passwords only as libsodium's crypto_pwhash_str
-- (argon2id); an empty hash means no password is set, so nobody can sign in as that account until
-- an admin sets one. Five failed sign-ins in a row lock the account until locked_until_ms.
CREATE TABLE users (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  display_name     TEXT NOT NULL,
  roles            TEXT NOT NULL,            -- "reviewer,supervisor,trainer,admin", any of them
  password_hash    TEXT NOT NULL DEFAULT '',
  disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
  locked_until_ms  INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL
);

-- Everyone who decided before accounts existed becomes a disabled reviewer without a password:
-- their decisions keep a name that means an account, and an admin enables them with a password.
INSERT INTO users(name, display_name, roles, password_hash, disabled, created_at)
  SELECT DISTINCT reviewer, reviewer, 'reviewer', '', 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
  FROM decisions WHERE reviewer <> 'system' ORDER BY reviewer;
