#!/usr/bin/env python3
"""One database's schema as sorted lines of text, the same form for SQLite and PostgreSQL, so that
tests/e2e/pg_schema_equivalence.sh can diff the two engines (issue 18: "both engines end at the
same tables, columns and constraints").

  schema_text.py sqlite PATH     read through the sqlite3 CLI
  schema_text.py pg URL          read through psql

Lines: table; column (position, type class, NOT NULL, default, place in the primary key); unique
and foreign-key constraints; CHECK constraints; named indexes (columns, order, unique, partial);
triggers (timing and event); and the rows of the tables the migrations seed. Types are compared as
classes: SQLite INTEGER and PostgreSQL BIGINT are "integer" (a 32-bit PostgreSQL integer is not:
the store binds 64-bit values), TEXT "text", REAL and DOUBLE PRECISION "real", BLOB and BYTEA
"blob". A CHECK or an index predicate is compared by what it names (columns, literals, IS/NOT/
NULL), since each engine writes the same expression its own way (PostgreSQL turns `x IN (0, 1)`
into `x = ANY (ARRAY[...])` and BETWEEN into two comparisons). schema_migrations is the runner's
own table and left out; so are PostgreSQL's sequences and trigger functions, which SQLite has no
counterpart for.
"""
import json
import re
import subprocess
import sys

SEEDED = ["fencing", "settings"]  # tables the migrations fill with rows
SKIP = {"schema_migrations"}


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"schema_text: {' '.join(cmd[:2])} failed: {r.stderr.strip()}")
    return r.stdout


# ---- expressions: what a CHECK or a partial index's WHERE names ----
TOKEN = re.compile(r"'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?")
CASTS = {"text", "bigint", "integer", "numeric", "double", "precision", "any", "array", "and", "or", "between", "in"}


def expr_signature(expr, columns):
    cols, literals, words = set(), set(), []
    for t in TOKEN.findall(expr):
        low = t.lower()
        if t.startswith("'"):
            literals.add(t)
        elif t[0].isdigit():
            literals.add(str(float(t)) if "." in t else t)
        elif low in columns:
            cols.add(low)
        elif low in ("is", "not", "null"):
            words.append(low)
        elif low not in CASTS:
            words.append("?" + low)  # anything else shows up in the diff
    return f"cols={','.join(sorted(cols))} literals={','.join(sorted(literals))} words={','.join(sorted(words))}"


def balanced(sql, start):
    """The text inside the parenthesis that opens at sql[start]."""
    depth, i, quoted = 0, start, False
    while i < len(sql):
        c = sql[i]
        if c == "'":
            quoted = not quoted
        elif not quoted and c == "(":
            depth += 1
        elif not quoted and c == ")":
            depth -= 1
            if depth == 0:
                return sql[start + 1 : i]
        i += 1
    raise ValueError("unbalanced parentheses in: " + sql)


def strip_comments(sql):
    return re.sub(r"--[^\n]*", "", sql)


# ---- SQLite ----
def sqlite_rows(db, query):
    out = run(["sqlite3", "-json", db, query]).strip()
    return json.loads(out) if out else []


def sqlite_lines(db):
    lines = []
    tables = [r["name"] for r in sqlite_rows(db, "SELECT name FROM sqlite_master WHERE type='table' "
                                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for t in tables:
        if t in SKIP:
            continue
        lines.append(f"table {t}")
        info = sqlite_rows(db, f"SELECT * FROM pragma_table_info('{t}') ORDER BY cid")
        colnames = {c["name"].lower() for c in info}
        for pos, c in enumerate(info, 1):
            # A primary key column is NOT NULL on PostgreSQL; SQLite lets a rowid table's non-integer
            # key hold NULL only for backwards compatibility, which nothing here relies on.
            notnull = 1 if c["pk"] else c["notnull"]
            lines.append(f"column {t}.{c['name']} pos={pos} type={sqlite_class(c['type'])} "
                         f"notnull={notnull} default={norm_default(c['dflt_value'])} pk={c['pk']}")
        for ix in sqlite_rows(db, f"SELECT * FROM pragma_index_list('{t}')"):
            cols = [r["name"] for r in sqlite_rows(db, f"SELECT * FROM pragma_index_info('{ix['name']}') ORDER BY seqno")]
            if ix["origin"] == "u":
                lines.append(f"unique {t} ({','.join(cols)})")
            elif ix["origin"] == "c":
                x = sqlite_rows(db, f"SELECT * FROM pragma_index_xinfo('{ix['name']}') WHERE key = 1 ORDER BY seqno")
                keys = [r["name"] + (" desc" if r["desc"] else "") for r in x]
                sql = sqlite_rows(db, f"SELECT sql FROM sqlite_master WHERE name = '{ix['name']}'")[0]["sql"]
                m = re.search(r"\bWHERE\b(.*)$", sql, re.S | re.I)
                where = expr_signature(m.group(1), colnames) if m else "none"
                lines.append(f"index {ix['name']} on {t} ({','.join(keys)}) unique={ix['unique']} where={where}")
        fks = {}
        for fk in sqlite_rows(db, f"SELECT * FROM pragma_foreign_key_list('{t}') ORDER BY id, seq"):
            fks.setdefault(fk["id"], []).append(fk)
        for parts in fks.values():
            p = parts[0]
            lines.append(f"fk {t} ({','.join(x['from'] for x in parts)}) -> {p['table']} "
                         f"({','.join(x['to'] for x in parts)}) on_delete={p['on_delete']} on_update={p['on_update']}")
        create = strip_comments(sqlite_rows(db, f"SELECT sql FROM sqlite_master WHERE name = '{t}'")[0]["sql"])
        for m in re.finditer(r"\bCHECK\s*\(", create, re.I):
            lines.append(f"check {t} {expr_signature(balanced(create, m.end() - 1), colnames)}")
    for r in sqlite_rows(db, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type='trigger'"):
        m = re.search(r"\b(BEFORE|AFTER)\s+(INSERT|UPDATE|DELETE)\s+ON\s+(\w+)", r["sql"], re.I)
        lines.append(f"trigger {r['name']} on {m.group(3)} {m.group(1).upper()} {m.group(2).upper()}")
    for t in SEEDED:
        for row in sqlite_rows(db, f"SELECT * FROM {t}"):
            lines.append(f"row {t} {json.dumps(row, sort_keys=True, ensure_ascii=False)}")
    return lines


def sqlite_class(declared):
    return {"INTEGER": "integer", "TEXT": "text", "REAL": "real", "BLOB": "blob"}.get(declared.upper(),
                                                                                     "other:" + declared)


def norm_default(value):
    """A default as SQLite shows it: PostgreSQL's `'x'::text` and `(0)::bigint` lose their casts."""
    if value is None:
        return "none"
    v = str(value)
    v = re.sub(r"::[a-z ]+$", "", v)
    v = re.sub(r"^\((.*)\)$", r"\1", v)
    return v


# ---- PostgreSQL ----
def pg_json(url, query):
    out = run(["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c",
               f"SELECT coalesce(json_agg(q), '[]') FROM ({query}) q"]).strip()
    return json.loads(out)


PG_CLASS = {"bigint": "integer", "text": "text", "double precision": "real", "bytea": "blob"}
FK_ACTION = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def pg_lines(url):
    lines = []
    cols = pg_json(url, """
      SELECT c.relname AS t, a.attname AS name, a.attnum AS num, format_type(a.atttypid, NULL) AS type,
             a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS dflt,
             coalesce(array_position(p.conkey, a.attnum), 0) AS pk
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      LEFT JOIN pg_constraint p ON p.conrelid = c.oid AND p.contype = 'p'
      WHERE c.relkind = 'r' ORDER BY c.relname, a.attnum""")
    colnames, positions = {}, {}
    for c in cols:
        if c["t"] in SKIP:
            continue
        if c["t"] not in colnames:
            lines.append(f"table {c['t']}")
            colnames[c["t"]] = set()
        colnames[c["t"]].add(c["name"])
        positions[(c["t"], c["num"])] = c["name"]
        pos = len(colnames[c["t"]])
        lines.append(f"column {c['t']}.{c['name']} pos={pos} type={PG_CLASS.get(c['type'], 'other:' + c['type'])} "
                     f"notnull={int(c['notnull'])} default={norm_default(c['dflt'])} pk={c['pk']}")

    def names(t, nums):
        return ",".join(positions[(t, n)] for n in nums)

    cons = pg_json(url, """
      SELECT c.relname AS t, k.contype AS kind, k.conkey AS cols, f.relname AS ref, k.confkey AS refcols,
             k.confdeltype AS del, k.confupdtype AS upd, pg_get_constraintdef(k.oid) AS def, k.confrelid AS refid
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_class f ON f.oid = k.confrelid""")
    for k in cons:
        t = k["t"]
        if t in SKIP:
            continue
        if k["kind"] == "u":
            lines.append(f"unique {t} ({names(t, k['cols'])})")
        elif k["kind"] == "f":
            lines.append(f"fk {t} ({names(t, k['cols'])}) -> {k['ref']} ({names(k['ref'], k['refcols'])}) "
                         f"on_delete={FK_ACTION[k['del']]} on_update={FK_ACTION[k['upd']]}")
        elif k["kind"] == "c":
            lines.append(f"check {t} {expr_signature(re.sub(r'^CHECK ', '', k['def']), colnames[t])}")
        elif k["kind"] != "p":
            lines.append(f"constraint {t} {k['def']}")  # exclusion or trigger constraints: SQLite has none
    idx = pg_json(url, """
      SELECT i.relname AS name, c.relname AS t, x.indisunique AS uniq, x.indkey::int[] AS cols,
             x.indoption::int[] AS opts, pg_get_expr(x.indpred, x.indrelid) AS pred
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))""")
    for ix in idx:
        t = ix["t"]
        if t in SKIP:
            continue
        keys = [positions[(t, n)] + (" desc" if o & 1 else "") for n, o in zip(ix["cols"], ix["opts"])]
        where = expr_signature(ix["pred"], colnames[t]) if ix["pred"] else "none"
        lines.append(f"index {ix['name']} on {t} ({','.join(keys)}) unique={int(ix['uniq'])} where={where}")
    for r in pg_json(url, """
      SELECT trigger_name AS name, event_object_table AS t, action_timing AS timing, event_manipulation AS event
      FROM information_schema.triggers WHERE trigger_schema = 'public'"""):
        lines.append(f"trigger {r['name']} on {r['t']} {r['timing']} {r['event']}")
    for t in SEEDED:
        for row in pg_json(url, f"SELECT * FROM {t}"):
            lines.append(f"row {t} {json.dumps(row, sort_keys=True, ensure_ascii=False)}")
    return lines


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("sqlite", "pg"):
        sys.exit("usage: schema_text.py sqlite PATH | pg URL")
    lines = sqlite_lines(sys.argv[2]) if sys.argv[1] == "sqlite" else pg_lines(sys.argv[2])
    print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main()
