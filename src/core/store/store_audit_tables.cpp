// The table checks after the pairs (store_audit_pairs.cpp): each revocation against its "revoke"
// row, the rows no audit row speaks for (an image number, a notice or a used token without its
// event), and the attempts' status.
#include <map>
#include <set>

#include "core/audit/chain.hpp"
#include "core/audit/records.hpp"
#include "core/store/store_audit.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
namespace {
using Problem = Store::AuditProblem;

// ---- revocations ----
// The revocation notice a form-2 row names, as the tables hold it (only when it is that attempt's
// revocation notice).
void read_revocation_notice(StatementCache& sql, const LoggedRow& row, audit::RevocationFacts& f) {
  const auto notice_id = logged_number(row, "notice_id");
  if (!notice_id) return;
  auto q =
      sql("SELECT id, token_sha256, body_json, issued_at FROM notices WHERE id = ?1 AND attempt_id = ?2 "
          "AND kind = 'revocation'");
  q->bind(1, *notice_id).bind(2, f.attempt_id);
  if (!q->step()) return;
  f.notice_id = q->int64(0);
  f.notice_token_sha256 = q->text(1);
  f.notice_body_sha256 = sha256_hex(q->text(2));
  f.notice_issued_at = q->text(3);
}

std::optional<Problem> check_revocations(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked) {
  std::map<std::string, const LoggedRow*> by_number;
  for (const auto& row : chain.revocations)
    if (auto number = logged_text(row, "image_number")) by_number.emplace(*number, &row);
  auto q =
      sql("SELECT i.number, i.decision_id, i.attempt_id, COALESCE(i.revoked_at, ''), COALESCE(i.revoked_by, ''), "
          "COALESCE(i.revoked_reason, ''), COALESCE(o.order_no, '') FROM image_numbers i "
          "LEFT JOIN attempts a ON a.id = i.attempt_id LEFT JOIN orders o ON o.id = a.order_id "
          "WHERE (i.revoked_at IS NOT NULL OR i.revoked_by IS NOT NULL OR i.revoked_reason IS NOT NULL) "
          "AND NOT EXISTS (SELECT 1 FROM overturns v WHERE v.revoked_number = i.number)");
  while (q->step()) {
    audit::RevocationFacts f;
    f.image_number = q->text(0);
    f.decision_id = q->int64(1);
    f.attempt_id = q->int64(2);
    f.revoked_at = q->text(3);
    f.revoked_by = q->text(4);
    f.reason = q->text(5);
    const std::string order_no = q->text(6);
    const auto it = by_number.find(f.image_number);
    if (it == by_number.end())
      return audit_mismatch(
          0, "image number " + f.image_number + " is revoked in the tables, but no audit row records it");
    const LoggedRow& row = *it->second;
    if (row.form == audit::kForm) read_revocation_notice(sql, row, f);
    if (auto difference = logged_difference(row, audit::revocation_detail(f), audit::legacy_revocation_detail(f),
                                            f.revoked_by, order_no))
      return audit_mismatch(row.row, "the revocation of " + f.image_number + " does not match " +
                                         audit_row_name(row.row) + ": " + *difference);
    by_number.erase(it);
    ++checked;
  }
  if (!by_number.empty()) {
    const auto& [number, row] = *by_number.begin();
    return audit_mismatch(row->row, audit_row_name(row->row) + " records the revocation of " + number +
                                        ", but the tables show that number not revoked");
  }
  return std::nullopt;
}

// ---- rows that no audit row speaks for ----
std::optional<Problem> check_unlogged_rows(StatementCache& sql, const WalkedChain& chain) {
  {
    auto q =
        sql("SELECT i.number FROM image_numbers i LEFT JOIN decisions d ON d.id = i.decision_id "
            "WHERE d.id IS NULL OR d.attempt_id IS NOT i.attempt_id OR (d.image_number IS NOT i.number AND NOT "
            "EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id AND v.image_number = i.number)) LIMIT 1");
    if (q->step())
      return audit_mismatch(0,
                            "image number " + q->text(0) +
                                " is not the number of the decision it names nor of its overturn: inserted, or moved "
                                "to another decision");
  }
  {
    auto q =
        sql("SELECT n.id, COALESCE(n.decision_id, 0) FROM notices n LEFT JOIN decisions d ON d.id = n.decision_id "
            "WHERE n.kind = 'rejection' AND (d.id IS NULL OR d.decision IS NOT 'rejected' OR EXISTS (SELECT 1 FROM "
            "notices m WHERE m.decision_id = n.decision_id AND m.kind = 'rejection' AND m.id < n.id)) LIMIT 1");
    if (q->step())
      return audit_mismatch(0, "notice " + std::to_string(q->int64(0)) +
                                   " is not the one rejection notice of decision " + std::to_string(q->int64(1)) +
                                   ": inserted, or moved");
  }
  {
    std::set<std::int64_t> named;
    for (const auto& row : chain.revocations)
      if (auto id = logged_number(row, "notice_id")) named.insert(*id);
    auto q = sql("SELECT id FROM notices WHERE kind = 'revocation' AND id > ?1 ORDER BY id");
    q->bind(1, chain.marks.notices);
    while (q->step())
      if (!named.count(q->int64(0)))
        return audit_mismatch(
            0, "revocation notice " + std::to_string(q->int64(0)) + " has no revoke row in the audit log: inserted");
  }
  {
    // A used token must have been used by the resubmission that followed its notice.
    auto q =
        sql("SELECT n.id FROM notices n LEFT JOIN attempts a ON a.id = n.used_by_attempt_id "
            "WHERE (n.used_at IS NOT NULL OR n.used_by_attempt_id IS NOT NULL) "
            "AND (a.id IS NULL OR a.previous_attempt_id IS NOT n.attempt_id) LIMIT 1");
    if (q->step())
      return audit_mismatch(
          0, "notice " + std::to_string(q->int64(0)) + " is marked used, but no resubmission of its attempt used it");
  }
  return std::nullopt;
}

// An attempt's status follows from its decision, its overturn and its number's revocation; an
// order has a first attempt.
std::optional<Problem> check_statuses(StatementCache& sql) {
  {
    // An overturn's outcome replaces the decision's, and its number (to an approval) the decision's.
    auto q = sql(
        "SELECT o.order_no, a.attempt_no, a.status FROM attempts a JOIN orders o ON o.id = a.order_id "
        "LEFT JOIN decisions d ON d.attempt_id = a.id LEFT JOIN overturns v ON v.decision_id = d.id "
        "LEFT JOIN image_numbers i ON i.number = CASE WHEN v.id IS NULL THEN d.image_number ELSE v.image_number END "
        "WHERE CASE WHEN d.id IS NULL THEN a.status IS NOT 'pending' AND a.status IS NOT 'quarantined' "
        "WHEN v.to_decision = 'rejected' THEN a.status IS NOT 'rejected' "
        "WHEN i.revoked_at IS NOT NULL THEN a.status IS NOT 'revoked' "
        "ELSE a.status IS NOT COALESCE(v.to_decision, d.decision) END "
        "LIMIT 1");
    if (q->step())
      return audit_mismatch(0, "order " + q->text(0) + " attempt " + std::to_string(q->int64(1)) + " has status '" +
                                   q->text(2) + "', which its decision, overturn and revocation rows do not give");
  }
  auto q =
      sql("SELECT o.order_no FROM orders o WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.order_id = o.id AND "
          "a.attempt_no = 1) LIMIT 1");
  if (q->step())
    return audit_mismatch(0, "order " + q->text(0) + " has no first attempt: inserted without its enqueue row");
  return std::nullopt;
}
}  // namespace

std::optional<Store::AuditProblem> check_tables_against_log(StatementCache& sql, const WalkedChain& chain,
                                                            Store::AuditReport& report) {
  if (auto p = check_decisions(sql, chain.marks, chain.last_id, report.decisions)) return p;
  if (auto p = check_attempts(sql, chain.marks, chain.last_id, report.attempts)) return p;
  if (auto p = check_revocations(sql, chain, report.revocations)) return p;
  if (auto p = check_overturns(sql, chain, report.overturns)) return p;
  if (auto p = check_second_reviews(sql, chain, report.second_reviews)) return p;
  if (auto p = check_accounts(sql, chain, report.accounts)) return p;
  if (auto p = check_training(sql, chain, report.training)) return p;
  if (auto p = check_gold(sql, chain, report.gold)) return p;
  if (auto p = check_unlogged_rows(sql, chain)) return p;
  return check_statuses(sql);
}

}  // namespace rs::store
