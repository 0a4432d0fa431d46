// A supervisor's overturn (README "Overturns") is one BEGIN IMMEDIATE transaction: the decision row
// stays as the reviewer made it, and an `overturns` row (migration 011) names it with what the
// overturn issued. An approval becomes a rejection: its number is revoked (the helper revoke()
// uses), the applicant gets a notice listing the reasons with a free resubmission token. A
// rejection becomes an approval: a new image number from the decision path's counter, and the
// rejection notice's token stops working (resubmit() looks for the overturn that voided it). One
// outbox message and one audit row "overturn" either way. All of it commits, or none.
#include <set>

#include "core/audit/records.hpp"
#include "core/domain/reason.hpp"
#include "core/issuing/notice.hpp"
#include "core/issuing/receipt_fonts.hpp"
#include "core/store/notice_token.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/sha256.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using Why = Refusal::Why;

namespace {
constexpr std::size_t kMaxJustificationChars = 1000;
constexpr std::size_t kMaxOtherTextChars = 500;  // as a reviewer's 其他 text: it goes into the notice

// The order's latest attempt and its decision: the only decision an overturn may turn round.
struct OverturnTarget {
  std::int64_t attempt_id = 0;
  int attempt_no = 0;
  std::string status, order_no, doc_type, city, applicant_name;
  char city_letter = 0;
  std::optional<std::int64_t> decision_id;
  std::string decision, reviewer, image_number, revoked_at;
  std::optional<std::string> overturned_at, overturned_by;
  std::optional<std::int64_t> rejection_notice_id;
  std::string subject;  // "order X attempt N", for messages
};

OverturnTarget load_target(StatementCache& sql, const std::string& order_no) {
  OverturnTarget t;
  {
    auto q = sql(
        "SELECT o.order_no, o.doc_type, o.city, o.city_letter, o.applicant_name, a.id, a.attempt_no, a.status "
        "FROM orders o JOIN attempts a ON a.order_id = o.id WHERE o.order_no = ?1 ORDER BY a.attempt_no DESC LIMIT 1");
    q->bind(1, order_no);
    if (!q->step()) throw Refusal(Why::UnknownOrder, "order " + order_no + " is unknown; nothing was written");
    t.order_no = q->text(0);
    t.doc_type = q->text(1);
    t.city = q->text(2);
    t.city_letter = q->text(3)[0];
    t.applicant_name = q->text(4);
    t.attempt_id = q->int64(5);
    t.attempt_no = int(q->int64(6));
    t.status = q->text(7);
  }
  t.subject = "order " + t.order_no + " attempt " + std::to_string(t.attempt_no);
  auto q =
      sql("SELECT d.id, d.decision, d.reviewer, COALESCE(d.image_number, ''), COALESCE(i.revoked_at, ''), "
          "v.overturned_at, v.supervisor, n.id FROM decisions d LEFT JOIN image_numbers i ON i.number = d.image_number "
          "LEFT JOIN overturns v ON v.decision_id = d.id "
          "LEFT JOIN notices n ON n.decision_id = d.id AND n.kind = 'rejection' WHERE d.attempt_id = ?1 "
          "ORDER BY n.id LIMIT 1");
  q->bind(1, t.attempt_id);
  if (!q->step()) return t;
  t.decision_id = q->int64(0);
  t.decision = q->text(1);
  t.reviewer = q->text(2);
  t.image_number = q->text(3);
  t.revoked_at = q->text(4);
  t.overturned_at = q->text_or_null(5);
  t.overturned_by = q->text_or_null(6);
  t.rejection_notice_id = q->int64_or_null(7);
  return t;
}

// The attempt must be decided; a pending one after a rejection is the applicant's resubmission,
// whose decision is the one to look at once it is made.
void check_decided(const OverturnTarget& t) {
  if (t.decision_id) return;
  if (t.status == "quarantined")
    throw Refusal(Why::NotPending, t.subject +
                                       " is quarantined and not decided; there is no decision to overturn; nothing "
                                       "was written");
  if (t.attempt_no > 1)
    throw Refusal(Why::NotPending, t.subject + " is the applicant's resubmission after attempt " +
                                       std::to_string(t.attempt_no - 1) + " and is not decided yet: attempt " +
                                       std::to_string(t.attempt_no - 1) +
                                       "'s decision can no longer be overturned; look at attempt " +
                                       std::to_string(t.attempt_no) + " once it is decided; nothing was written");
  throw Refusal(Why::NotPending,
                t.subject + " is " + t.status + ": there is no decision to overturn yet; nothing was written");
}

void check_reasons(const OverturnRequest& r, const OverturnTarget& t) {
  const std::string what = "overturning the approval of " + t.subject;
  if (r.reasons.empty())
    throw Refusal(Why::NoReason, what +
                                     " needs at least one reason (--reasons): the applicant's notice says what to fix; "
                                     "nothing was written");
  for (const auto& code : r.reasons) {
    const auto reason = reason_by_code(code);
    if (!reason) throw Refusal(Why::UnknownReason, what + ": unknown reason code '" + code + "'; nothing was written");
    if (reason->needs_text && r.other_text.find_first_not_of(" \t\r\n") == std::string::npos)
      throw Refusal(Why::OtherNeedsText,
                    what + ": the reason 其他 (OTHER) needs the supervisor's text; nothing was written");
  }
}

void check_overturnable(const OverturnTarget& t, const OverturnRequest& r, const std::string& supervisor) {
  check_decided(t);
  if (t.reviewer == supervisor)
    throw Refusal(Why::NotPermitted, "nobody overturns their own decision: " + t.subject + " was decided by " +
                                         supervisor + "; another supervisor must overturn it; nothing was written");
  if (t.overturned_at)
    throw Refusal(Why::AlreadyOverturned, "the decision on " + t.subject + " was already overturned by " +
                                              t.overturned_by.value_or("") + " at " + *t.overturned_at +
                                              "; an overturn is final; nothing was written");
  if (t.decision == "approved") {
    if (!t.revoked_at.empty())
      throw Refusal(Why::AlreadyRevoked, "the approval of " + t.subject + " (image number " + t.image_number +
                                             ") was already revoked at " + t.revoked_at + "; nothing was written");
    check_reasons(r, t);
    return;
  }
  if (!r.reasons.empty() || !r.other_text.empty())
    throw Refusal(Why::BadQuery, t.subject +
                                     " was rejected: overturning it approves it, and reasons are only for an approval "
                                     "becoming a rejection; nothing was written");
  if (t.reviewer == "system")
    throw Refusal(Why::BadPhoto, t.subject +
                                     " was rejected at intake because its photo could not be read: there is no "
                                     "photo to approve; nothing was written");
  if (auto why = issuing::receipt_text_problem(t.applicant_name))
    throw Refusal(Why::Unprintable, t.subject + ": " + *why + "; nothing was written");
}

// Outside text is checked before the transaction opens.
void check_overturn_text(const OverturnRequest& r) {
  const std::string what = "overturning order " + r.order_no;
  if (r.justification.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Refusal(Why::BadText, what + " needs a justification (--reason); nothing was written");
  auto check = [](const std::string& problem) {
    if (!problem.empty()) throw Refusal(Why::BadText, problem + "; nothing was written");
  };
  check(utf8::text_problem("the justification", r.justification,
                           {.max_chars = kMaxJustificationChars, .allow_newlines = true}));
  check(utf8::text_problem("the 其他 (OTHER) text", r.other_text,
                           {.max_chars = kMaxOtherTextChars, .allow_newlines = true}));
}

std::vector<std::string> distinct(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& code : codes)
    if (seen.insert(code).second) out.push_back(code);
  return out;
}
}  // namespace

// Everything one overturn writes, gathered while the rows go in.
struct Store::OverturnDraft {
  const OverturnRequest& request;
  std::string supervisor;
  OverturnTarget target;
  Millis now = 0;
  std::string now_text;
  std::vector<std::string> reasons;
  std::string message_kind;  // overturn_rejection | overturn_approval
  JsonWriter message;        // the applicant's outbox message, its idempotency key still to come
  audit::OverturnFacts facts;
  OverturnResult result;
};

OverturnResult Store::overturn(const accounts::Actor& actor, const OverturnRequest& r) {
  require_role(actor, accounts::Role::Supervisor, "overturning a decision");
  check_overturn_text(r);
  Transaction tx(impl_->db);
  OverturnDraft d{r, actor.name(), load_target(impl_->sql, r.order_no)};
  check_overturnable(d.target, r, d.supervisor);
  d.now = now_ms();
  d.now_text = iso8601_cst(d.now);
  if (d.target.decision == "approved") {
    d.reasons = distinct(r.reasons);
    overturn_to_rejection(d);
  } else {
    overturn_to_approval(d);
  }
  record_overturn(d);
  tx.commit();
  return d.result;
}

void Store::overturn_to_rejection(OverturnDraft& d) {
  const auto& t = d.target;
  auto& f = d.facts;
  impl_->revoke_number(t.image_number, d.supervisor, d.request.justification, d.now_text, "rejected");
  f.revoked_number = t.image_number;
  f.revoked_at = d.now_text;
  f.revoked_by = d.supervisor;
  f.revoked_reason = d.request.justification;
  const NoticeToken token = new_notice_token();
  issuing::write_overturn_rejection_notice(
      d.message, {t.order_no, t.attempt_no, t.image_number, d.reasons, d.request.other_text, token.text, d.now_text});
  // The notice kept for the record holds only the token's digest, as a rejection's does.
  const std::string body = redact_token(d.message.str(), token.text);
  auto ins = impl_->sql(
      "INSERT INTO notices(decision_id, attempt_id, kind, token_sha256, body_json, issued_at) VALUES(?1, ?2, "
      "'overturn', ?3, ?4, ?5)");
  ins->bind(1, *t.decision_id).bind(2, t.attempt_id).bind(3, token.digest).bind(4, body).bind(5, d.now_text).run();
  f.notice_id = impl_->db.last_insert_id();
  f.notice_token_sha256 = token.digest;
  f.notice_body_sha256 = sha256_hex(body);
  f.notice_issued_at = d.now_text;
  d.message_kind = "overturn_rejection";
  d.result.to = Outcome::Reject;
  d.result.revoked_number = t.image_number;
  d.result.notice_token = token.text;
}

void Store::overturn_to_approval(OverturnDraft& d) {
  const auto& t = d.target;
  auto& f = d.facts;
  const auto n = impl_->draw_image_number(
      t.city_letter, t.city, t.doc_type, d.now,
      t.subject + ": today's 99999 image numbers for " + t.city + " are used up; the overturn was not recorded");
  // The number belongs to the decision it overturns (image_numbers.decision_id), as an approval's.
  impl_->insert_image_number(n, *t.decision_id, t.attempt_id, t.city_letter);
  {
    auto up = impl_->sql("UPDATE attempts SET status = 'approved' WHERE id = ?1");
    up->bind(1, t.attempt_id).run();
  }
  issuing::write_overturn_approval_message(
      d.message, {t.order_no, t.attempt_no, n.number, t.doc_type, t.city, n.expires_on, d.now_text});
  f.image_number = n.number;
  f.doc_group = std::string(1, n.group);
  f.city_letter = std::string(1, t.city_letter);
  f.issue_date = n.issue_date;
  f.expires_on = n.expires_on;
  f.voided_notice_id = t.rejection_notice_id;
  d.message_kind = "overturn_approval";
  d.result.to = Outcome::Approve;
  d.result.image_number = n.number;
  d.result.expires_on = n.expires_on;
  d.result.voided_notice_id = t.rejection_notice_id;
}

// The overturn row and its reasons, the applicant's message and the audit row.
void Store::record_overturn(OverturnDraft& d) {
  const auto& t = d.target;
  auto& f = d.facts;
  const std::string to = d.result.to == Outcome::Approve ? "approved" : "rejected";
  if (d.result.to == Outcome::Reject && !d.request.other_text.empty()) f.other_text = d.request.other_text;
  {
    auto ins = impl_->sql(
        "INSERT INTO overturns(decision_id, attempt_id, from_decision, to_decision, supervisor, justification, "
        "other_text, overturned_at, overturned_ms, revoked_number, notice_id, image_number, voided_notice_id) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    ins->bind(1, *t.decision_id).bind(2, t.attempt_id).bind(3, t.decision).bind(4, to).bind(5, d.supervisor);
    ins->bind(6, d.request.justification).bind(7, f.other_text).bind(8, d.now_text).bind(9, d.now);
    ins->bind(10, f.revoked_number.empty() ? std::optional<std::string>() : f.revoked_number).bind(11, f.notice_id);
    ins->bind(12, f.image_number.empty() ? std::optional<std::string>() : f.image_number).bind(13, f.voided_notice_id);
    ins->run();
  }
  f.overturn_id = impl_->db.last_insert_id();
  {
    auto ins = impl_->sql("INSERT INTO overturn_reasons(overturn_id, position, code) VALUES(?1, ?2, ?3)");
    for (std::size_t i = 0; i < d.reasons.size(); ++i) {
      ins->bind(1, f.overturn_id).bind(2, std::int64_t(i)).bind(3, d.reasons[i]);
      ins->run();
    }
  }
  impl_->queue_message(d.message, t.order_no, t.attempt_no, t.attempt_id, d.message_kind, d.now_text);
  f.decision_id = *t.decision_id;
  f.attempt_id = t.attempt_id;
  f.order_no = t.order_no;
  f.attempt_no = t.attempt_no;
  f.from_decision = t.decision;
  f.to_decision = to;
  f.supervisor = d.supervisor;
  f.justification = d.request.justification;
  f.reasons = d.reasons;
  f.overturned_at = d.now_text;
  f.overturned_ms = d.now;
  impl_->audit(d.supervisor, "overturn", t.order_no, audit::overturn_detail(f));
  d.result.overturn_id = f.overturn_id;
  d.result.decision_id = f.decision_id;
  d.result.order_no = t.order_no;
  d.result.attempt_no = t.attempt_no;
}

std::vector<std::string> Store::Impl::load_overturn_reasons(std::int64_t overturn_id) {
  auto q = sql("SELECT code FROM overturn_reasons WHERE overturn_id = ?1 ORDER BY position");
  q->bind(1, overturn_id);
  std::vector<std::string> out;
  while (q->step()) out.push_back(q->text(0));
  return out;
}

}  // namespace rs::store
