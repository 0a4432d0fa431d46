#pragma once
// Private to the store layer: the pieces of `audit verify` (store_audit.cpp walks the chain,
// store_audit_pairs.cpp and store_audit_tables.cpp check the tables against the rows).
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
  std::string action;  // filled where one list holds rows of several actions
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
  std::vector<LoggedRow> overturns;    // the "overturn" rows, few
  // The second reviews' rows: drawn (subject: the order), decided and resolved (subject: "second
  // review N").
  std::vector<LoggedRow> second_reviews_drawn, second_reviews_decided, second_reviews_resolved;
  // The account changes, in order: user_add, user_disable, user_enable, user_password, user_certify.
  std::vector<LoggedRow> accounts;
  // The training rows, in order: training_set_create, training_case_edit, training_assign,
  // training_answer.
  std::vector<LoggedRow> training;
  // The settings and gold rows, in order: setting, gold_add, gold_answer, user_pause, user_unpause.
  std::vector<LoggedRow> gold;
  // The last row walked; rows still in the inbox (PostgreSQL) follow it under the ids a seal
  // would give them (store_audit.cpp, note_waiting_rows).
  std::int64_t last_id = 0;
};

// The first row of the tables that does not match its audit row, or nothing. Counts what it
// checked into the report.
std::optional<Store::AuditProblem> check_tables_against_log(StatementCache& sql, const WalkedChain& chain,
                                                            Store::AuditReport& report);

// Each decision and each attempt against its audit row (store_audit_pairs.cpp).
// last_id: the chain's last row (WalkedChain::last_id), after which the inbox's rows count.
std::optional<Store::AuditProblem> check_decisions(StatementCache& sql, const FormMarks& marks, std::int64_t last_id,
                                                   std::int64_t& checked);
std::optional<Store::AuditProblem> check_attempts(StatementCache& sql, const FormMarks& marks, std::int64_t last_id,
                                                  std::int64_t& checked);

// Each overturn against its "overturn" row, and the notices of kind 'overturn' no overturn names
// (store_audit_overturns.cpp).
std::optional<Store::AuditProblem> check_overturns(StatementCache& sql, const WalkedChain& chain,
                                                   std::int64_t& checked);

// Each second review against its rows: drawn, decided (every column of the second decision) and
// resolved (store_audit_second_reviews.cpp).
std::optional<Store::AuditProblem> check_second_reviews(StatementCache& sql, const WalkedChain& chain,
                                                        std::int64_t& checked);
// Each account against its rows: roles, display name, disabled, the password hash's fingerprint
// (store_audit_accounts.cpp).
std::optional<Store::AuditProblem> check_accounts(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked);
// Each training set, case, assignment and answer against its rows (store_audit_training.cpp).
std::optional<Store::AuditProblem> check_training(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked);
// Settings, gold cases, gold answers and pauses against their rows (store_audit_gold.cpp).
std::optional<Store::AuditProblem> check_gold(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked);
// A decided second review's "second_review" detail, as the tables hold it now (empty: not decided).
// The decision writes it with this, and verify compares with it.
std::string second_review_detail(StatementCache& sql, std::int64_t id);

// What the checks share (store_audit_pairs.cpp).
Store::AuditProblem audit_mismatch(std::int64_t row, std::string what);
std::string audit_row_name(std::int64_t row);  // "audit row 12"
// The first difference between a row and what the tables give now, as "field: X in the tables, Y
// in the log": its detail (form 2: rebuilt, the same bytes; form 1: legacy_rebuilt, the same values
// of what it held), then its actor and subject.
std::optional<std::string> logged_difference(const LoggedRow& row, const std::string& rebuilt,
                                             const std::string& legacy_rebuilt, const std::string& actor,
                                             const std::string& subject);
std::optional<std::string> logged_text(const LoggedRow& row, const char* key);  // a field of its detail
std::optional<std::int64_t> logged_number(const LoggedRow& row, const char* key);

}  // namespace rs::store
