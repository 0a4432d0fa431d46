// `audit verify` for blind second reviews: each row of second_reviews against the log. It must have
// been drawn by a "second_review_drawn" row naming its decision (a second review slipped in later
// has none), a decided one must match its "second_review" row in every column (who, what, reasons,
// agreement, when), and a resolved disagreement its "second_review_resolve" row; and every decided
// or resolved row of the log must still be there in the tables.
#include <map>
#include <nlohmann/json.hpp>

#include "core/store/store_audit.hpp"

namespace rs::store {
namespace {
using Problem = Store::AuditProblem;
using nlohmann::json;

std::optional<std::int64_t> id_of_subject(const std::string& subject) {
  static const std::string prefix = "second review ";
  if (subject.rfind(prefix, 0) != 0) return std::nullopt;
  try {
    return std::stoll(subject.substr(prefix.size()));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Rows by the second review they name; nothing when a row names none or repeats one.
std::optional<Problem> index_rows(const std::vector<LoggedRow>& rows, bool by_subject,
                                  std::map<std::int64_t, const LoggedRow*>& out) {
  for (const auto& row : rows) {
    const auto id = by_subject ? id_of_subject(row.subject) : logged_number(row, "second_review_id");
    if (!id) return audit_mismatch(row.row, audit_row_name(row.row) + " names no second review");
    if (!out.emplace(*id, &row).second)
      return audit_mismatch(
          row.row, audit_row_name(row.row) + " records second review " + std::to_string(*id) + " a second time");
  }
  return std::nullopt;
}

std::string name_of(std::int64_t id) { return "second review " + std::to_string(id); }
}  // namespace

std::string second_review_detail(StatementCache& sql, std::int64_t id) {
  auto q =
      sql("SELECT decision_id, decision, COALESCE(other_text, ''), decided_at, review_ms, agrees, lease_token "
          "FROM second_reviews WHERE id = ?1 AND decision IS NOT NULL");
  q->bind(1, id);
  if (!q->step()) return {};
  json reasons = json::array();
  auto r = sql("SELECT code FROM second_review_reasons WHERE second_review_id = ?1 ORDER BY position");
  r->bind(1, id);
  while (r->step()) reasons.push_back(r->text(0));
  return json{{"second_review_id", id},     {"decision_id", q->int64(0)},
              {"decision", q->text(1)},     {"other_text", q->text(2)},
              {"decided_at", q->text(3)},   {"review_ms", q->int64(4)},
              {"agrees", q->int64(5) != 0}, {"lease_token", q->int64_or_null(6).value_or(0)},
              {"reasons", reasons}}
      .dump();
}

std::optional<Problem> check_second_reviews(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked) {
  std::map<std::int64_t, const LoggedRow*> drawn, decided, resolved;
  if (auto p = index_rows(chain.second_reviews_drawn, false, drawn)) return p;
  if (auto p = index_rows(chain.second_reviews_decided, true, decided)) return p;
  if (auto p = index_rows(chain.second_reviews_resolved, false, resolved)) return p;
  auto q =
      sql("SELECT id, decision_id, COALESCE(reviewer, ''), decision IS NOT NULL, COALESCE(resolved_by, ''), "
          "COALESCE(resolution, '') FROM second_reviews ORDER BY id");
  std::int64_t seen_decided = 0, seen_resolved = 0;
  while (q->step()) {
    const std::int64_t id = q->int64(0);
    const auto d = drawn.find(id);
    if (d == drawn.end() || logged_number(*d->second, "decision_id") != q->int64(1))
      return audit_mismatch(0, name_of(id) + " (of decision " + std::to_string(q->int64(1)) +
                                   ") has no audit row that drew it: it was added without one, or moved");
    if (q->int64(3) != 0) {
      ++seen_decided;
      const auto it = decided.find(id);
      if (it == decided.end())
        return audit_mismatch(0, name_of(id) + " is decided in the tables, but no audit row records it");
      const LoggedRow& row = *it->second;
      if (row.actor != q->text(2))
        return audit_mismatch(row.row, name_of(id) + " does not match " + audit_row_name(row.row) + ": reviewer \"" +
                                           q->text(2) + "\" in the tables, \"" + row.actor + "\" in the log");
      if (row.detail != second_review_detail(sql, id))
        return audit_mismatch(row.row, name_of(id) + " does not match " + audit_row_name(row.row) +
                                           ": its decision, reasons, agreement or times were edited");
    }
    if (!q->text(4).empty()) {
      ++seen_resolved;
      const auto it = resolved.find(id);
      if (it == resolved.end() || it->second->actor != q->text(4) ||
          logged_text(*it->second, "resolution") != q->text(5))
        return audit_mismatch(it == resolved.end() ? 0 : it->second->row,
                              name_of(id) + "'s resolution does not match its audit row, or has none");
    }
    ++checked;
  }
  if (seen_decided != std::int64_t(decided.size()))
    return audit_mismatch(0, std::to_string(decided.size() - std::size_t(seen_decided)) +
                                 " second review(s) recorded in the log are no longer decided in the tables");
  if (seen_resolved != std::int64_t(resolved.size()))
    return audit_mismatch(0, "a resolved disagreement recorded in the log is no longer resolved in the tables");
  return std::nullopt;
}

}  // namespace rs::store
