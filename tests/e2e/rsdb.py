"""The e2e scripts' look at a store: a SQLite file (Python's sqlite3) or a postgresql:// URL (psql).

    import rsdb; db = rsdb.connect(target)
    db.execute("SELECT COUNT(*) FROM decisions WHERE reviewer = ?", ("r1",)).fetchone()[0]

On PostgreSQL each execute runs psql once: values come back as text, whole numbers as int, and a
`?` is replaced by its quoted value (tests' own values only, never an applicant's).
"""
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
        out = subprocess.run(["psql", self.url, "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             check=True, capture_output=True, text=True).stdout
        number = lambda v: int(v) if v.lstrip("-").isdigit() else v
        return _Rows(tuple(number(v) for v in line.split("\t")) for line in out.splitlines() if line)

    def commit(self):
        pass  # every psql call commits on its own


def connect(target):
    return _Psql(target) if target.startswith(("postgresql://", "postgres://")) else sqlite3.connect(target)
