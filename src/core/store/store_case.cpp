// One order's case file for the supervisor's case view: read in one deferred transaction, so the
// attempts, decisions, second reviews, overturns and audit rows are of one moment even while
// reviewers decide. Every lookup goes by a key or an indexed column except the audit rows: the
// log has no index on subject, so finding a case's rows scans it (about 1 s per million rows);
// a case is opened one at a time, on the desk's thread.
#include "core/store/case_file.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
namespace {

std::vector<std::string> codes(Statement& q) {
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  q.reset();
  return out;
}

std::optional<CaseSecondReview> second_review_of(StatementCache& sql, std::int64_t decision_id,
                                                 std::vector<std::string>& subjects) {
  auto q =
      sql("SELECT id, reviewer, decision, decided_at, COALESCE(other_text, ''), COALESCE(review_ms, 0), agrees, "
          "COALESCE(resolved_by, ''), COALESCE(resolved_at, ''), COALESCE(resolution, '') "
          "FROM second_reviews WHERE decision_id = ?1");
  q->bind(1, decision_id);
  if (!q->step()) return std::nullopt;
  const std::int64_t id = q->int64(0);
  subjects.push_back("second review " + std::to_string(id));  // its draw, claim and decision rows
  if (q->is_null(2)) return std::nullopt;                     // drawn, not yet decided
  CaseSecondReview r{q->text(1),  q->text(2),       q->text(3), {},         q->text(4),
                     q->int64(5), q->int64(6) != 0, q->text(7), q->text(8), q->text(9)};
  auto rq = sql("SELECT code FROM second_review_reasons WHERE second_review_id = ?1 ORDER BY position");
  rq->bind(1, id);
  r.reasons = codes(*rq);
  return r;
}

std::optional<CaseOverturn> overturn_of(StatementCache& sql, std::int64_t decision_id) {
  auto q =
      sql("SELECT id, supervisor, overturned_at, from_decision, to_decision, justification, COALESCE(other_text, ''), "
          "COALESCE(revoked_number, ''), COALESCE(image_number, '') FROM overturns WHERE decision_id = ?1");
  q->bind(1, decision_id);
  if (!q->step()) return std::nullopt;
  CaseOverturn o{q->text(1), q->text(2), q->text(3), q->text(4), q->text(5), {}, q->text(6), q->text(7), q->text(8)};
  auto rq = sql("SELECT code FROM overturn_reasons WHERE overturn_id = ?1 ORDER BY position");
  rq->bind(1, q->int64(0));
  o.reasons = codes(*rq);
  return o;
}

std::optional<CaseDecision> decision_of(StatementCache& sql, std::int64_t attempt_id,
                                        std::vector<std::string>& subjects) {
  auto q =
      sql("SELECT id, reviewer, decision, COALESCE(other_text, ''), COALESCE(shown_at, ''), decided_at, review_ms, "
          "findings_json, COALESCE(image_number, '') FROM decisions WHERE attempt_id = ?1");
  q->bind(1, attempt_id);
  if (!q->step()) return std::nullopt;
  CaseDecision d;
  d.id = q->int64(0);
  d.reviewer = q->text(1);
  d.decision = q->text(2);
  d.other_text = q->text(3);
  d.shown_at = q->text(4);
  d.decided_at = q->text(5);
  d.review_ms = q->int64(6);
  d.findings_json = q->text(7);
  d.image_number = q->text(8);
  auto rq = sql("SELECT code FROM decision_reasons WHERE decision_id = ?1 ORDER BY position");
  rq->bind(1, d.id);
  d.reasons = codes(*rq);
  d.second_review = second_review_of(sql, d.id, subjects);
  d.overturn = overturn_of(sql, d.id);
  return d;
}

// The audit rows whose subject is one of the case's: the order number (intake, decisions,
// overturns, quarantine), an attempt id (claims, skips) or "second review N".
std::vector<CaseAuditRow> audit_rows(const Database& db, const std::vector<std::string>& subjects) {
  std::string sql = "SELECT id, at, actor, action, subject FROM audit_log WHERE subject IN (";
  for (std::size_t i = 0; i < subjects.size(); ++i) sql += i ? ",?" : "?";
  sql += ") ORDER BY id";
  Statement q(db, sql.c_str());  // the number of '?' varies: not for the statement cache
  for (std::size_t i = 0; i < subjects.size(); ++i) q.bind(int(i + 1), subjects[i]);
  std::vector<CaseAuditRow> rows;
  while (q.step()) rows.push_back({q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4)});
  q.reset();
  return rows;
}

}  // namespace

std::optional<CaseFile> Store::case_file(const accounts::Actor& supervisor, const std::string& order_no) {
  require_role(supervisor, accounts::Role::Supervisor, "opening a case");
  // The case's latest rows may still wait in the audit inbox (PostgreSQL).
  impl_->seal_audit(Impl::SealWait::Yes);
  Transaction tx(impl_->db, Transaction::Kind::Deferred);  // one snapshot for every read below
  std::int64_t order_id = 0;
  {
    auto q = impl_->sql("SELECT id FROM orders WHERE order_no = ?1");
    q->bind(1, order_no);
    if (!q->step()) return std::nullopt;
    order_id = q->int64(0);
  }
  CaseFile c;
  c.order = impl_->load_order(order_id);
  std::vector<std::int64_t> attempt_ids;
  {
    auto q = impl_->sql("SELECT id FROM attempts WHERE order_id = ?1 ORDER BY attempt_no");
    q->bind(1, order_id);
    while (q->step()) attempt_ids.push_back(q->int64(0));
  }
  std::vector<std::string> subjects{c.order.order_no};
  for (std::int64_t id : attempt_ids) {
    CaseAttempt a;
    a.attempt = impl_->load_attempt(id);
    a.photo = impl_->load_photo(a.attempt.photo_id);
    a.decision = decision_of(impl_->sql, id, subjects);
    subjects.push_back(std::to_string(id));
    c.attempts.push_back(std::move(a));
  }
  c.audit = audit_rows(impl_->db, subjects);
  tx.commit();
  return c;
}

}  // namespace rs::store
