// The supervisors' decision browser: one page of decisions, newest first, filtered. Keyset paging
// on (decided_ms DESC, id DESC) walks decisions_decided(decided_ms) — or
// decisions_reviewer(reviewer, decided_ms) when one reviewer is asked for — backwards from the
// last row shown, so the millionth row costs what the first does (OFFSET would count them all).
// Only the clauses of the filters in use go into the SQL: an "(? IS NULL OR ...)" clause would
// keep SQLite from choosing the reviewer's index.
#include <algorithm>
#include <variant>

#include "core/domain/masking.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
namespace {

// The SQL for `f` and the values of its '?', in order. Every value is bound, never pasted.
struct BrowseSql {
  std::string text;
  std::vector<std::variant<std::int64_t, std::string>> values;
  void add(const std::string& clause) { text += " AND " + clause; }
};

BrowseSql browse_sql(const BrowseFilter& f, const Period& p, const std::optional<BrowseKey>& after, int limit) {
  BrowseSql s;
  s.text =
      "SELECT d.id, o.order_no, a.attempt_no, d.reviewer, d.decision, d.decided_at, d.decided_ms, d.review_ms, "
      "o.doc_type, o.city, o.applicant_name, o.id_number, d.engine_verdict, "
      "EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id), "
      "(SELECT s.agrees FROM second_reviews s WHERE s.decision_id = d.id) "
      "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id WHERE 1";
  if (!f.reviewer.empty()) {
    s.add("d.reviewer = ?");
    s.values.emplace_back(f.reviewer);
  }
  if (p.from > 0) {
    s.add("d.decided_ms >= ?");
    s.values.emplace_back(std::int64_t{p.from});
  }
  if (p.to != Period{}.to) {
    s.add("d.decided_ms < ?");
    s.values.emplace_back(std::int64_t{p.to});
  }
  if (after) {
    s.add("(d.decided_ms < ? OR (d.decided_ms = ? AND d.id < ?))");
    s.values.emplace_back(std::int64_t{after->decided_ms});
    s.values.emplace_back(std::int64_t{after->decided_ms});
    s.values.emplace_back(std::int64_t{after->id});
  }
  if (f.outcome) {
    s.add("d.decision = ?");
    s.values.push_back(std::string(*f.outcome == Outcome::Approve ? "approved" : "rejected"));
  }
  if (!f.reason.empty()) {
    s.add("EXISTS (SELECT 1 FROM decision_reasons r WHERE r.decision_id = d.id AND r.code = ?)");
    s.values.emplace_back(f.reason);
  }
  if (!f.doc_type.empty()) {
    s.add("o.doc_type = ?");
    s.values.emplace_back(f.doc_type);
  }
  if (!f.city.empty()) {
    s.add("o.city = ?");
    s.values.emplace_back(f.city);
  }
  if (f.engine_disagreed)
    s.add(
        "((d.engine_verdict = 'fail' AND d.decision = 'approved') OR "
        "(d.engine_verdict = 'pass' AND d.decision = 'rejected'))");
  if (f.second_review_disagreed)
    s.add("EXISTS (SELECT 1 FROM second_reviews s WHERE s.decision_id = d.id AND s.agrees = 0)");
  if (f.overturned) s.add("EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id)");
  s.text += " ORDER BY d.decided_ms DESC, d.id DESC LIMIT ?";
  s.values.emplace_back(std::int64_t{limit});
  return s;
}

DecisionRow read_row(Statement& q) {
  DecisionRow r;
  r.id = q.int64(0);
  r.order_no = q.text(1);
  r.attempt_no = int(q.int64(2));
  r.reviewer = q.text(3);
  r.decision = q.text(4);
  r.decided_at = q.text(5);
  r.decided_ms = q.int64(6);
  r.review_ms = q.int64(7);
  r.doc_type = q.text(8);
  r.city = q.text(9);
  r.applicant_masked = mask_name(q.text(10));
  r.id_number_masked = mask_id_number(q.text(11));
  r.engine_verdict = q.text_or_null(12);
  r.overturned = q.int64(13) != 0;
  if (auto agrees = q.int64_or_null(14)) r.second_review_agrees = *agrees != 0;
  return r;
}

}  // namespace

std::vector<DecisionRow> Store::browse_decisions(const accounts::Actor& supervisor, const BrowseFilter& f,
                                                 const std::optional<BrowseKey>& after, int limit) {
  require_role(supervisor, accounts::Role::Supervisor, "browsing decisions");
  if (limit <= 0) return {};
  const BrowseSql s = browse_sql(f, period_of({f.from, f.to}), after, std::min(limit, 10000));
  // Prepared per call (tens of microseconds): the text differs with the filters in use, and the
  // statement cache keys on string literals.
  Statement q(impl_->db, s.text.c_str());
  int at = 0;
  for (const auto& v : s.values) std::visit([&](const auto& x) { q.bind(++at, x); }, v);
  std::vector<DecisionRow> rows;
  while (q.step()) rows.push_back(read_row(q));
  q.reset();
  // The reasons after the page is read: one short indexed read per row on the same connection.
  for (auto& r : rows) r.reasons = impl_->load_reasons(r.id);
  return rows;
}

}  // namespace rs::store
