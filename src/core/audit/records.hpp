#pragma once
// What the audit rows of form 2 record about the changes they stand for: every column a forger
// would want to change. The store writes a row's detail from the change it is making, and
// `audit verify` writes it again from what the tables hold now; the two texts must be the same
// bytes (store_decide.cpp, store_intake.cpp, store_issuing.cpp, store_overturn.cpp write; store_audit.cpp rebuilds).
// Pure: no SQL here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs::audit {

// A decision (action "decide"; actor: the reviewer; subject: the order number), with the image
// number it issued (approval) or the failure notice (rejection). Columns that change later for a
// reason of their own (a revocation, a resubmission using the notice) have rows of their own.
struct DecisionFacts {
  std::int64_t decision_id = 0, attempt_id = 0;
  std::string order_no;
  std::int64_t attempt_no = 0;
  std::string decision;  // approved | rejected
  std::string reviewer, workstation;
  std::int64_t lease_token = 0;
  std::optional<std::string> shown_at;
  std::string decided_at;
  std::int64_t decided_ms = 0, review_ms = 0;
  std::string findings_sha256;  // of decisions.findings_json
  std::optional<std::string> other_text;
  std::vector<std::string> reasons;  // in the reviewer's order
  // approvals: the image number's row
  std::string image_number, doc_group, city_letter, issue_date, expires_on;
  // rejections: the notice's row (its token only as the digest the table keeps)
  std::optional<std::int64_t> notice_id;
  std::string notice_token_sha256, notice_body_sha256, notice_issued_at;
  // What was on screen (decision_screens, screen_record_text); none from the command line and
  // before migration 017, when the row leaves the key out.
  std::optional<std::string> screen;
};
std::string decision_detail(const DecisionFacts& f);
// What rows of form 1 recorded of a decision (decision, attempt, reasons, review_ms, lease_token,
// workstation, image_number), for comparing them with detail_difference.
std::string legacy_decision_detail(const DecisionFacts& f);

// A supervisor's revocation (action "revoke"; actor: the supervisor; subject: the order number).
struct RevocationFacts {
  std::string image_number;
  std::int64_t decision_id = 0, attempt_id = 0;
  std::string revoked_at, revoked_by, reason;
  std::int64_t notice_id = 0;
  std::string notice_token_sha256, notice_body_sha256, notice_issued_at;
};
std::string revocation_detail(const RevocationFacts& f);
std::string legacy_revocation_detail(const RevocationFacts& f);  // image_number, reason

// A supervisor's overturn (action "overturn"; actor: the supervisor; subject: the order number):
// the decision it turned round and, as the tables now hold them, what it issued: to a rejection
// the revoked number's revocation and the notice sent; to an approval the new number's row and
// the rejection notice whose token stopped working.
struct OverturnFacts {
  std::int64_t overturn_id = 0, decision_id = 0, attempt_id = 0;
  std::string order_no;
  std::int64_t attempt_no = 0;
  std::string from_decision, to_decision;  // approved | rejected
  std::string supervisor, justification;
  std::vector<std::string> reasons;  // to a rejection, in the supervisor's order
  std::optional<std::string> other_text;
  std::string overturned_at;
  std::int64_t overturned_ms = 0;
  // to a rejection
  std::string revoked_number, revoked_at, revoked_by, revoked_reason;
  std::optional<std::int64_t> notice_id;
  std::string notice_token_sha256, notice_body_sha256, notice_issued_at;
  // to an approval
  std::string image_number, doc_group, city_letter, issue_date, expires_on;
  std::optional<std::int64_t> voided_notice_id;
};
std::string overturn_detail(const OverturnFacts& f);

// An attempt coming in: a new order's first (action "enqueue", actor "intake") or a free
// resubmission (action "resubmit", actor "applicant", with the notice whose token it used).
struct SubmissionFacts {
  std::int64_t order_id = 0, attempt_id = 0;
  std::string order_no;
  std::int64_t attempt_no = 1;
  std::string photo_sha256, submitted_at;
  std::int64_t submitted_ms = 0, priority = 0;
  // the order (enqueue): the applicant's name and ID number only as applicant_sha256, so the log
  // does not spread them
  std::string applicant_sha256, doc_type, city, city_letter, channel;
  // resubmissions
  std::optional<std::int64_t> previous_attempt_id, previous_attempt_no, notice_id;
  std::string notice_used_at;
};
std::string submission_detail(const SubmissionFacts& f);
std::string legacy_submission_detail(const SubmissionFacts& f);  // attempt, channel | previous_attempt
// SHA-256 over the length-prefixed name and ID number.
std::string applicant_digest(std::string_view applicant_name, std::string_view id_number);

// The id a form-2 detail starts with ({"decision_id":12,... or {"attempt_id":7,...), read without
// parsing the rest; nothing when the detail does not start with that key and a whole number.
std::optional<std::int64_t> leading_id(std::string_view detail, std::string_view key);

// The first field in which two details differ, as "reviewer: 'x' in the tables, 'y' in the log";
// nothing when they hold the same fields and values (key order and spacing aside).
std::optional<std::string> detail_difference(std::string_view logged, std::string_view rebuilt);

}  // namespace rs::audit
