// Settings and the gold tables against the log: each setting is its last "setting" row's value
// (or the migration's default), each gold case its gold_add row, each gold answer its gold_answer
// row, each pause and lift its user_pause / user_unpause rows. Without it, whoever can write the
// file could raise a pause threshold, turn a wrong answer right or lift a pause unseen.
#include <map>

#include <nlohmann/json.hpp>

#include "core/store/store_audit.hpp"
#include "core/store/store_gold.hpp"

namespace rs::store {
namespace {
using nlohmann::json;
using Problem = Store::AuditProblem;

json detail_of(const LoggedRow& row) {
  json d = json::parse(row.detail, nullptr, false);
  return d.is_object() ? d : json::object();
}

std::string joined(const json& codes) {
  std::string out;
  if (codes.is_array())
    for (const auto& c : codes)
      if (c.is_string()) out += c.get<std::string>() + ",";
  return out;
}

// second_review_share's rows (store_second_review.cpp) log the number under its own key; the gold
// settings log the table's text under "value".
std::string logged_setting(const LoggedRow& row) {
  const json d = detail_of(row);
  if (d.contains("value") && d["value"].is_string()) return d["value"].get<std::string>();
  if (d.contains(row.subject)) return d[row.subject].dump();
  return "";
}

std::optional<Problem> check_settings(StatementCache& sql, const std::vector<LoggedRow>& rows, std::int64_t& checked) {
  std::map<std::string, std::pair<std::string, std::int64_t>> expected;  // key -> (value, row)
  for (const char* key : {"second_review_share", "gold.rate", "gold.pause_below", "gold.min_cases"})
    expected[key] = {gold::default_setting(key), 0};
  for (const auto& row : rows)
    if (row.action == "setting" && expected.count(row.subject)) expected[row.subject] = {logged_setting(row), row.row};
  for (const auto& [key, want] : expected) {
    auto q = sql("SELECT value FROM settings WHERE key = ?1");
    q->bind(1, key);
    const std::string have = q->step() ? q->text(0) : std::string("(missing)");
    const std::string source = want.second ? audit_row_name(want.second) : std::string("its default (no setting row)");
    if (have != want.first)
      return audit_mismatch(want.second, "setting " + key + " is '" + have + "' in the table but '" + want.first +
                                             "' by " + source + ": changed without an audit row");
    ++checked;
  }
  return std::nullopt;
}

std::optional<Problem> check_gold_cases(StatementCache& sql, const std::vector<LoggedRow>& rows,
                                        std::int64_t& checked) {
  std::map<std::pair<std::string, int>, const LoggedRow*> logged;
  for (const auto& row : rows)
    if (row.action == "gold_add") logged[{row.subject, detail_of(row).value("attempt_no", 0)}] = &row;
  auto q =
      sql("SELECT o.order_no, a.attempt_no, g.decision_id, g.reference, g.reference_reasons, g.added_by FROM "
          "gold_cases g JOIN attempts a ON a.id = g.attempt_id JOIN orders o ON o.id = a.order_id ORDER BY g.id");
  while (q->step()) {
    const std::string what = "gold case order " + q->text(0) + " attempt " + std::to_string(q->int64(1));
    const auto it = logged.find({q->text(0), int(q->int64(1))});
    if (it == logged.end()) return audit_mismatch(0, what + " has no gold_add row in the audit log");
    const LoggedRow& row = *it->second;
    const json d = detail_of(row);
    if (d.value("decision_id", std::int64_t{0}) != q->int64(2) || d.value("reference", "") != q->text(3) ||
        joined(d.value("reasons", json())) != q->text(4) || row.actor != q->text(5))
      return audit_mismatch(row.row,
                            what + ": its source, reference or reasons differ from " + audit_row_name(row.row));
    logged.erase(it);
    ++checked;
  }
  if (!logged.empty())
    return audit_mismatch(logged.begin()->second->row, audit_row_name(logged.begin()->second->row) +
                                                           " marks a gold case the table does not hold: deleted");
  return std::nullopt;
}

std::optional<Problem> check_gold_answers(StatementCache& sql, const std::vector<LoggedRow>& rows,
                                          std::int64_t& checked) {
  std::map<std::int64_t, const LoggedRow*> logged;  // delivery -> row
  for (const auto& row : rows)
    if (row.action == "gold_answer") logged[detail_of(row).value("delivery", std::int64_t{0})] = &row;
  auto q =
      sql("SELECT w.delivery_id, d.order_no, w.reviewer, w.decision, w.reasons, w.correct, w.ms_spent FROM "
          "gold_answers w JOIN gold_deliveries d ON d.id = w.delivery_id ORDER BY w.id");
  while (q->step()) {
    const std::string what = q->text(2) + "'s gold answer on " + q->text(1);
    const auto it = logged.find(q->int64(0));
    if (it == logged.end()) return audit_mismatch(0, what + " has no gold_answer row in the audit log");
    const LoggedRow& row = *it->second;
    const json d = detail_of(row);
    if (row.actor != q->text(2) || row.subject != q->text(1) || d.value("decision", "") != q->text(3) ||
        joined(d.value("reasons", json())) != q->text(4) || d.value("correct", false) != (q->int64(5) != 0) ||
        d.value("ms_spent", std::int64_t{0}) != q->int64(6))
      return audit_mismatch(row.row, what + " differs from " + audit_row_name(row.row) + " (decision '" + q->text(3) +
                                         "', correct " + std::to_string(q->int64(5)) + " in the table)");
    logged.erase(it);
    ++checked;
  }
  if (!logged.empty())
    return audit_mismatch(logged.begin()->second->row, audit_row_name(logged.begin()->second->row) +
                                                           " records a gold answer the table does not hold: deleted");
  return std::nullopt;
}

struct LoggedPause {
  std::string reviewer;
  std::int64_t answered = 0, correct = 0, row = 0;
  std::string lifted_by;
  std::int64_t last_answer_id = 0;
};

std::optional<Problem> check_pauses(StatementCache& sql, const std::vector<LoggedRow>& rows, std::int64_t& checked) {
  std::vector<LoggedPause> pauses;  // in the order they began, as the table's ids are
  for (const auto& row : rows) {
    const json d = detail_of(row);
    if (row.action == "user_pause")
      pauses.push_back(
          {row.subject, d.value("answered", std::int64_t{0}), d.value("correct", std::int64_t{0}), row.row, "", 0});
    if (row.action == "user_unpause")
      for (auto it = pauses.rbegin(); it != pauses.rend(); ++it)
        if (it->reviewer == row.subject && it->lifted_by.empty()) {
          it->lifted_by = row.actor;
          it->last_answer_id = d.value("last_answer_id", std::int64_t{0});
          break;
        }
  }
  auto q = sql(
      "SELECT reviewer, answered, correct, COALESCE(lifted_by, ''), COALESCE(last_answer_id, 0) FROM reviewer_pauses "
      "ORDER BY id");
  std::size_t i = 0;
  for (; q->step(); ++i) {
    const std::string what = "the pause of " + q->text(0);
    if (i >= pauses.size()) return audit_mismatch(0, what + " has no user_pause row in the audit log");
    const LoggedPause& p = pauses[i];
    if (p.reviewer != q->text(0) || p.answered != q->int64(1) || p.correct != q->int64(2) ||
        p.lifted_by != q->text(3) || p.last_answer_id != q->int64(4))
      return audit_mismatch(p.row, what + " (lifted by '" + q->text(3) + "' in the table) differs from " +
                                       audit_row_name(p.row) + " and its lift");
    ++checked;
  }
  if (i < pauses.size())
    return audit_mismatch(
        pauses[i].row, audit_row_name(pauses[i].row) + " pauses " + pauses[i].reviewer + ", which the table does not");
  return std::nullopt;
}
}  // namespace

std::optional<Problem> check_gold(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked) {
  if (auto p = check_settings(sql, chain.gold, checked)) return p;
  if (auto p = check_gold_cases(sql, chain.gold, checked)) return p;
  if (auto p = check_gold_answers(sql, chain.gold, checked)) return p;
  return check_pauses(sql, chain.gold, checked);
}

}  // namespace rs::store
