#pragma once
// Private to the store layer: the pieces of `audit verify` (store_audit.cpp walks the chain,
// store_audit_tables.cpp checks the tables against the rows).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"

namespace rs::store {

// An audit row as the table checks read it.
struct LoggedRow {
  std::int64_t row = 0;
  int form = 0;
  std::string actor, subject, detail;
};

// The highest ids the tables held when form 2 began (the switch row of migration 009): anything up
// to them has only rows of form 1, which recorded less. All zero on a log that began in form 2.
struct FormMarks {
  static constexpr std::int64_t kAll = std::numeric_limits<std::int64_t>::max();
  std::int64_t decisions = 0, attempts = 0, orders = 0, notices = 0;
};

// What the chain walk hands to the table checks.
struct WalkedChain {
  FormMarks marks;
  std::vector<LoggedRow> revocations;  // the "revoke" rows, few
};

// The first row of the tables that does not match its audit row, or nothing. Counts what it
// checked into the report.
std::optional<Store::AuditProblem> check_tables_against_log(StatementCache& sql, const WalkedChain& chain,
                                                            Store::AuditReport& report);

}  // namespace rs::store
