// Each decision (with its reasons, image number and rejection notice) paired with its "decide"
// row, and each attempt (with its order, and the notice a resubmission used) with its "enqueue" or
// "resubmit" row; store_audit_tables.cpp has the rest of the table checks.
//
// Rows of form 2 name their entity's id first in the detail and record every column that matters,
// so the detail is written again from the tables and must come out the same bytes. Rows of form 1
// (before migration 009) recorded less and no id: they are paired in order with the entities up to
// the switch row's marks and compared on what they hold.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/audit/chain.hpp"
#include "core/audit/records.hpp"
#include "core/domain/screen_record.hpp"
#include "core/store/store_audit.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
using Problem = Store::AuditProblem;

Problem audit_mismatch(std::int64_t row, std::string what) { return {row, "mismatch", std::move(what)}; }
std::string audit_row_name(std::int64_t row) { return "audit row " + std::to_string(row); }

std::optional<std::string> logged_difference(const LoggedRow& row, const std::string& rebuilt,
                                             const std::string& legacy_rebuilt, const std::string& actor,
                                             const std::string& subject) {
  // Form 2: the same bytes (or, should the bytes differ, the same values); form 1: the same values
  // for every field the old row has.
  if (row.form != audit::kForm || row.detail != rebuilt)
    if (auto d = audit::detail_difference(row.detail, row.form == audit::kForm ? rebuilt : legacy_rebuilt)) return d;
  if (row.actor != actor) return "actor: \"" + actor + "\" in the tables, \"" + row.actor + "\" in the log";
  if (row.subject != subject) return "subject: \"" + subject + "\" in the tables, \"" + row.subject + "\" in the log";
  return std::nullopt;
}

// A field of a logged detail (revocations and resubmissions are few: parsed whole).
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

namespace {
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

// Pairs entities and rows. A form-2 row names its entity, and may come a little before an entity
// with a lower id: on PostgreSQL a decision's id is drawn before its transaction waits for the
// chain's lock, so two decisions committing together can log in either order. Such rows wait in
// `early` until their entity comes; one left behind there records an entity that is gone.
class Pairer {
 public:
  Pairer(const Pairing& p, std::int64_t& checked) : p_(p), what_(p.what), checked_(checked) {}

  std::optional<Problem> run() {
    while (p_.next_entity()) {
      if (auto problem = pair_entity()) return problem;
      ++checked_;
    }
    if (!early_.empty()) return deleted(early_.begin()->second, early_.begin()->first);
    if (auto row = p_.next_row()) {
      if (row->form != audit::kForm) return deleted_legacy(*row);
      const auto logged = audit::leading_id(row->detail, p_.id_key);
      return logged ? deleted(*row, *logged) : unnamed(*row);
    }
    return std::nullopt;
  }

 private:
  std::optional<Problem> pair_entity() {
    const std::int64_t id = p_.entity_id();
    if (!early_.empty() && early_.begin()->first < id) return deleted(early_.begin()->second, early_.begin()->first);
    if (auto it = early_.find(id); it != early_.end()) {
      const LoggedRow row = std::move(it->second);
      early_.erase(it);
      return compare(row);
    }
    while (auto row = p_.next_row()) {
      if (row->form != audit::kForm) {  // old rows pair in order, up to the switch's mark
        if (id > p_.legacy_mark) return deleted_legacy(*row);
        return compare(*row);
      }
      const auto logged = audit::leading_id(row->detail, p_.id_key);
      if (!logged) return unnamed(*row);
      if (*logged < id) return deleted(*row, *logged);
      if (*logged == id) return compare(*row);
      early_.emplace(*logged, std::move(*row));
    }
    if (early_.empty())
      return audit_mismatch(0,
                            p_.entity_name() + " has no audit row: it was added without one, or its row was deleted");
    const auto& [next_id, next] = *early_.begin();
    return audit_mismatch(next.row, p_.entity_name() + " has no audit row: it was added without one (the next row, " +
                                        std::to_string(next.row) + ", records " + what_ + " " +
                                        std::to_string(next_id) + ")");
  }

  std::optional<Problem> compare(const LoggedRow& row) {
    if (auto difference = p_.compare(row))
      return audit_mismatch(row.row,
                            p_.entity_name() + " does not match " + audit_row_name(row.row) + ": " + *difference);
    return std::nullopt;
  }
  Problem deleted(const LoggedRow& row, std::int64_t logged) {
    return audit_mismatch(row.row, audit_row_name(row.row) + " records " + what_ + " " + std::to_string(logged) + " (" +
                                       row.subject + "), which is missing from the tables: deleted");
  }
  Problem deleted_legacy(const LoggedRow& row) {
    return audit_mismatch(row.row, audit_row_name(row.row) + " (old form) records a " + what_ + " of " + row.subject +
                                       " that is missing from the tables: deleted");
  }
  Problem unnamed(const LoggedRow& row) {
    return audit_mismatch(row.row, audit_row_name(row.row) + " does not name the " + what_ + " it records");
  }

  const Pairing& p_;
  const std::string what_;
  std::int64_t& checked_;
  std::map<std::int64_t, LoggedRow> early_;
};

std::optional<Problem> pair_up(const Pairing& p, std::int64_t& checked) { return Pairer(p, checked).run(); }

// Audit rows of some actions, in id order: the chain's, then those still in the inbox
// (PostgreSQL) under the ids a seal would give them after last_id (store_audit.cpp).
class LoggedRows {
 public:
  LoggedRows(StatementCache& sql, bool submissions, std::int64_t last_id)
      : sql_(sql),
        submissions_(submissions),
        waiting_id_(last_id),
        q_(submissions ? sql("SELECT id, form, actor, subject, detail FROM audit_log "
                             "WHERE action = 'enqueue' OR action = 'resubmit' ORDER BY id")
                       : sql("SELECT id, form, actor, subject, detail FROM audit_log WHERE action = 'decide' "
                             "ORDER BY id")) {}
  std::optional<LoggedRow> next() {
    if (!waiting_) {
      if (q_->step()) return LoggedRow{q_->int64(0), int(q_->int64(1)), q_->text(2), q_->text(3), q_->text(4), {}};
      // The chain's statement is done before the inbox's starts: one at a time on a connection.
      waiting_.emplace(*sql_("SELECT action, actor, subject, detail FROM audit_inbox ORDER BY seq"));
    }
    Statement& w = **waiting_;
    while (w.step()) {
      ++waiting_id_;  // every row of the inbox takes an id, whatever its action
      if (wanted(w.text(0))) return LoggedRow{waiting_id_, audit::kForm, w.text(1), w.text(2), w.text(3), {}};
    }
    return std::nullopt;
  }

 private:
  bool wanted(const std::string& action) const {
    return submissions_ ? action == "enqueue" || action == "resubmit" : action == "decide";
  }
  StatementCache& sql_;
  const bool submissions_;
  std::int64_t waiting_id_;
  ScopedStatement q_;
  std::optional<ScopedStatement> waiting_;
};

// ---- decisions ----
class DecisionRows {
 public:
  explicit DecisionRows(StatementCache& sql)
      : sql_(sql),
        q_(sql("SELECT d.id, d.attempt_id, o.order_no, a.attempt_no, d.decision, d.reviewer, d.workstation, "
               "d.lease_token, d.shown_at, d.decided_at, d.decided_ms, d.review_ms, d.findings_json, d.other_text, "
               "d.image_number, i.doc_group, i.city_letter, i.issue_date, i.expires_on, n.id, n.token_sha256, "
               "n.body_json, n.issued_at, s.overlays, s.layers, s.flags, s.zoom, s.centre_x, s.centre_y "
               "FROM decisions d LEFT JOIN attempts a ON a.id = d.attempt_id LEFT JOIN orders o ON o.id = a.order_id "
               "LEFT JOIN image_numbers i ON i.number = d.image_number "
               "LEFT JOIN decision_screens s ON s.decision_id = d.id "
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
    if (!q.is_null(23)) {
      ScreenRecord s;
      s.overlays = std::uint32_t(q.int64(23));
      s.layers = std::uint32_t(q.int64(24));
      const std::int64_t flags = q.int64(25);
      s.mirrored = flags & 1;
      s.loupe = flags & 2;
      s.compare_previous = flags & 4;
      s.zoom = q.real(26);
      s.centre_x = q.real(27);
      s.centre_y = q.real(28);
      f_.screen = screen_record_text(s);
    }
    auto reasons = sql_("SELECT code FROM decision_reasons WHERE decision_id = ?1 ORDER BY position");
    reasons->bind(1, f_.decision_id);
    while (reasons->step()) f_.reasons.push_back(reasons->text(0));
  }
  StatementCache& sql_;
  ScopedStatement q_;
  audit::DecisionFacts f_;
};

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
    const auto notice_id = logged_number(row, "notice_id");
    if (!notice_id) return f_;
    auto q = sql_("SELECT id, used_at FROM notices WHERE id = ?1 AND used_by_attempt_id = ?2");
    q->bind(1, *notice_id).bind(2, f_.attempt_id);
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

}  // namespace

std::optional<Problem> check_decisions(StatementCache& sql, const FormMarks& marks, std::int64_t last_id,
                                       std::int64_t& checked) {
  LoggedRows rows(sql, false, last_id);
  DecisionRows decisions(sql);
  const auto& f = decisions.facts();
  return pair_up({"decision_id", "decision", marks.decisions, [&] { return rows.next(); },
                  [&] { return decisions.next(); }, [&] { return f.decision_id; }, [&] { return decisions.name(); },
                  [&](const LoggedRow& row) -> std::optional<std::string> {
                    return logged_difference(row, audit::decision_detail(f), audit::legacy_decision_detail(f),
                                             f.reviewer, f.order_no);
                  }},
                 checked);
}

std::optional<Problem> check_attempts(StatementCache& sql, const FormMarks& marks, std::int64_t last_id,
                                      std::int64_t& checked) {
  LoggedRows rows(sql, true, last_id);
  AttemptRows attempts(sql);
  return pair_up({"attempt_id", "attempt", marks.attempts, [&] { return rows.next(); }, [&] { return attempts.next(); },
                  [&] { return attempts.id(); }, [&] { return attempts.name(); },
                  [&](const LoggedRow& row) -> std::optional<std::string> {
                    const auto& f = attempts.facts_for(row);
                    return logged_difference(row, audit::submission_detail(f), audit::legacy_submission_detail(f),
                                             f.previous_attempt_id ? "applicant" : "intake", f.order_no);
                  }},
                 checked);
}

}  // namespace rs::store
