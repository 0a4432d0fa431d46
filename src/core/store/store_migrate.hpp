#pragma once
// Moving a centre from its SQLite file to PostgreSQL (issue 18, `reviewstation migrate`): every
// table of the SQLite store copied with its ids, in foreign-key order, in one PostgreSQL
// transaction, then checked table by table before the commit and the audit chain after it.
// The tables and columns are read from both catalogs, so a new migration needs no change here.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rs::store {

// Refused before anything was written: a source that is no SQLite store, a target that is no
// PostgreSQL URL or already holds a centre's rows, tables or columns on one side only.
class MigrateRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The copy and the source differ (a table's rows, the audit chain). Raised before the commit
// (nothing written) unless `committed` says the check ran after it.
class MigrateMismatch : public std::runtime_error {
 public:
  MigrateMismatch(const std::string& what, bool committed) : std::runtime_error(what), committed_(committed) {}
  bool committed() const { return committed_; }

 private:
  bool committed_;
};

struct MigratedTable {
  std::string name;
  std::int64_t rows = 0;
  bool derived = false;  // filled by the target's triggers from the copied rows, then compared
  double seconds = 0;    // copying it (its triggers' work included)
};

struct MigrateReport {
  std::vector<MigratedTable> tables;  // in the order they were copied
  std::int64_t rows_copied = 0;       // rows inserted (derived tables not counted)
  double copy_seconds = 0;            // the inserts alone
  double total_seconds = 0;           // checks, copy, comparison and the audit walk
  std::int64_t audit_rows = 0;
  std::string audit_head;  // the last audit row's hash, the same on both sides
};

struct MigrateOptions {
  // Rows per INSERT (one statement with many VALUES rows; 1: one prepared insert per row).
  int batch_rows = 100;
  // Called after each table is copied (for a progress line).
  std::function<void(const MigratedTable&)> on_table;
};

// SQLite file `from` -> PostgreSQL `to_url`. The source is opened as a Store (so it is at this
// version's schema) and read in one snapshot; the target as a Store (its schema applied).
MigrateReport migrate_to_postgresql(const std::string& from, const std::string& to_url,
                                    const MigrateOptions& options = {});

}  // namespace rs::store
