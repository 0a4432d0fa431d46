// `audit verify` for overturns: each overturn (its reasons, the number it revoked or issued, the
// notice it sent or voided) written again from the tables and compared with its "overturn" row,
// rows that record an overturn the tables no longer have, and notices of kind 'overturn' that no
// overturn names. Overturns began after the log's form 2 (migration 011): every one has a row of
// form 2 that names its id first.
#include <map>

#include "core/audit/chain.hpp"
#include "core/audit/records.hpp"
#include "core/store/store_audit.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
namespace {
using Problem = Store::AuditProblem;

// Every overturn with what the tables hold of it now, in id order. Joined only to rows that are
// its own (the number and notice of its attempt), so a row moved elsewhere shows as a difference.
class OverturnRows {
 public:
  explicit OverturnRows(StatementCache& sql)
      : sql_(sql),
        q_(sql("SELECT v.id, v.decision_id, v.attempt_id, o.order_no, a.attempt_no, v.from_decision, v.to_decision, "
               "v.supervisor, v.justification, v.other_text, v.overturned_at, v.overturned_ms, "
               "COALESCE(v.revoked_number, ''), r.revoked_at, r.revoked_by, r.revoked_reason, "
               "n.id, n.token_sha256, n.body_json, n.issued_at, "
               "COALESCE(v.image_number, ''), i.doc_group, i.city_letter, i.issue_date, i.expires_on, "
               "v.voided_notice_id, "
               // what the overturned decision says: it must be the one turned round
               "d.id IS NULL OR d.attempt_id IS NOT v.attempt_id OR d.decision IS NOT v.from_decision OR "
               "(v.from_decision = 'approved' AND d.image_number IS NOT v.revoked_number) OR "
               "(v.voided_notice_id IS NOT NULL AND v.voided_notice_id IS NOT (SELECT m.id FROM notices m WHERE "
               "m.decision_id = v.decision_id AND m.kind = 'rejection' ORDER BY m.id LIMIT 1)) "
               "FROM overturns v LEFT JOIN attempts a ON a.id = v.attempt_id LEFT JOIN orders o ON o.id = a.order_id "
               "LEFT JOIN decisions d ON d.id = v.decision_id "
               "LEFT JOIN image_numbers r ON r.number = v.revoked_number AND r.attempt_id = v.attempt_id "
               "LEFT JOIN notices n ON n.id = v.notice_id AND n.kind = 'overturn' AND n.attempt_id = v.attempt_id "
               "LEFT JOIN image_numbers i ON i.number = v.image_number AND i.attempt_id = v.attempt_id "
               "AND i.decision_id = v.decision_id ORDER BY v.id")) {}

  bool next() {
    if (!q_->step()) return false;
    read(*q_);
    return true;
  }
  const audit::OverturnFacts& facts() const { return f_; }
  bool names_another_decision() const { return names_another_; }
  std::string name() const {
    return "overturn " + std::to_string(f_.overturn_id) + " (order " + f_.order_no + " attempt " +
           std::to_string(f_.attempt_no) + ")";
  }

 private:
  void read(Statement& q) {
    f_ = {};
    f_.overturn_id = q.int64(0);
    f_.decision_id = q.int64(1);
    f_.attempt_id = q.int64(2);
    f_.order_no = q.text(3);
    f_.attempt_no = q.int64(4);
    f_.from_decision = q.text(5);
    f_.to_decision = q.text(6);
    f_.supervisor = q.text(7);
    f_.justification = q.text(8);
    f_.other_text = q.text_or_null(9);
    f_.overturned_at = q.text(10);
    f_.overturned_ms = q.int64(11);
    f_.revoked_number = q.text(12);
    f_.revoked_at = q.text(13);
    f_.revoked_by = q.text(14);
    f_.revoked_reason = q.text(15);
    f_.notice_id = q.int64_or_null(16);
    f_.notice_token_sha256 = q.text(17);
    f_.notice_body_sha256 = q.is_null(18) ? std::string() : sha256_hex(q.text(18));
    f_.notice_issued_at = q.text(19);
    f_.image_number = q.text(20);
    f_.doc_group = q.text(21);
    f_.city_letter = q.text(22);
    f_.issue_date = q.text(23);
    f_.expires_on = q.text(24);
    f_.voided_notice_id = q.int64_or_null(25);
    names_another_ = q.int64(26) != 0;
    auto reasons = sql_("SELECT code FROM overturn_reasons WHERE overturn_id = ?1 ORDER BY position");
    reasons->bind(1, f_.overturn_id);
    while (reasons->step()) f_.reasons.push_back(reasons->text(0));
  }
  StatementCache& sql_;
  ScopedStatement q_;
  audit::OverturnFacts f_;
  bool names_another_ = false;
};

// The "overturn" rows by the overturn each names; a problem for a row that names none or repeats one.
std::optional<Problem> logged_by_id(const WalkedChain& chain, std::map<std::int64_t, const LoggedRow*>& out) {
  for (const auto& row : chain.overturns) {
    const auto id = row.form == audit::kForm ? audit::leading_id(row.detail, "overturn_id") : std::nullopt;
    if (!id) return audit_mismatch(row.row, audit_row_name(row.row) + " does not name the overturn it records");
    if (!out.emplace(*id, &row).second)
      return audit_mismatch(
          row.row, audit_row_name(row.row) + " records overturn " + std::to_string(*id) + " a second time: inserted");
  }
  return std::nullopt;
}
}  // namespace

std::optional<Problem> check_overturns(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked) {
  std::map<std::int64_t, const LoggedRow*> logged;
  if (auto p = logged_by_id(chain, logged)) return p;
  OverturnRows overturns(sql);
  while (overturns.next()) {
    const auto& f = overturns.facts();
    const auto it = logged.find(f.overturn_id);
    if (it == logged.end())
      return audit_mismatch(0,
                            overturns.name() + " has no audit row: it was added without one, or its row was deleted");
    const LoggedRow& row = *it->second;
    const auto detail = audit::overturn_detail(f);
    if (auto difference = logged_difference(row, detail, detail, f.supervisor, f.order_no))
      return audit_mismatch(row.row,
                            overturns.name() + " does not match " + audit_row_name(row.row) + ": " + *difference);
    if (overturns.names_another_decision())
      return audit_mismatch(row.row, overturns.name() + " does not match decision " + std::to_string(f.decision_id) +
                                         ": its attempt, outcome, number or rejection notice is another's");
    logged.erase(it);
    ++checked;
  }
  if (!logged.empty()) {
    const auto& [id, row] = *logged.begin();
    return audit_mismatch(row->row, audit_row_name(row->row) + " records overturn " + std::to_string(id) + " (" +
                                        row->subject + "), which is missing from the tables: deleted");
  }
  auto q =
      sql("SELECT n.id FROM notices n WHERE n.kind = 'overturn' AND NOT EXISTS (SELECT 1 FROM overturns v "
          "WHERE v.notice_id = n.id) LIMIT 1");
  if (q->step())
    return audit_mismatch(0, "overturn notice " + std::to_string(q->int64(0)) +
                                 " is named by no overturn: inserted, or its overturn was deleted");
  return std::nullopt;
}

}  // namespace rs::store
