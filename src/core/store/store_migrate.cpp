// `reviewstation migrate`: a SQLite store copied into PostgreSQL (store_migrate.hpp). Every check
// that can refuse runs before the copy; the copy, the sequences and the table-by-table comparison
// share one PostgreSQL transaction, so a refusal or a difference leaves the target as it was.
#include "core/store/store_migrate.hpp"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/store/pg.hpp"
#include "core/store/store.hpp"
#include "core/store/store_migrate_impl.hpp"

namespace rs::store {
namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Before anything opens it: opening a missing or empty file would make a new, empty store.
void check_source_file(const std::string& from) {
  if (is_postgresql_url(from)) throw MigrateRefused("--from " + from + " is a PostgreSQL URL; it takes a SQLite file");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(from, ec))
    throw MigrateRefused("--from " + from + ": no such SQLite store (not a file)");
  char header[16] = {};
  std::ifstream in(from, std::ios::binary);
  in.read(header, sizeof header);
  if (in.gcount() != sizeof header || std::memcmp(header, "SQLite format 3", 16) != 0)
    throw MigrateRefused("--from " + from + " is not a SQLite store (" +
                         (in.gcount() == 0 ? std::string("the file is empty") : "no SQLite header") + ")");
}

// A damaged file (cut short, pages overwritten) is refused whole rather than copied in part.
void check_source_store(const std::string& from) {
  try {
    Database db(from);
    Statement check(db, "PRAGMA quick_check");
    std::string problems;
    while (check.step())
      if (check.text(0) != "ok" && problems.size() < 300) problems += (problems.empty() ? "" : "; ") + check.text(0);
    if (!problems.empty()) throw MigrateRefused("--from " + from + " is damaged: " + problems);
    Statement ours(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    ours.step();
    if (ours.int64(0) == 0) throw MigrateRefused("--from " + from + " is a SQLite file but not a ReviewStation store");
  } catch (const DbError& e) {
    throw MigrateRefused("--from " + from + " cannot be read as a SQLite store: " + e.what());
  }
}

std::int64_t count_rows(Database& db, const std::string& table) {
  Statement q(db, ("SELECT count(*) FROM " + migrate::quoted(table)).c_str());
  q.step();
  return q.int64(0);
}

// A target that already serves a centre is never merged into.
void refuse_filled_target(Database& pg, const std::string& url) {
  std::string held;
  for (const char* table : {"orders", "users", "audit_log"})
    if (const auto n = count_rows(pg, table); n > 0)
      held += (held.empty() ? "" : ", ") + std::to_string(n) + " " + table;
  if (!held.empty())
    throw MigrateRefused("the target " + url + " already holds " + held +
                         " rows; migrate copies into a new database only (nothing was written)");
}

// Ids go on from the copied ones; fencing tokens from the last one the SQLite store issued.
void move_sequences(Database& pg, const std::vector<migrate::Table>& tables) {
  for (const auto& t : tables) {
    if (!t.identity) continue;
    const std::string sql = "SELECT setval(pg_get_serial_sequence(?1, ?2), (SELECT COALESCE(MAX(" +
                            migrate::quoted(*t.identity) + "), 0) + 1 FROM " + migrate::quoted(t.name) + "), false)";
    Statement q(pg, sql.c_str());
    q.bind(1, migrate::quoted(t.name)).bind(2, *t.identity);
    q.step();
  }
  Statement fencing(pg,
                    "SELECT setval('fencing_tokens', COALESCE((SELECT last_token FROM fencing WHERE id = 1), 0) + 1, "
                    "false)");
  fencing.step();
}

void compare_tables(Database& sqlite, Database& pg, std::vector<MigratedTable>& out,
                    const std::vector<migrate::Table>& tables) {
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const auto& t = tables[i];
    const auto a = migrate::digest_sqlite(sqlite, t);
    const auto b = migrate::digest_pg(pg, t);
    if (a.rows != b.rows)
      throw MigrateMismatch("table " + t.name + ": " + std::to_string(a.rows) + " rows in the SQLite store, " +
                                std::to_string(b.rows) + " on PostgreSQL" +
                                (t.derived ? " (derived by triggers)" : "") + "; nothing was written",
                            false);
    if (a.sum != b.sum)
      throw MigrateMismatch("table " + t.name + ": the same " + std::to_string(a.rows) +
                                " rows in number but not in values" + (t.derived ? " (derived by triggers)" : "") +
                                "; nothing was written",
                            false);
    out[i].rows = a.rows;
  }
}

struct AuditEnd {
  std::int64_t id = 0;
  std::string hash;
};

AuditEnd last_audit_row(Database& db) {
  Statement q(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!q.step()) return {};
  return {q.int64(0), q.text(1)};
}

Store open_target(const std::string& url) {
  try {
    return Store(url);
  } catch (const DbError& e) {
    throw MigrateRefused("cannot open the target " + url + ": " + e.what());
  }
}

// The copy proper, in the target's transaction; returns the source's last audit row.
AuditEnd copy_all(Database& src, Database& dst, const std::string& url, const std::vector<migrate::Table>& tables,
                  const MigrateOptions& options, MigrateReport& report) {
  Transaction snapshot(src, Transaction::Kind::Deferred);  // one moment of a store still in use
  Transaction tx(dst);
  refuse_filled_target(dst, url);  // again under the writers' lock: nobody began meanwhile
  const AuditEnd source_end = last_audit_row(src);
  const auto copy_start = Clock::now();
  for (const auto& t : tables) {
    MigratedTable row{t.name, 0, t.derived, 0.0};
    const auto table_start = Clock::now();
    if (!t.derived) {
      // Rows the schema seeds (settings, the fencing counter) take the source's values.
      const std::int64_t seeded = count_rows(dst, t.name);
      if (seeded > 0 && !t.primary_key)
        throw MigrateRefused("table " + t.name + " on the target already holds " + std::to_string(seeded) + " rows");
      row.rows = migrate::copy_rows(src, dst, t, options.batch_rows, seeded > 0);
      report.rows_copied += row.rows;
    }
    row.seconds = seconds_since(table_start);
    report.tables.push_back(row);
    if (options.on_table) options.on_table(row);
  }
  report.copy_seconds = seconds_since(copy_start);
  move_sequences(dst, tables);
  compare_tables(src, dst, report.tables, tables);
  tx.commit();
  return source_end;
}

}  // namespace

MigrateReport migrate_to_postgresql(const std::string& from, const std::string& to_url, const MigrateOptions& options) {
  const auto start = Clock::now();
  check_source_file(from);
  if (!is_postgresql_url(to_url)) throw MigrateRefused("--to " + to_url + " is not a postgresql:// URL");
  check_source_store(from);
  Store source(from);
  Store target = open_target(to_url);
  refuse_filled_target(target.database(), to_url);
  if (const auto verdict = source.audit_verify(); verdict.problem)
    throw MigrateRefused("the audit log of " + from + " does not verify (row " + std::to_string(verdict.problem->row) +
                         ", " + verdict.problem->kind + ": " + verdict.problem->what +
                         "); migrate copies an intact log only");
  const auto tables = migrate::plan_tables(source.database(), target.database());
  MigrateReport report;
  const AuditEnd source_end = copy_all(source.database(), target.database(), to_url, tables, options, report);

  // Committed: the chain walked on the target from its own rows, ending where the source's ends.
  const auto after = target.audit_verify();
  if (after.problem)
    throw MigrateMismatch("the copied audit log does not verify on PostgreSQL (row " +
                              std::to_string(after.problem->row) + ", " + after.problem->kind + ": " +
                              after.problem->what + ")",
                          true);
  if (after.rows != source_end.id || after.head != source_end.hash)
    throw MigrateMismatch("the copied audit log ends at row " + std::to_string(after.rows) + " hash " + after.head +
                              ", the source's at row " + std::to_string(source_end.id) + " hash " + source_end.hash,
                          true);
  report.audit_rows = after.rows;
  report.audit_head = after.head;
  report.total_seconds = seconds_since(start);
  return report;
}

}  // namespace rs::store
