// A decision is one BEGIN IMMEDIATE transaction: the decision row and its reasons, the image number
// (approval) or the failure notice with its token (rejection), one outbox message for the
// applicant, the audit record, and the attempt's new status. All of it commits, or none. A
// workstation may have the same transaction claim its next order (DecisionRequest::claim_next_for).
#include <set>

#include "core/audit/records.hpp"
#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/image_number.hpp"
#include "core/domain/reason.hpp"
#include "core/domain/workstation_id.hpp"
#include "core/findings/decision_record.hpp"
#include "core/issuing/notice.hpp"
#include "core/issuing/receipt_fonts.hpp"
#include "core/store/notice_token.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/digits.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/sha256.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using Why = Refusal::Why;

struct AttemptRow {
  std::int64_t id = 0;
  int attempt_no = 0;
  std::string status, order_no, doc_type, city, applicant_name;
  char city_letter = 0;
  std::optional<std::int64_t> lease_token;
  std::optional<std::string> lease_owner;
  // PostgreSQL: the decision's id, drawn with the attempt's row so that nothing after the city's
  // counter row is locked waits for an answer but the COMMIT (an unused id is a harmless gap).
  std::optional<std::int64_t> next_decision_id;
  // The second_review_share setting's text, and (PostgreSQL) a rejection's notice id, read with the
  // row for the same reason (an approval leaves its notice id unused).
  std::optional<std::string> second_review_setting;
  std::optional<std::int64_t> next_notice_id;
};

namespace {
// 'fail' when a finding on screen failed, 'pass' when findings were there and none failed, nothing
// when there were none or the record cannot be read (migration 010 derives the same for old rows).
std::optional<std::string> engine_verdict(const std::string& findings_json) {
  try {
    const auto record = findings::read_decision_record(findings_json);
    if (record.findings.empty()) return std::nullopt;
    for (const auto& f : record.findings)
      if (f.verdict == findings::Verdict::Fail) return "fail";
    return "pass";
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

std::string yymmdd(LocalDate d) {
  std::string s;
  append_digits(s, d.year % 100, 2);
  append_digits(s, d.month, 2);
  append_digits(s, d.day, 2);
  return s;
}
}  // namespace

// Everything one decision writes, gathered before and while the rows go in.
struct Store::DecisionDraft {
  DecisionDraft(std::string who, const DecisionRequest& r, AttemptRow a, Millis at)
      : reviewer(std::move(who)), request(r), attempt(std::move(a)), now(at) {}
  std::string reviewer;  // the signed-in reviewer's name, or "system" for intake's rejections
  const DecisionRequest& request;
  AttemptRow attempt;
  std::string subject;  // "order X attempt N", for messages
  Millis now = 0;
  std::string now_text;
  LocalDate today{};
  std::vector<std::string> reasons;
  char group = 0;
  DecisionResult result;
  std::string message_kind;  // approval | rejection
  JsonWriter message;        // the applicant's outbox message, its last field still to come
  std::optional<std::string> shown_at;
  // The rejection's notice as stored, for the audit row.
  std::optional<std::int64_t> notice_id;
  std::string notice_token_sha256, notice_body_sha256;
};

DecisionResult Store::decide(const accounts::Actor& reviewer, const DecisionRequest& r) {
  require_role(reviewer, accounts::Role::Reviewer, "deciding an order");
  check_request_text(r);
  const std::string owner = lease_owner(reviewer.name(), r.workstation);
  if (is_gold(r.attempt_id)) return answer_gold(reviewer, r, owner);
  Transaction tx(impl_->db, Transaction::Kind::RowLocked);
  DecisionDraft d(reviewer.name(), r, load_attempt_for_decision(r.attempt_id), now_ms());
  // A retry of a decision that committed already (store_decide_replay.cpp): it again, nothing
  // written. After the attempt's row is locked, so two sends of one key cannot both miss it.
  if (auto before = decided_before(r, reviewer.name(), owner)) return *before;
  d.subject = "order " + d.attempt.order_no + " attempt " + std::to_string(d.attempt.attempt_no);
  check_decidable(d, owner);
  // Read with the attempt, before the city's counter row is locked by record_decision: that lock
  // is held to COMMIT.
  const double second_review_draw_share = second_review_share(d.attempt.second_review_setting);
  record_decision(d);
  maybe_queue_second_review(second_review_draw_share, d.result.decision_id, d.reviewer, d.attempt.order_no, d.now);
  // After the attempt is closed, so the claim cannot pick the order just decided.
  // A paused reviewer finishes what they hold but claims nothing new.
  if (r.claim_next && !paused(reviewer.name())) d.result.next_lease = take_lease(reviewer.name(), owner, d.now);
  tx.commit();
  return d.result;
}

// The rows of a decision, inside the caller's transaction: a reviewer's (decide) or the system's
// rejection of an unreadable upload at intake (no lease, reviewer "system").
void Store::record_decision(DecisionDraft& d) {
  const DecisionRequest& r = d.request;
  d.now_text = iso8601_cst(d.now);
  d.today = local_date_cst(d.now);
  d.reasons = distinct_reasons(r.outcome, r.reasons);
  d.result.order_no = d.attempt.order_no;
  d.result.attempt_no = d.attempt.attempt_no;
  d.result.outcome = r.outcome;
  d.result.review_ms = r.shown_ms > 0 ? std::max<Millis>(0, d.now - r.shown_ms) : 0;
  if (r.outcome == Outcome::Approve) allocate_image_number(d);
  // On PostgreSQL the decision's id is drawn before the chain's lock is taken (at COMMIT), so
  // decisions may log out of id order; audit verify pairs them by the id each row names.
  insert_decision(d);
  if (r.outcome == Outcome::Approve)
    record_image_number(d);
  else
    issue_failure_notice(d);
  queue_applicant_message(d);
  close_attempt_and_audit(d);
}

DecisionResult Store::reject_unreadable_upload(std::int64_t attempt_id, const std::string& cause) {
  DecisionRequest r;
  r.attempt_id = attempt_id;
  r.workstation = std::string(kIntakeWorkstation);
  r.outcome = Outcome::Reject;
  r.reasons = {"PHOTO_UNREADABLE"};
  JsonWriter finding;  // the cause, kept where a reviewer's decision keeps its findings
  finding.text("rule", "photo.cannot_assess").text("verdict", "cannot_assess").text("note", cause);
  r.findings_json = "[" + finding.str() + "]";
  DecisionDraft d("system", r, load_attempt_for_decision(attempt_id), now_ms());
  d.subject = "order " + d.attempt.order_no + " attempt " + std::to_string(d.attempt.attempt_no);
  record_decision(d);
  return d.result;
}

// Text from outside (a --user name, the reviewer's 其他 text) is checked before anything is
// written, so export and the applicant's message never carry bytes a JSON reader refuses.
void Store::check_request_text(const DecisionRequest& r) {
  auto check = [](std::string_view what, const std::string& text, const utf8::TextRules& rules) {
    if (auto problem = utf8::text_problem(what, text, rules); !problem.empty())
      throw Refusal(Why::BadText, problem + "; nothing was recorded");
  };
  check("the workstation name", r.workstation, {});
  check("the 其他 (OTHER) text", r.other_text, {.max_chars = kMaxOtherTextChars, .allow_newlines = true});
  if (r.screen)
    if (auto problem = screen_record_problem(*r.screen))
      throw Refusal(Why::BadText, "the workstation's screen record: " + *problem + "; nothing was recorded");
}

AttemptRow Store::load_attempt_for_decision(std::int64_t attempt_id) {
  // PostgreSQL: the attempt's row stays locked until the decision commits, so a second decision
  // on it (a retry, another workstation) waits and then finds it decided.
  auto q = impl_->sql(
      "SELECT a.id, a.attempt_no, a.status, o.order_no, o.doc_type, o.city, o.city_letter, a.lease_token, "
      "a.lease_owner, o.applicant_name, NULL, (SELECT value FROM settings WHERE key = 'second_review_share'), "
      "NULL FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ?1",
      "SELECT a.id, a.attempt_no, a.status, o.order_no, o.doc_type, o.city, o.city_letter, a.lease_token, "
      "a.lease_owner, o.applicant_name, nextval(pg_get_serial_sequence('decisions', 'id')), "
      "(SELECT value FROM settings WHERE key = 'second_review_share'), "
      "nextval(pg_get_serial_sequence('notices', 'id')) FROM attempts a "
      "JOIN orders o ON o.id = a.order_id WHERE a.id = ?1 FOR UPDATE OF a");
  q->bind(1, attempt_id);
  if (!q->step()) throw Refusal(Why::UnknownAttempt, "attempt id " + std::to_string(attempt_id) + " does not exist");
  AttemptRow a;
  a.id = q->int64(0);
  a.attempt_no = int(q->int64(1));
  a.status = q->text(2);
  a.order_no = q->text(3);
  a.doc_type = q->text(4);
  a.city = q->text(5);
  a.city_letter = q->text(6)[0];
  a.lease_token = q->int64_or_null(7);
  a.lease_owner = q->text_or_null(8);
  a.applicant_name = q->text(9);
  a.next_decision_id = q->int64_or_null(10);
  a.second_review_setting = q->text_or_null(11);
  a.next_notice_id = q->int64_or_null(12);
  return a;
}

void Store::check_decidable(const DecisionDraft& d, const std::string& owner) {
  const auto& a = d.attempt;
  if (a.status == "quarantined")
    throw Refusal(Why::NotPending, d.subject +
                                       " is quarantined (its photo stopped the analysis twice); a supervisor "
                                       "must release it first; nothing was recorded");
  if (a.status != "pending")
    throw Refusal(Why::NotPending, d.subject + " was already decided (" + a.status + "); nothing was recorded");
  // Fencing: only the holder of the newest lease may decide. An expired lease that nobody took
  // over keeps its token, so a slow reviewer's decision still counts.
  if (!a.lease_token || *a.lease_token != d.request.lease_token)
    throw Refusal(Why::StaleLease,
                  d.subject + ": your lease (token " + std::to_string(d.request.lease_token) + ") is stale" +
                      (a.lease_owner ? ", the order is now held by " + *a.lease_owner : std::string()) +
                      "; the decision was not recorded");
  // The token proves the lease; the owner, that nobody decides under someone else's claim.
  if (a.lease_owner && *a.lease_owner != owner)
    throw Refusal(Why::StaleLease, d.subject + ": the lease is held by " + *a.lease_owner + ", not by " + owner +
                                       "; the decision was not recorded");
  check_reasons(d.request.outcome, d.request.reasons, d.request.other_text, d.subject);
  // A receipt that no font can print would be an approval the applicant can never use.
  if (d.request.outcome == Outcome::Approve)
    if (auto why = issuing::receipt_text_problem(a.applicant_name))
      throw Refusal(Why::Unprintable, d.subject + ": " + *why + "; the approval was not recorded");
}

// Takes the city's next serial for today; the counter row is part of this transaction, so a
// rollback returns the serial and two workstations can never draw the same one.
void Store::allocate_image_number(DecisionDraft& d) {
  const auto& a = d.attempt;
  const auto drawn = impl_->draw_image_number(
      a.city_letter, a.city, a.doc_type, d.now,
      d.subject + ": today's 99999 image numbers for " + a.city + " are used up; the approval was not recorded");
  d.group = drawn.group;
  d.result.image_number = drawn.number;
  d.result.expires_on = drawn.expires_on;
}

// The numbering of decide() and of an overturn to an approval (store_overturn.cpp).
Store::Impl::NewNumber Store::Impl::draw_image_number(char city_letter, const std::string& city,
                                                      const std::string& doc_type, Millis now,
                                                      const std::string& used_up) {
  const LocalDate today = local_date_cst(now);
  const std::string letter(1, city_letter), day = yymmdd(today);
  // The counter row is locked until the COMMIT, so a city's approvals are numbered one at a time
  // and a rollback returns the serial. Nothing here waits for the audit chain's lock (PostgreSQL):
  // a RowLocked decide only tries it at its commit, and an overturn that holds it from BEGIN waits
  // for this row, never the other way round.
  // No RETURNING: SQLite builds a temporary table for it (see claim_next).
  sql("INSERT INTO serial_counters(city_letter, issue_date, last_serial) VALUES(?1, ?2, 1) "
      "ON CONFLICT(city_letter, issue_date) DO UPDATE SET last_serial = serial_counters.last_serial + 1")
      ->bind(1, letter)
      .bind(2, day)
      .run();
  int serial = 0;
  {
    auto q = sql("SELECT last_serial FROM serial_counters WHERE city_letter = ?1 AND issue_date = ?2");
    q->bind(1, letter).bind(2, day);
    q->step();
    serial = int(q->int64(0));
  }
  if (serial > 99999) throw Refusal(Why::SerialsExhausted, used_up + " — try again tomorrow or ask a supervisor");
  NewNumber n;
  n.group = doc_group_letter(*parse_doc_type(doc_type), city);
  n.number = format_image_number({n.group, city_letter, today.year, today.month, today.day, serial});
  n.issue_date = date_text(today);
  n.expires_on = date_text(add_days(today, options.validity->days(n.group, city)));
  return n;
}

void Store::Impl::insert_image_number(const NewNumber& n, std::int64_t decision_id, std::int64_t attempt_id,
                                      char city_letter) {
  auto ins =
      sql("INSERT INTO image_numbers(number, decision_id, attempt_id, doc_group, city_letter, issue_date, expires_on) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  ins->bind(1, n.number).bind(2, decision_id).bind(3, attempt_id).bind(4, std::string(1, n.group));
  ins->bind(5, std::string(1, city_letter)).bind(6, n.issue_date).bind(7, n.expires_on).run();
}

void Store::insert_decision(DecisionDraft& d) {
  const auto& r = d.request;
  const bool approve = r.outcome == Outcome::Approve;
  {
    auto ins = impl_->sql(
        "INSERT INTO decisions(attempt_id, decision, reviewer, workstation, lease_token, shown_at, decided_at, "
        "decided_ms, review_ms, findings_json, other_text, image_number, engine_verdict, request_key, id) VALUES(?1, "
        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    ins->bind(1, d.attempt.id).bind(2, approve ? "approved" : "rejected").bind(3, d.reviewer).bind(4, r.workstation);
    ins->bind(5, r.lease_token);
    if (r.shown_ms > 0) d.shown_at = iso8601_cst(r.shown_ms);
    ins->bind(6, d.shown_at);
    ins->bind(7, d.now_text).bind(8, d.now).bind(9, d.result.review_ms).bind(10, r.findings_json);
    if (r.other_text.empty())
      ins->bind_null(11);
    else
      ins->bind(11, r.other_text);
    if (d.result.image_number.empty())
      ins->bind_null(12);
    else
      ins->bind(12, d.result.image_number);
    ins->bind(13, engine_verdict(r.findings_json));
    if (r.request_key.empty())
      ins->bind_null(14);
    else
      ins->bind(14, r.request_key);
    ins->bind(15, d.attempt.next_decision_id);  // NULL on SQLite: the row's id is the next rowid
    ins->run();
  }
  d.result.decision_id = d.attempt.next_decision_id ? *d.attempt.next_decision_id : impl_->db.last_insert_id();
  if (r.screen) insert_screen(d.result.decision_id, *r.screen);
  auto ins = impl_->sql("INSERT INTO decision_reasons(decision_id, position, code) VALUES(?1, ?2, ?3)");
  for (std::size_t i = 0; i < d.reasons.size(); ++i) {
    ins->bind(1, d.result.decision_id).bind(2, std::int64_t(i)).bind(3, d.reasons[i]);
    ins->run();
  }
}

// One row of about 40 bytes in the decision's transaction: what the reviewer had on screen.
void Store::insert_screen(std::int64_t decision_id, const ScreenRecord& v) {
  auto ins = impl_->sql(
      "INSERT INTO decision_screens(decision_id, overlays, layers, flags, zoom, centre_x, centre_y) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  const std::int64_t flags = (v.mirrored ? 1 : 0) | (v.loupe ? 2 : 0) | (v.compare_previous ? 4 : 0);
  ins->bind(1, decision_id).bind(2, std::int64_t(v.overlays)).bind(3, std::int64_t(v.layers)).bind(4, flags);
  ins->bind(5, v.zoom).bind(6, v.centre_x).bind(7, v.centre_y).run();
}

void Store::record_image_number(DecisionDraft& d) {
  const auto& a = d.attempt;
  impl_->insert_image_number({d.result.image_number, date_text(d.today), d.result.expires_on, d.group},
                             d.result.decision_id, a.id, a.city_letter);
  d.message_kind = "approval";
  issuing::write_approval_message(d.message, {a.order_no, a.attempt_no, d.result.image_number, a.doc_type, a.city,
                                              d.result.expires_on, d.now_text});
}

void Store::issue_failure_notice(DecisionDraft& d) {
  const auto& a = d.attempt;
  const NoticeToken token = new_notice_token();
  d.result.notice_token = token.text;
  // The applicant's message is the notice itself (plus its idempotency key, added next); the
  // notice kept for the record holds only the token's digest.
  issuing::write_failure_notice(d.message,
                                {a.order_no, a.attempt_no, d.reasons, d.request.other_text, token.text, d.now_text});
  const std::string kept_body = redact_token(d.message.str(), token.text);
  auto ins = impl_->sql(
      "INSERT INTO notices(decision_id, attempt_id, kind, token_sha256, body_json, issued_at, id) VALUES(?1, ?2, "
      "'rejection', ?3, ?4, ?5, ?6)");
  ins->bind(1, d.result.decision_id).bind(2, a.id).bind(3, token.digest).bind(4, kept_body).bind(5, d.now_text);
  ins->bind(6, a.next_notice_id).run();  // NULL on SQLite: the row's id is the next rowid
  d.notice_id = a.next_notice_id ? *a.next_notice_id : impl_->db.last_insert_id();
  d.notice_token_sha256 = token.digest;
  d.notice_body_sha256 = sha256_hex(kept_body);
  d.message_kind = "rejection";
}

// One message per decision; the key lets the notification service drop a redelivered copy.
void Store::queue_applicant_message(DecisionDraft& d) {
  impl_->queue_message(d.message, d.attempt.order_no, d.attempt.attempt_no, d.attempt.id, d.message_kind, d.now_text);
}

void Store::close_attempt_and_audit(DecisionDraft& d) {
  const auto& r = d.request;
  const char* decision = r.outcome == Outcome::Approve ? "approved" : "rejected";
  {
    auto up = impl_->sql("UPDATE attempts SET status = ?1, lease_owner = NULL, lease_expires_ms = NULL WHERE id = ?2");
    up->bind(1, decision).bind(2, d.attempt.id).run();
  }
  // Every column of the decision and of what it issued, as the tables now hold them (verify
  // rebuilds the same from the tables, store_audit_tables.cpp).
  audit::DecisionFacts f;
  f.decision_id = d.result.decision_id;
  f.attempt_id = d.attempt.id;
  f.order_no = d.attempt.order_no;
  f.attempt_no = d.attempt.attempt_no;
  f.decision = decision;
  f.reviewer = d.reviewer;
  f.workstation = r.workstation;
  f.lease_token = r.lease_token;
  f.shown_at = d.shown_at;
  f.decided_at = d.now_text;
  f.decided_ms = d.now;
  f.review_ms = d.result.review_ms;
  f.findings_sha256 = sha256_hex(r.findings_json);
  if (!r.other_text.empty()) f.other_text = r.other_text;
  f.reasons = d.reasons;
  f.image_number = d.result.image_number;
  if (!f.image_number.empty()) {
    f.doc_group = std::string(1, d.group);
    f.city_letter = std::string(1, d.attempt.city_letter);
    f.issue_date = date_text(d.today);
    f.expires_on = d.result.expires_on;
  }
  f.notice_id = d.notice_id;
  f.notice_token_sha256 = d.notice_token_sha256;
  f.notice_body_sha256 = d.notice_body_sha256;
  if (d.notice_id) f.notice_issued_at = d.now_text;
  if (r.screen) f.screen = screen_record_text(*r.screen);
  impl_->audit(d.reviewer, "decide", d.attempt.order_no, audit::decision_detail(f));
}

}  // namespace rs::store
