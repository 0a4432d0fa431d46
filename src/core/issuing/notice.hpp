#pragma once
// Applicant-facing messages: the failure notice and the approval message, as JSON for the outbox.
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

// Plain text of a notice, one reason per line, for the applicant's service notification.
std::string notice_text(const nlohmann::json& notice);

}  // namespace rs::issuing
