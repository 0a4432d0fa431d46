// Quarantine: an attempt whose photo keeps killing the workstation that decodes or analyses it
// leaves the reviewers' queue instead of stopping each workstation in turn (after a crash the next
// start hands the orphaned order back, and it would be claimed and analysed again).
//
// Each start of an analysis is committed before the analysis runs, each finish after it; a start
// that never got its finish is a process that died on the photo. The quarantine happens at the
// next start after kQuarantineAfter such deaths, inside the same transaction that would have
// recorded that start, so no claim pays anything for it: a quarantined attempt is simply no longer
// 'pending' (migration 006).
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
using nlohmann::json;

namespace {
std::string quarantine_cause(int starts, int unfinished, const std::string& last_by) {
  return "analysis of the photo started " + std::to_string(starts) + " times and did not finish " +
         std::to_string(unfinished) + " times: the workstation process died while decoding or analysing it" +
         (last_by.empty() ? std::string() : " (last started by " + last_by + ")");
}
}  // namespace

Store::AnalysisStart Store::analysis_started(std::int64_t attempt_id, std::int64_t lease_token) {
  if (is_gold(attempt_id)) return gold_analysis_start(attempt_id, lease_token);
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  // The usual case in one statement: ours, pending, and not poisoned.
  sql("UPDATE attempts SET analysis_starts = analysis_starts + 1, analysis_started_by = lease_owner "
      "WHERE id = ?1 AND status = 'pending' AND lease_token = ?2 AND analysis_starts - analysis_finishes < ?3")
      ->bind(1, attempt_id)
      .bind(2, lease_token)
      .bind(3, kQuarantineAfter)
      .run();
  if (impl_->db.changes() == 1) {
    tx.commit();
    return AnalysisStart::Proceed;
  }
  auto q =
      sql("SELECT a.status, a.lease_token, a.analysis_starts, a.analysis_starts - a.analysis_finishes, "
          "COALESCE(a.analysis_started_by, ''), COALESCE(a.lease_owner, ''), o.order_no, a.attempt_no "
          "FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ?1");
  q->bind(1, attempt_id);
  if (!q->step()) return AnalysisStart::NotHeld;
  const std::string status = q->text(0);
  if (status == "quarantined") return AnalysisStart::Quarantined;
  if (status != "pending" || q->int64_or_null(1) != lease_token) return AnalysisStart::NotHeld;
  const int starts = int(q->int64(2)), unfinished = int(q->int64(3));
  const std::string last_by = q->text(4), owner = q->text(5), order_no = q->text(6);
  const int attempt_no = int(q->int64(7));
  q->reset();
  const std::string cause = quarantine_cause(starts, unfinished, last_by);
  sql("UPDATE attempts SET status = 'quarantined', quarantined_at = ?2, quarantine_cause = ?3, lease_owner = NULL, "
      "lease_expires_ms = NULL, lease_token = NULL, skipped_by = NULL, skipped_until_ms = NULL WHERE id = ?1")
      ->bind(1, attempt_id)
      .bind(2, iso8601_cst(now_ms()))
      .bind(3, cause)
      .run();
  impl_->audit(owner.empty() ? "workstation" : owner, "quarantine", order_no,
               json{{"attempt_id", attempt_id},
                    {"attempt", attempt_no},
                    {"starts", starts},
                    {"unfinished", unfinished},
                    {"cause", cause}}
                   .dump());
  tx.commit();
  return AnalysisStart::Quarantined;
}

void Store::analysis_finished(std::int64_t attempt_id) {
  if (is_gold(attempt_id)) return;  // nothing was counted at its start
  Transaction tx(impl_->db);
  // Never more finishes than starts: a stray call cannot hide a death that happened.
  impl_
      ->sql(
          "UPDATE attempts SET analysis_finishes = analysis_finishes + 1 WHERE id = ?1 AND analysis_finishes < "
          "analysis_starts")
      ->bind(1, attempt_id)
      .run();
  tx.commit();
}

std::vector<QuarantineRow> Store::quarantined() {
  auto q = impl_->sql(
      "SELECT o.order_no, a.attempt_no, o.doc_type, o.city, COALESCE(a.quarantine_cause, ''), "
      "COALESCE(a.quarantined_at, ''), "
      "a.analysis_starts, a.analysis_starts - a.analysis_finishes "
      "FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.status = 'quarantined' ORDER BY a.quarantined_at, "
      "a.id");
  std::vector<QuarantineRow> rows;
  while (q->step()) {
    QuarantineRow r;
    r.order_no = q->text(0);
    r.attempt_no = int(q->int64(1));
    r.doc_type = q->text(2);
    r.city = q->text(3);
    r.cause = q->text(4);
    r.quarantined_at = q->text(5);
    r.starts = int(q->int64(6));
    r.unfinished = int(q->int64(7));
    rows.push_back(std::move(r));
  }
  return rows;
}

QuarantineRow Store::release_quarantined(const accounts::Actor& actor, const std::string& order_no) {
  require_role(actor, accounts::Role::Supervisor, "releasing a quarantined order");
  const std::string& by = actor.name();
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  std::int64_t attempt_id = 0;
  QuarantineRow row;
  {
    auto q =
        sql("SELECT a.id, a.attempt_no, a.status, o.doc_type, o.city, COALESCE(a.quarantine_cause, ''), "
            "COALESCE(a.quarantined_at, ''), a.analysis_starts, a.analysis_starts - a.analysis_finishes "
            "FROM orders o JOIN attempts a ON a.order_id = o.id WHERE o.order_no = ?1 "
            "ORDER BY a.status = 'quarantined' DESC, a.attempt_no DESC LIMIT 1");
    q->bind(1, order_no);
    if (!q->step())
      throw Refusal(Refusal::Why::UnknownOrder, "order " + order_no + " is unknown; nothing was released");
    if (q->text(2) != "quarantined")
      throw Refusal(Refusal::Why::NotQuarantined, "order " + order_no + " is not quarantined (its attempt " +
                                                      std::to_string(q->int64(1)) + " is " + q->text(2) +
                                                      "); nothing was released");
    attempt_id = q->int64(0);
    row = {order_no,   int(q->int64(1)), q->text(3),       q->text(4),
           q->text(5), q->text(6),       int(q->int64(7)), int(q->int64(8))};
  }
  // Back at its old place in the queue (submission time and priority are untouched), with a clean
  // count: the release says the cause was fixed.
  sql("UPDATE attempts SET status = 'pending', analysis_starts = 0, analysis_finishes = 0, analysis_started_by = NULL, "
      "quarantined_at = NULL, quarantine_cause = NULL, lease_owner = NULL, lease_expires_ms = NULL, lease_token = NULL "
      "WHERE id = ?1")
      ->bind(1, attempt_id)
      .run();
  impl_->audit(by, "release_quarantine", order_no,
               json{{"attempt_id", attempt_id},
                    {"attempt", row.attempt_no},
                    {"quarantined_at", row.quarantined_at},
                    {"starts", row.starts},
                    {"cause", row.cause}}
                   .dump());
  tx.commit();
  return row;
}

}  // namespace rs::store
