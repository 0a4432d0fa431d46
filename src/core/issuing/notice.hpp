#pragma once
// Every message an applicant receives is built here, and nowhere else: the approval message, the
// failure notice, the revocation notice and the two overturn messages, as JSON for the outbox, and the idempotency-key
// rule that lets the notification service drop a redelivered copy. The applicant reads Chinese whatever the reviewer's
// screen shows, so every word comes from tr_applicant().
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/util/json_writer.hpp"

namespace rs::issuing {

struct NoticeInput {
  std::string order_no;
  int attempt_no = 1;
  std::vector<std::string> reasons;  // codes
  std::string other_text;            // the reviewer's words for OTHER
  std::string token;                 // one-time resubmission token
  std::string issued_at;             // ISO 8601
};

// Every reason in words an applicant understands and what to do, the order and attempt, the
// free resubmission token and link, and when it was issued. Written field by field into `out`
// (the decision path: no JSON tree for every rejection); failure_notice() parses the same text.
void write_failure_notice(JsonWriter& out, const NoticeInput& in);
nlohmann::json failure_notice(const NoticeInput& in);

struct ApprovalInput {
  std::string order_no;
  int attempt_no = 1;
  std::string image_number, doc_type, city, expires_on, issued_at;
};
void write_approval_message(JsonWriter& out, const ApprovalInput& in);

struct RevocationInput {
  std::string order_no;
  int attempt_no = 1;
  std::string image_number, reason, token, issued_at;
};
void write_revocation_notice(JsonWriter& out, const RevocationInput& in);

// A supervisor's overturn, told to the applicant. An approval become a rejection: the number that
// was revoked, the reasons and what to do (as a failure notice) and a free resubmission token; kind
// "overturn_rejection". A rejection become an approval: the approval message with kind
// "overturn_approval" and a note that the earlier resubmission link no longer works.
struct OverturnRejectionInput {
  std::string order_no;
  int attempt_no = 1;
  std::string revoked_number;
  std::vector<std::string> reasons;  // codes
  std::string other_text, token, issued_at;
};
void write_overturn_rejection_notice(JsonWriter& out, const OverturnRejectionInput& in);
void write_overturn_approval_message(JsonWriter& out, const ApprovalInput& in);

// "order/attempt/kind": one message per kind per attempt, the same key when it is delivered again.
std::string idempotency_key(const std::string& order_no, int attempt_no, const std::string& kind);

// Plain text of a notice, one reason per line, for the applicant's service notification.
std::string notice_text(const nlohmann::json& notice);

}  // namespace rs::issuing
