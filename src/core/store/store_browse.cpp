// The supervisors' decision browser: one page of decisions, newest first, filtered. Keyset paging
// on (decided_ms DESC, id DESC) walks an index in that order backwards from the last row shown, so
// the millionth row costs what the first does (OFFSET would count them all).
//
// Which index is walked is chosen here, since SQLite has no statistics to choose by and a walk
// costs the rows it reads, not the rows it returns: a filter that keeps one row in a thousand
// reads a thousand rows per row shown. So the filter with the fewest rows drives the page:
// - overturned, or a second review that disagreed: the few such decisions are read whole and
//   sorted (both are rare by nature: a share of a share);
// - otherwise, of one reviewer (decisions_reviewer), a city, a document type, a reason
//   (decision_facets, migration 012): whichever counts fewest decisions in the period, counted up
//   to kCountCap index entries (a few milliseconds at most);
// - otherwise the time index, decisions_decided.
// Every filter's own clause stays in the SQL whatever drives, so the rows are the same.
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

// What walks the page (see the top of the file).
struct Driver {
  enum class Kind { Time, Reviewer, Facet, Overturns, Disagreements } kind = Kind::Time;
  const char* facet = nullptr;  // city | doc | reason
  std::string value;
};

constexpr std::int64_t kCountCap = 20000;

// Decisions matching one facet (or one reviewer) in the period, up to kCountCap.
std::int64_t bounded_count(StatementCache& sql, const Driver& d, const Period& p) {
  auto q = d.kind == Driver::Kind::Reviewer
               ? sql("SELECT COUNT(*) FROM (SELECT 1 FROM decisions WHERE reviewer = ?2 AND decided_ms >= ?3 "
                     "AND decided_ms < ?4 LIMIT ?5) AS bounded")
               : sql("SELECT COUNT(*) FROM (SELECT 1 FROM decision_facets WHERE facet = ?1 AND value = ?2 "
                     "AND decided_ms >= ?3 AND decided_ms < ?4 LIMIT ?5) AS bounded");
  if (d.kind != Driver::Kind::Reviewer) q->bind(1, d.facet);
  q->bind(2, d.value).bind(3, p.from).bind(4, p.to).bind(5, kCountCap);
  return q->step() ? q->int64(0) : 0;
}

Driver choose_driver(StatementCache& sql, const BrowseFilter& f, const Period& p) {
  if (f.overturned) return {Driver::Kind::Overturns};
  if (f.second_review_disagreed) return {Driver::Kind::Disagreements};
  std::vector<Driver> candidates;
  if (!f.reviewer.empty()) candidates.push_back({Driver::Kind::Reviewer, nullptr, f.reviewer});
  if (!f.city.empty()) candidates.push_back({Driver::Kind::Facet, "city", f.city});
  if (!f.doc_type.empty()) candidates.push_back({Driver::Kind::Facet, "doc", f.doc_type});
  if (!f.reason.empty()) candidates.push_back({Driver::Kind::Facet, "reason", f.reason});
  if (candidates.size() == 1) return candidates.front();  // nothing to compare: no count
  Driver best;
  std::int64_t fewest = -1;
  for (auto& c : candidates)
    if (const std::int64_t n = bounded_count(sql, c, p); fewest < 0 || n < fewest) {
      fewest = n;
      best = std::move(c);
    }
  return best;
}

BrowseSql browse_sql(const BrowseFilter& f, const Period& p, const Driver& driver,
                     const std::optional<BrowseKey>& after, int limit) {
  BrowseSql s;
  // Two steps: the inner query finds the page's ids (the walk, the filters, the sort of the few
  // rows of a rare driver) reading only what the filters need; the outer one reads the columns of
  // those 200 rows. In one step SQLite computed every column of every candidate before sorting
  // them, 10 µs a row: 190 ms for the 4,000 disagreements of a million decisions.
  s.text = "SELECT d.id AS id, d.decided_ms AS ms FROM ";
  // CROSS JOIN: SQLite keeps the left table outside, so the driver is the one walked.
  // The time and the key are the driver's columns where it has them (the facets' index holds
  // decided_ms and the id in the browser's order); they equal the decision's.
  std::string ms = "d.decided_ms", id = "d.id";
  switch (driver.kind) {
    case Driver::Kind::Facet:
      s.text += "decision_facets t CROSS JOIN decisions d ON d.id = t.decision_id ";
      ms = "t.decided_ms";
      id = "t.decision_id";
      break;
    case Driver::Kind::Overturns: s.text += "overturns ov CROSS JOIN decisions d ON d.id = ov.decision_id "; break;
    case Driver::Kind::Disagreements:
      s.text += "second_reviews sd CROSS JOIN decisions d ON d.id = sd.decision_id ";
      break;
    default: s.text += "decisions d ";
  }
  if (!f.doc_type.empty() || !f.city.empty())
    s.text += "CROSS JOIN attempts a ON a.id = d.attempt_id CROSS JOIN orders o ON o.id = a.order_id ";
  s.text += "WHERE 1 = 1";
  if (driver.kind == Driver::Kind::Facet) {
    s.add("t.facet = ?");
    s.values.push_back(std::string(driver.facet));
    s.add("t.value = ?");
    s.values.emplace_back(driver.value);
  }
  if (driver.kind == Driver::Kind::Disagreements) s.add("sd.agrees = 0");  // the partial index's term
  if (!f.reviewer.empty()) {
    // Unary + keeps decisions_reviewer out of a page another filter drives.
    s.add(driver.kind == Driver::Kind::Reviewer || driver.kind == Driver::Kind::Time ? "d.reviewer = ?"
                                                                                     : "+d.reviewer = ?");
    s.values.emplace_back(f.reviewer);
  }
  if (p.from > 0) {
    s.add(ms + " >= ?");
    s.values.emplace_back(std::int64_t{p.from});
  }
  if (p.to != Period{}.to) {
    s.add(ms + " < ?");
    s.values.emplace_back(std::int64_t{p.to});
  }
  if (after) {
    s.add("(" + ms + " < ? OR (" + ms + " = ? AND " + id + " < ?))");
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
  s.text += " ORDER BY " + ms + " DESC, " + id + " DESC LIMIT ?";
  s.values.emplace_back(std::int64_t{limit});
  s.text =
      "SELECT d.id, o.order_no, a.attempt_no, d.reviewer, d.decision, d.decided_at, d.decided_ms, d.review_ms, "
      "o.doc_type, o.city, o.applicant_name, o.id_number, d.engine_verdict, "
      "EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id), "
      "(SELECT s.agrees FROM second_reviews s WHERE s.decision_id = d.id) FROM (" +
      s.text +
      ") page CROSS JOIN decisions d ON d.id = page.id CROSS JOIN attempts a ON a.id = d.attempt_id "
      "CROSS JOIN orders o ON o.id = a.order_id ORDER BY page.ms DESC, page.id DESC";
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
  // Trainers browse too: they pick training cases from decided history. Names and ID numbers
  // come masked in every row (DecisionRow).
  require_either_role(supervisor, accounts::Role::Supervisor, accounts::Role::Trainer, "browsing decisions");
  if (limit <= 0) return {};
  const Period p = period_of({f.from, f.to});
  const BrowseSql s = browse_sql(f, p, choose_driver(impl_->sql, f, p), after, std::min(limit, 10000));
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
