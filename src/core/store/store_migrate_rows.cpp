// The rows themselves: read from SQLite one at a time (a table is never held in memory), sent to
// PostgreSQL in multi-row INSERTs, and digested on both sides (store_migrate_impl.hpp).
#include <cinttypes>
#include <cstdio>
#include <memory>

#include "core/store/store_migrate.hpp"
#include "core/store/store_migrate_impl.hpp"
#include "core/util/sha256.hpp"

namespace rs::store::migrate {
namespace {

// PgStatement numbers parameters up to 999.
constexpr int kMaxParameters = 999;

// A SQLite query read with its storage classes (Statement hides them), finalised on scope exit.
class SqliteRows {
 public:
  SqliteRows(Database& db, const std::string& sql) {
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
      throw DbError("prepare '" + sql + "': " + sqlite3_errmsg(db.handle()), sqlite3_extended_errcode(db.handle()));
    db_ = db.handle();
  }
  ~SqliteRows() { sqlite3_finalize(st_); }
  SqliteRows(const SqliteRows&) = delete;
  SqliteRows& operator=(const SqliteRows&) = delete;
  bool next() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw DbError(std::string("reading the SQLite store: ") + sqlite3_errmsg(db_), sqlite3_extended_errcode(db_));
  }
  int type(int col) const { return sqlite3_column_type(st_, col); }
  std::int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  double real(int col) const { return sqlite3_column_double(st_, col); }
  std::string bytes(int col) const {
    const void* p = type(col) == SQLITE_BLOB ? sqlite3_column_blob(st_, col) : sqlite3_column_text(st_, col);
    return std::string(static_cast<const char*>(p ? p : ""), std::size_t(sqlite3_column_bytes(st_, col)));
  }

 private:
  sqlite3_stmt* st_ = nullptr;
  sqlite3* db_ = nullptr;
};

std::string real_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string column_list(const Table& t) {
  std::string out;
  for (const auto& c : t.columns) out += (out.empty() ? "" : ", ") + quoted(c.name);
  return out;
}

std::string select_sql(const Table& t) {
  return "SELECT " + column_list(t) + (t.has_rowid ? ", rowid" : "") + " FROM " + quoted(t.name) +
         (t.has_rowid ? " ORDER BY rowid" : "");
}

std::string insert_sql(const Table& t, int rows, bool upsert) {
  const int n = int(t.columns.size());
  std::string sql = "INSERT INTO " + quoted(t.name) + " (" + column_list(t) + ") VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int c = 0; c < n; ++c) sql += (c ? ", ?" : "?") + std::to_string(r * n + c + 1);
    sql += ")";
  }
  if (upsert && t.primary_key) {
    sql += " ON CONFLICT ON CONSTRAINT " + quoted(*t.primary_key) + " DO UPDATE SET ";
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      sql += (c ? ", " : "") + quoted(t.columns[c].name) + " = EXCLUDED." + quoted(t.columns[c].name);
  }
  return sql;
}

// One value as PostgreSQL takes it: text the server reads as the column's type (so one prepared
// statement serves every row), bytea as binary. A float in an integer column or a blob in a
// number column would change on the way: refused, naming where it is.
struct Value {
  bool null = true, blob = false;
  std::string bytes;
};

Value value_of(const SqliteRows& rows, int col, const Table& t, const std::string& where) {
  const Column& c = t.columns[std::size_t(col)];
  const int type = rows.type(col);
  auto refuse = [&](const char* what) {
    throw MigrateRefused("table " + t.name + ", " + where + ", column " + c.name + ": " + what + " in a " + c.pg_type +
                         " column cannot be copied unchanged");
  };
  if (type == SQLITE_NULL) return {};
  if (c.pg_type == "bytea") return {false, true, rows.bytes(col)};
  if (type == SQLITE_INTEGER) return {false, false, std::to_string(rows.int64(col))};
  if (type == SQLITE_FLOAT) {
    if (c.pg_type == "bigint") refuse("a fraction");
    return {false, false, real_text(rows.real(col))};
  }
  if (type == SQLITE_BLOB && c.pg_type != "text") refuse("a blob");
  return {false, false, rows.bytes(col)};
}

std::string row_name(const SqliteRows& rows, const Table& t, std::int64_t position) {
  return t.has_rowid ? "row id " + std::to_string(rows.int64(int(t.columns.size())))
                     : "row " + std::to_string(position);
}

void run_batch(Statement& ins, const std::vector<Value>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Value& v = values[i];
    const int p = int(i) + 1;
    if (v.null)
      ins.bind_null(p);
    else if (v.blob)
      ins.bind_blob(p, {reinterpret_cast<const std::uint8_t*>(v.bytes.data()), v.bytes.size()});
    else
      ins.bind(p, std::string_view(v.bytes));
  }
  ins.run();
}

// The first 16 hex digits of a row's SHA-256: summed over a table, any changed, lost or added row
// moves the sum (a 2^-64 chance aside), whatever order the rows are read in.
std::uint64_t row_digest(const std::string& row) {
  return std::strtoull(sha256_hex(row).substr(0, 16).c_str(), nullptr, 16);
}

void add_field(std::string& row, char kind, const std::string& payload) {
  row += kind;
  row += std::to_string(payload.size());
  row += ':';
  row += payload;
}

}  // namespace

std::int64_t copy_rows(Database& sqlite, Database& pg, const Table& t, int batch_rows, bool upsert) {
  const int n = int(t.columns.size());
  const int per_batch = std::max(1, std::min(batch_rows, kMaxParameters / std::max(n, 1)));
  Statement full(pg, insert_sql(t, per_batch, upsert).c_str(), true);  // prepared once, used per batch
  SqliteRows rows(sqlite, select_sql(t));
  std::vector<Value> values;
  values.reserve(std::size_t(per_batch * n));
  std::int64_t copied = 0;
  std::string first_row;
  auto send = [&](int in_batch) {
    try {
      if (in_batch == per_batch) {
        run_batch(full, values);
      } else {
        Statement rest(pg, insert_sql(t, in_batch, upsert).c_str());
        run_batch(rest, values);
      }
    } catch (const DbError& e) {
      throw MigrateRefused("table " + t.name + ", " + std::to_string(in_batch) + " rows from " + first_row +
                           ": PostgreSQL refused them: " + e.what());
    }
    values.clear();
  };
  int in_batch = 0;
  while (rows.next()) {
    const std::string where = row_name(rows, t, copied + 1);
    if (in_batch == 0) first_row = where;
    for (int c = 0; c < n; ++c) values.push_back(value_of(rows, c, t, where));
    ++copied;
    if (++in_batch == per_batch) {
      send(in_batch);
      in_batch = 0;
    }
  }
  if (in_batch > 0) send(in_batch);
  return copied;
}

Digest digest_sqlite(Database& sqlite, const Table& t) {
  SqliteRows rows(sqlite, "SELECT " + column_list(t) + " FROM " + quoted(t.name));
  Digest d;
  std::string row;
  while (rows.next()) {
    row.clear();
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const std::string& type = t.columns[c].pg_type;
      const int col = int(c);
      if (rows.type(col) == SQLITE_NULL)
        add_field(row, 'N', "");
      else if (type == "bigint")
        add_field(row, 'I', std::to_string(rows.int64(col)));
      else if (type == "double precision")
        add_field(row, 'R', real_text(rows.real(col)));
      else
        add_field(row, 'T', rows.bytes(col));
    }
    ++d.rows;
    d.sum += row_digest(row);
  }
  return d;
}

Digest digest_pg(Database& pg, const Table& t) {
  // A cursor, so a table of photos comes a few hundred rows at a time, not as one result.
  pg.exec(
      ("DECLARE rs_migrate_rows NO SCROLL CURSOR FOR SELECT " + column_list(t) + " FROM " + quoted(t.name)).c_str());
  Statement fetch(pg, "FETCH FORWARD 256 FROM rs_migrate_rows");
  Digest d;
  std::string row;
  for (bool more = true; more; fetch.reset()) {
    more = false;
    while (fetch.step()) {
      more = true;
      row.clear();
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const std::string& type = t.columns[c].pg_type;
        const int col = int(c);
        if (fetch.is_null(col))
          add_field(row, 'N', "");
        else if (type == "bigint")
          add_field(row, 'I', std::to_string(fetch.int64(col)));
        else if (type == "double precision")
          add_field(row, 'R', real_text(fetch.real(col)));
        else if (type == "bytea") {
          const auto b = fetch.blob(col);
          add_field(row, 'T', std::string(b.begin(), b.end()));
        } else
          add_field(row, 'T', fetch.text(col));
      }
      ++d.rows;
      d.sum += row_digest(row);
    }
  }
  pg.exec("CLOSE rs_migrate_rows");
  return d;
}

}  // namespace rs::store::migrate
