"""The e2e scripts' look at a store: a SQLite file (Python's sqlite3) or a postgresql:// URL (psql).

    import rsdb; db = rsdb.connect(target)
    db.execute("SELECT COUNT(*) FROM decisions WHERE reviewer = ?", ("r1",)).fetchone()[0]

On PostgreSQL each execute runs psql once, a query's rows read back as JSON (numbers as numbers,
text as text), and a `?` is replaced by its quoted value (tests' own values only, never an
applicant's).
"""
import json
import sqlite3
import subprocess


class _Rows(list):
    def fetchone(self):
        return self[0] if self else None

    def fetchall(self):
        return list(self)


class _Psql:
    def __init__(self, url):
        self.url = url

    def execute(self, sql, args=()):
        for a in args:
            value = str(a) if isinstance(a, int) else "'" + str(a).replace("'", "''") + "'"
            sql = sql.replace("?", value, 1)
        query = sql.strip().rstrip(";")
        reads = query.upper().startswith(("SELECT", "WITH"))
        if reads:  # as JSON, so numbers come back as numbers and text as text, as sqlite3 gives them
            query = f"SELECT COALESCE(json_agg(t), '[]') FROM ({query}) AS t"
        out = subprocess.run(["psql", self.url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query],
                             check=True, capture_output=True, text=True).stdout
        if not reads:
            return _Rows()
        # A row's values in the select list's order, also where two columns share a name.
        rows = json.loads(out, object_pairs_hook=lambda pairs: tuple(v for _, v in pairs))
        return _Rows(rows)

    def commit(self):
        pass  # every psql call commits on its own


def connect(target):
    return _Psql(target) if target.startswith(("postgresql://", "postgres://")) else sqlite3.connect(target)
