// The tables checked against the audit log, after the chain walk found the rows themselves intact:
// each decision (with its reasons, image number and rejection notice) against its "decide" row,
// each attempt (and its order, and the notice a resubmission used) against its "enqueue" or
// "resubmit" row, each revocation against its "revoke" row; then the rows no audit row speaks
// for (an image number, a notice or a used token without its event) and the attempts' status.
//
// Rows of form 2 name their entity's id first in the detail and record every column that matters,
// so the detail is written again from the tables and must come out the same bytes. Rows of form 1
// (before migration 009) recorded less and no id: they are paired in order with the entities up to
// the switch row's marks and compared on what they hold.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/audit/chain.hpp"
#include "core/audit/records.hpp"
#include "core/store/store_audit.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
namespace {
using Problem = Store::AuditProblem;

Problem mismatch(std::int64_t row, std::string what) { return {row, "mismatch", std::move(what)}; }
std::string row_name(std::int64_t row) { return "audit row " + std::to_string(row); }

// Form 2: the same bytes (or, should the bytes differ, the same values); form 1: the same values
// for every field the old row has.
std::optional<std::string> compare_detail(const LoggedRow& row, const std::string& rebuilt,
                                          const std::string& legacy_rebuilt) {
  if (row.form == audit::kForm && row.detail == rebuilt) return std::nullopt;
  return audit::detail_difference(row.detail, row.form == audit::kForm ? rebuilt : legacy_rebuilt);
}

std::optional<std::string> compare_names(const LoggedRow& row, const std::string& actor, const std::string& subject) {
  if (row.actor != actor) return "actor: \"" + actor + "\" in the tables, \"" + row.actor + "\" in the log";
  if (row.subject != subject) return "subject: \"" + subject + "\" in the tables, \"" + row.subject + "\" in the log";
  return std::nullopt;
}

// Pairs the entities of one table (ascending id) with their audit rows (ascending id).
struct Pairing {
  std::string_view id_key;   // the id a form-2 detail starts with
  std::string_view what;     // "decision", "attempt"
  std::int64_t legacy_mark;  // ids up to it have rows of form 1
  std::function<std::optional<LoggedRow>()> next_row;
  std::function<bool()> next_entity;  // false after the last
  std::function<std::int64_t()> entity_id;
  std::function<std::string()> entity_name;
  std::function<std::optional<std::string>(const LoggedRow&)> compare;
};

std::optional<Problem> pair_up(const Pairing& p, std::int64_t& checked) {
  const std::string what(p.what);
  std::optional<LoggedRow> row = p.next_row();
  bool have = p.next_entity();
  for (; row || have; row = p.next_row(), have = p.next_entity(), ++checked) {
    if (!row)
      return mismatch(0, p.entity_name() + " has no audit row: it was added without one, or its row was deleted");
    if (row->form == audit::kForm) {
      const auto logged = audit::leading_id(row->detail, p.id_key);
      if (!logged) return mismatch(row->row, row_name(row->row) + " does not name the " + what + " it records");
      if (!have || *logged < p.entity_id())
        return mismatch(row->row, row_name(row->row) + " records " + what + " " + std::to_string(*logged) + " (" +
                                      row->subject + "), which is missing from the tables: deleted");
      if (*logged > p.entity_id())
        return mismatch(row->row, p.entity_name() + " has no audit row: it was added without one (the next row, " +
                                      std::to_string(row->row) + ", records " + what + " " + std::to_string(*logged) +
                                      ")");
    } else if (!have || p.entity_id() > p.legacy_mark) {
      return mismatch(row->row, row_name(row->row) + " (old form) records a " + what + " of " + row->subject +
                                    " that is missing from the tables: deleted");
    }
    if (auto difference = p.compare(*row))
      return mismatch(row->row, p.entity_name() + " does not match " + row_name(row->row) + ": " + *difference);
  }
  return std::nullopt;
}

// Audit rows of some actions, in id order.
class LoggedRows {
 public:
  LoggedRows(StatementCache& sql, bool submissions)
      : q_(submissions ? sql("SELECT id, form, actor, subject, detail FROM audit_log "
                             "WHERE action = 'enqueue' OR action = 'resubmit' ORDER BY id")
                       : sql("SELECT id, form, actor, subject, detail FROM audit_log WHERE action = 'decide' "
                             "ORDER BY id")) {}
  std::optional<LoggedRow> next() {
    if (!q_->step()) return std::nullopt;
    return LoggedRow{q_->int64(0), int(q_->int64(1)), q_->text(2), q_->text(3), q_->text(4)};
  }

 private:
  ScopedStatement q_;
};

// ---- decisions ----
class DecisionRows {
 public:
  explicit DecisionRows(StatementCache& sql)
      : sql_(sql),
        q_(sql("SELECT d.id, d.attempt_id, o.order_no, a.attempt_no, d.decision, d.reviewer, d.workstation, "
               "d.lease_token, d.shown_at, d.decided_at, d.decided_ms, d.review_ms, d.findings_json, d.other_text, "
               "d.image_number, i.doc_group, i.city_letter, i.issue_date, i.expires_on, n.id, n.token_sha256, "
               "n.body_json, n.issued_at "
               "FROM decisions d LEFT JOIN attempts a ON a.id = d.attempt_id LEFT JOIN orders o ON o.id = a.order_id "
               "LEFT JOIN image_numbers i ON i.number = d.image_number "
               "LEFT JOIN notices n ON n.decision_id = d.id AND n.kind = 'rejection' ORDER BY d.id")) {}

  bool next() {
    const std::int64_t last = f_.decision_id;
    do {  // a second rejection notice of one decision is reported by check_notices
      if (!q_->step()) return false;
    } while (q_->int64(0) == last);
    read();
    return true;
  }
  const audit::DecisionFacts& facts() const { return f_; }
  std::string name() const {
    return "decision " + std::to_string(f_.decision_id) + " (order " + f_.order_no + " attempt " +
           std::to_string(f_.attempt_no) + ")";
  }

 private:
  void read() {
    Statement& q = *q_;
    f_ = {};
    f_.decision_id = q.int64(0);
    f_.attempt_id = q.int64(1);
    f_.order_no = q.text(2);
    f_.attempt_no = q.int64(3);
    f_.decision = q.text(4);
    f_.reviewer = q.text(5);
    f_.workstation = q.text(6);
    f_.lease_token = q.int64(7);
    f_.shown_at = q.text_or_null(8);
    f_.decided_at = q.text(9);
    f_.decided_ms = q.int64(10);
    f_.review_ms = q.int64(11);
    f_.findings_sha256 = sha256_hex(q.text(12));
    f_.other_text = q.text_or_null(13);
    f_.image_number = q.text_or_null(14).value_or("");
    f_.doc_group = q.text(15);
    f_.city_letter = q.text(16);
    f_.issue_date = q.text(17);
    f_.expires_on = q.text(18);
    f_.notice_id = q.int64_or_null(19);
    f_.notice_token_sha256 = q.text(20);
    f_.notice_body_sha256 = q.is_null(21) ? std::string() : sha256_hex(q.text(21));
    f_.notice_issued_at = q.text(22);
    auto reasons = sql_("SELECT code FROM decision_reasons WHERE decision_id = ?1 ORDER BY position");
    reasons->bind(1, f_.decision_id);
    while (reasons->step()) f_.reasons.push_back(reasons->text(0));
  }
  StatementCache& sql_;
  ScopedStatement q_;
  audit::DecisionFacts f_;
};

std::optional<Problem> check_decisions(StatementCache& sql, const FormMarks& marks, std::int64_t& checked) {
  LoggedRows rows(sql, false);
  DecisionRows decisions(sql);
  const auto& f = decisions.facts();
  return pair_up({"decision_id", "decision", marks.decisions, [&] { return rows.next(); },
                  [&] { return decisions.next(); }, [&] { return f.decision_id; }, [&] { return decisions.name(); },
                  [&](const LoggedRow& row) -> std::optional<std::string> {
                    if (auto d = compare_detail(row, audit::decision_detail(f), audit::legacy_decision_detail(f)))
                      return d;
                    return compare_names(row, f.reviewer, f.order_no);
                  }},
                 checked);
}

// ---- attempts, their orders, and the notices resubmissions used ----
class AttemptRows {
 public:
  explicit AttemptRows(StatementCache& sql)
      : sql_(sql),
        q_(sql("SELECT a.id, a.order_id, o.order_no, a.attempt_no, p.sha256, a.submitted_at, a.submitted_ms, "
               "a.priority, o.applicant_name, o.id_number, o.doc_type, o.city, o.city_letter, o.channel, "
               "a.previous_attempt_id, pa.attempt_no "
               "FROM attempts a LEFT JOIN orders o ON o.id = a.order_id LEFT JOIN photos p ON p.id = a.photo_id "
               "LEFT JOIN attempts pa ON pa.id = a.previous_attempt_id ORDER BY a.id")) {}

  bool next() {
    if (!q_->step()) return false;
    Statement& q = *q_;
    f_ = {};
    f_.attempt_id = q.int64(0);
    f_.order_id = q.int64(1);
    f_.order_no = q.text(2);
    f_.attempt_no = q.int64(3);
    f_.photo_sha256 = q.text(4);
    f_.submitted_at = q.text(5);
    f_.submitted_ms = q.int64(6);
    f_.priority = q.int64(7);
    f_.applicant_sha256 = audit::applicant_digest(q.text(8), q.text(9));
    f_.doc_type = q.text(10);
    f_.city = q.text(11);
    f_.city_letter = q.text(12);
    f_.channel = q.text(13);
    f_.previous_attempt_id = q.int64_or_null(14);
    f_.previous_attempt_no = q.int64_or_null(15);
    return true;
  }
  // A resubmission's row names the notice whose token it used; the tables must show that notice
  // used by this attempt, at the time logged.
  const audit::SubmissionFacts& facts_for(const LoggedRow& row) {
    if (!f_.previous_attempt_id || row.form != audit::kForm) return f_;
    const auto j = nlohmann::json::parse(row.detail, nullptr, false);
    const auto it = j.is_object() ? j.find("notice_id") : j.end();
    if (it == j.end() || !it->is_number_integer()) return f_;
    auto q = sql_("SELECT id, used_at FROM notices WHERE id = ?1 AND used_by_attempt_id = ?2");
    q->bind(1, it->get<std::int64_t>()).bind(2, f_.attempt_id);
    if (q->step()) {
      f_.notice_id = q->int64(0);
      f_.notice_used_at = q->text_or_null(1).value_or("");
    }
    return f_;
  }
  std::int64_t id() const { return f_.attempt_id; }
  std::string name() const {
    return "attempt " + std::to_string(f_.attempt_id) + " (order " + f_.order_no + " attempt " +
           std::to_string(f_.attempt_no) + ")";
  }

 private:
  StatementCache& sql_;
  ScopedStatement q_;
  audit::SubmissionFacts f_;
};

std::optional<Problem> check_attempts(StatementCache& sql, const FormMarks& marks, std::int64_t& checked) {
  LoggedRows rows(sql, true);
  AttemptRows attempts(sql);
  return pair_up({"attempt_id", "attempt", marks.attempts, [&] { return rows.next(); }, [&] { return attempts.next(); },
                  [&] { return attempts.id(); }, [&] { return attempts.name(); },
                  [&](const LoggedRow& row) -> std::optional<std::string> {
                    const auto& f = attempts.facts_for(row);
                    if (auto d = compare_detail(row, audit::submission_detail(f), audit::legacy_submission_detail(f)))
                      return d;
                    return compare_names(row, f.previous_attempt_id ? "applicant" : "intake", f.order_no);
                  }},
                 checked);
}

// ---- revocations ----
std::optional<std::string> logged_text(const LoggedRow& row, const char* key) {
  const auto j = nlohmann::json::parse(row.detail, nullptr, false);
  const auto it = j.is_object() ? j.find(key) : j.end();
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::int64_t> logged_number(const LoggedRow& row, const char* key) {
  const auto j = nlohmann::json::parse(row.detail, nullptr, false);
  const auto it = j.is_object() ? j.find(key) : j.end();
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

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
          "WHERE i.revoked_at IS NOT NULL OR i.revoked_by IS NOT NULL OR i.revoked_reason IS NOT NULL");
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
      return mismatch(0, "image number " + f.image_number + " is revoked in the tables, but no audit row records it");
    const LoggedRow& row = *it->second;
    if (row.form == audit::kForm) read_revocation_notice(sql, row, f);
    auto difference = compare_detail(row, audit::revocation_detail(f), audit::legacy_revocation_detail(f));
    if (!difference) difference = compare_names(row, f.revoked_by, order_no);
    if (difference)
      return mismatch(
          row.row, "the revocation of " + f.image_number + " does not match " + row_name(row.row) + ": " + *difference);
    by_number.erase(it);
    ++checked;
  }
  if (!by_number.empty()) {
    const auto& [number, row] = *by_number.begin();
    return mismatch(row->row, row_name(row->row) + " records the revocation of " + number +
                                  ", but the tables show that number not revoked");
  }
  return std::nullopt;
}

// ---- rows that no audit row speaks for ----
std::optional<Problem> check_unlogged_rows(StatementCache& sql, const WalkedChain& chain) {
  {
    auto q =
        sql("SELECT i.number FROM image_numbers i LEFT JOIN decisions d ON d.id = i.decision_id "
            "WHERE d.id IS NULL OR d.image_number IS NOT i.number OR d.attempt_id IS NOT i.attempt_id LIMIT 1");
    if (q->step())
      return mismatch(0, "image number " + q->text(0) +
                             " is not the number of the decision it names: inserted, or moved to another decision");
  }
  {
    auto q =
        sql("SELECT n.id, COALESCE(n.decision_id, 0) FROM notices n LEFT JOIN decisions d ON d.id = n.decision_id "
            "WHERE n.kind = 'rejection' AND (d.id IS NULL OR d.decision IS NOT 'rejected' OR EXISTS (SELECT 1 FROM "
            "notices m WHERE m.decision_id = n.decision_id AND m.kind = 'rejection' AND m.id < n.id)) LIMIT 1");
    if (q->step())
      return mismatch(0, "notice " + std::to_string(q->int64(0)) + " is not the one rejection notice of decision " +
                             std::to_string(q->int64(1)) + ": inserted, or moved");
  }
  {
    std::set<std::int64_t> named;
    for (const auto& row : chain.revocations)
      if (auto id = logged_number(row, "notice_id")) named.insert(*id);
    auto q = sql("SELECT id FROM notices WHERE kind = 'revocation' AND id > ?1 ORDER BY id");
    q->bind(1, chain.marks.notices);
    while (q->step())
      if (!named.count(q->int64(0)))
        return mismatch(
            0, "revocation notice " + std::to_string(q->int64(0)) + " has no revoke row in the audit log: inserted");
  }
  {
    // A used token must have been used by the resubmission that followed its notice.
    auto q =
        sql("SELECT n.id FROM notices n LEFT JOIN attempts a ON a.id = n.used_by_attempt_id "
            "WHERE (n.used_at IS NOT NULL OR n.used_by_attempt_id IS NOT NULL) "
            "AND (a.id IS NULL OR a.previous_attempt_id IS NOT n.attempt_id) LIMIT 1");
    if (q->step())
      return mismatch(
          0, "notice " + std::to_string(q->int64(0)) + " is marked used, but no resubmission of its attempt used it");
  }
  return std::nullopt;
}

// An attempt's status follows from its decision and revocation; an order has a first attempt.
std::optional<Problem> check_statuses(StatementCache& sql) {
  {
    auto q =
        sql("SELECT o.order_no, a.attempt_no, a.status FROM attempts a JOIN orders o ON o.id = a.order_id "
            "LEFT JOIN decisions d ON d.attempt_id = a.id LEFT JOIN image_numbers i ON i.number = d.image_number "
            "WHERE CASE WHEN d.id IS NULL THEN a.status IS NOT 'pending' AND a.status IS NOT 'quarantined' "
            "WHEN i.revoked_at IS NOT NULL THEN a.status IS NOT 'revoked' ELSE a.status IS NOT d.decision END "
            "LIMIT 1");
    if (q->step())
      return mismatch(0, "order " + q->text(0) + " attempt " + std::to_string(q->int64(1)) + " has status '" +
                             q->text(2) + "', which its decision and revocation rows do not give");
  }
  auto q =
      sql("SELECT o.order_no FROM orders o WHERE NOT EXISTS (SELECT 1 FROM attempts a WHERE a.order_id = o.id AND "
          "a.attempt_no = 1) LIMIT 1");
  if (q->step()) return mismatch(0, "order " + q->text(0) + " has no first attempt: inserted without its enqueue row");
  return std::nullopt;
}
}  // namespace

std::optional<Store::AuditProblem> check_tables_against_log(StatementCache& sql, const WalkedChain& chain,
                                                            Store::AuditReport& report) {
  if (auto p = check_decisions(sql, chain.marks, report.decisions)) return p;
  if (auto p = check_attempts(sql, chain.marks, report.attempts)) return p;
  if (auto p = check_revocations(sql, chain, report.revocations)) return p;
  if (auto p = check_unlogged_rows(sql, chain)) return p;
  return check_statuses(sql);
}

}  // namespace rs::store
