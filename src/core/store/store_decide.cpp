// A decision is one BEGIN IMMEDIATE transaction: the decision row and its reasons, the image number
// (approval) or the failure notice with its token (rejection), one outbox message for the
// applicant, the audit record, and the attempt's new status. All of it commits, or none.
#include <nlohmann/json.hpp>
#include <set>

#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/image_number.hpp"
#include "core/domain/reason.hpp"
#include "core/i18n/text.hpp"
#include "core/issuing/notice.hpp"
#include "core/issuing/validity.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/random.hpp"

namespace rs::store {
using nlohmann::json;
using Why = DecisionRefused::Why;

namespace {
struct AttemptRow {
  std::int64_t id = 0;
  int attempt_no = 0;
  std::string status, order_no, doc_type, city;
  char city_letter = 0;
  std::optional<std::int64_t> lease_token;
  std::optional<std::string> lease_owner;
};

void check_reasons(const DecisionRequest& r, const std::string& subject) {
  if (r.outcome == Outcome::Approve) return;
  if (r.reasons.empty()) throw DecisionRefused(Why::NoReason, subject + ": a rejection needs at least one reason");
  for (const auto& code : r.reasons) {
    auto reason = reason_by_code(code);
    if (!reason) throw DecisionRefused(Why::UnknownReason, subject + ": unknown reason code '" + code + "'");
    if (reason->needs_text && r.other_text.find_first_not_of(" \t\r\n") == std::string::npos)
      throw DecisionRefused(Why::OtherNeedsText, subject + ": the reason 其他 (OTHER) needs the reviewer's text");
  }
}
}  // namespace

DecisionResult Store::decide(const DecisionRequest& r) {
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  AttemptRow a;
  {
    auto q = sql("SELECT a.id, a.attempt_no, a.status, o.order_no, o.doc_type, o.city, o.city_letter, a.lease_token, a.lease_owner "
                 "FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ?1");
    q->bind(1, r.attempt_id);
    if (!q->step()) throw DecisionRefused(Why::UnknownAttempt, "attempt id " + std::to_string(r.attempt_id) + " does not exist");
    a.id = q->int64(0);
    a.attempt_no = int(q->int64(1));
    a.status = q->text(2);
    a.order_no = q->text(3);
    a.doc_type = q->text(4);
    a.city = q->text(5);
    a.city_letter = q->text(6)[0];
    a.lease_token = q->int64_or_null(7);
    a.lease_owner = q->text_or_null(8);
  }
  std::string subject = "order " + a.order_no + " attempt " + std::to_string(a.attempt_no);
  if (a.status != "pending")
    throw DecisionRefused(Why::NotPending, subject + " was already decided (" + a.status + "); nothing was recorded");
  // Fencing: only the holder of the newest lease may decide. An expired lease that nobody took
  // over keeps its token, so a slow reviewer's decision still counts.
  if (!a.lease_token || *a.lease_token != r.lease_token)
    throw DecisionRefused(Why::StaleLease, subject + ": your lease (token " + std::to_string(r.lease_token) +
                                               ") is stale" +
                                               (a.lease_owner ? ", the order is now held by " + *a.lease_owner : std::string()) +
                                               "; the decision was not recorded");
  check_reasons(r, subject);

  Millis now = now_ms();
  std::string now_text = iso8601_cst(now);
  std::int64_t review_ms = r.shown_ms > 0 ? std::max<Millis>(0, now - r.shown_ms) : 0;
  bool approve = r.outcome == Outcome::Approve;
  DecisionResult result;
  std::string image_number;
  LocalDate today = local_date_cst(now);
  char group = 0;
  if (approve) {
    char yymmdd[8];
    std::snprintf(yymmdd, sizeof yymmdd, "%02d%02d%02d", today.year % 100, today.month, today.day);
    int serial = 0;
    {
      auto q = sql("INSERT INTO serial_counters(city_letter, issue_date, last_serial) VALUES(?1, ?2, 1) "
                   "ON CONFLICT(city_letter, issue_date) DO UPDATE SET last_serial = last_serial + 1 RETURNING last_serial");
      q->bind(1, std::string(1, a.city_letter)).bind(2, yymmdd);
      q->step();
      serial = int(q->int64(0));
    }
    if (serial > 99999)
      throw DecisionRefused(Why::SerialsExhausted, subject + ": today's 99999 image numbers for " + a.city +
                                                       " are used up; the approval was not recorded — try again tomorrow or ask a supervisor");
    auto doc = *parse_doc_type(a.doc_type);
    group = doc_group_letter(doc, a.city);
    ImageNumberParts parts{group, a.city_letter, today.year, today.month, today.day, serial};
    image_number = format_image_number(parts);
  }
  {
    auto ins = sql("INSERT INTO decisions(attempt_id, decision, reviewer, workstation, lease_token, shown_at, decided_at, "
                   "decided_ms, review_ms, findings_json, other_text, image_number) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    ins->bind(1, a.id).bind(2, approve ? "approved" : "rejected").bind(3, r.reviewer).bind(4, r.workstation);
    ins->bind(5, r.lease_token);
    if (r.shown_ms > 0) ins->bind(6, iso8601_cst(r.shown_ms)); else ins->bind_null(6);
    ins->bind(7, now_text).bind(8, now).bind(9, review_ms).bind(10, r.findings_json);
    if (r.other_text.empty()) ins->bind_null(11); else ins->bind(11, r.other_text);
    if (image_number.empty()) ins->bind_null(12); else ins->bind(12, image_number);
    ins->run();
  }
  const std::int64_t decision_id = impl_->db.last_insert_id();
  std::vector<std::string> reasons;
  if (!approve) {
    std::set<std::string> seen;
    for (const auto& code : r.reasons)
      if (seen.insert(code).second) reasons.push_back(code);
    auto ins = sql("INSERT INTO decision_reasons(decision_id, position, code) VALUES(?1, ?2, ?3)");
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      ins->bind(1, decision_id).bind(2, std::int64_t(i)).bind(3, reasons[i]);
      ins->run();
    }
  }

  result.image_number = image_number;
  result.decision_id = decision_id;
  result.order_no = a.order_no;
  result.attempt_no = a.attempt_no;
  result.outcome = r.outcome;
  result.review_ms = review_ms;
  json message;
  if (approve) {
    int days = issuing::validity_days(group, a.city);
    result.expires_on = date_text(add_days(today, days));
    auto ins = sql("INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, expires_on) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    ins->bind(1, result.image_number).bind(2, decision_id).bind(3, a.id).bind(4, std::string(1, group));
    ins->bind(5, std::string(1, a.city_letter)).bind(6, date_text(today)).bind(7, result.expires_on).run();
    message = {{"kind", "approval"},
               {"title", std::string(tr("notice.approval.title"))},
               {"order_no", a.order_no},
               {"attempt", a.attempt_no},
               {"image_number", result.image_number},
               {"doc_type", a.doc_type},
               {"city", a.city},
               {"expires_on", result.expires_on},
               {"receipt_link", "/receipt/" + result.image_number},
               {"issued_at", now_text}};
  } else {
    result.notice_token = random_hex(16);
    message = issuing::failure_notice({a.order_no, a.attempt_no, reasons, r.other_text, result.notice_token, now_text});
    auto ins = sql("INSERT INTO notices(decision_id, attempt_id, kind, token, body_json, issued_at) VALUES(?1, ?2, 'rejection', ?3, ?4, ?5)");
    ins->bind(1, decision_id).bind(2, a.id).bind(3, result.notice_token).bind(4, message.dump()).bind(5, now_text).run();
  }
  {
    // One message per decision; the key lets the notification service drop a redelivered copy.
    auto ins = sql("INSERT INTO outbox(idempotency_key, attempt_id, kind, payload_json, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    std::string key = a.order_no + "/" + std::to_string(a.attempt_no) + "/" + message["kind"].get<std::string>();
    message["idempotency_key"] = key;
    ins->bind(1, key).bind(2, a.id).bind(3, message["kind"].get<std::string>()).bind(4, message.dump()).bind(5, now_text).run();
  }
  {
    auto up = sql("UPDATE attempts SET status = ?1, lease_owner = NULL, lease_expires_ms = NULL WHERE id = ?2");
    up->bind(1, approve ? "approved" : "rejected").bind(2, a.id).run();
  }
  json detail = {{"decision", approve ? "approved" : "rejected"}, {"attempt", a.attempt_no}, {"reasons", reasons},
                 {"review_ms", review_ms}, {"lease_token", r.lease_token}, {"workstation", r.workstation}};
  if (approve) detail["image_number"] = result.image_number;
  impl_->audit(r.reviewer, "decide", a.order_no, detail.dump());
  tx.commit();
  return result;
}

}  // namespace rs::store
