#pragma once
// Everything a supervisor looks at for one order (Store::case_file, store_case.cpp): the order
// with the applicant's name and ID number in full, every attempt with its photo and decision, the
// second review and the overturn of each decision, and the audit rows about the case.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.hpp"

namespace rs::store {

struct CaseSecondReview {
  std::string reviewer, decision, decided_at;  // decision: approved | rejected
  std::vector<std::string> reasons;
  std::string other_text;
  std::int64_t review_ms = 0;
  bool agrees = false;
  std::string resolved_by, resolved_at, resolution;  // empty while a disagreement is open
};

struct CaseOverturn {
  std::string supervisor, overturned_at, from_decision, to_decision, justification;
  std::vector<std::string> reasons;  // to a rejection: what the applicant reads
  std::string other_text;
  std::string revoked_number, image_number;  // to a rejection / to an approval
};

struct CaseDecision {
  std::int64_t id = 0;
  std::string reviewer, decision;  // approved | rejected: as the reviewer decided it
  std::vector<std::string> reasons;
  std::string other_text;
  std::string shown_at, decided_at;
  std::int64_t review_ms = 0;
  std::string findings_json;  // the record (findings::read_decision_record)
  std::string image_number;   // an approval's number
  std::optional<CaseSecondReview> second_review;
  std::optional<CaseOverturn> overturn;
};

struct CaseAttempt {
  AttemptInfo attempt;
  std::vector<std::uint8_t> photo;  // as stored; decoded by whoever draws it
  std::optional<CaseDecision> decision;
};

struct CaseAuditRow {
  std::int64_t id = 0;
  std::string at, actor, action, subject;
};

struct CaseFile {
  OrderInfo order;                    // the applicant's name and ID number in full
  std::vector<CaseAttempt> attempts;  // attempt 1 first
  std::vector<CaseAuditRow> audit;    // oldest first
};

}  // namespace rs::store
