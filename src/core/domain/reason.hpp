#pragma once
// Rejection reasons the reviewers choose from (../shared/reference/photo-rules.md). Each has a
// reviewer label and an applicant-facing sentence, both in the i18n table under
// "reason.<CODE>.label" and "reason.<CODE>.applicant".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

struct Reason {
  std::string_view code;  // e.g. "HAIR_EARS"
  bool needs_text;        // OTHER requires the reviewer's own words
};

// In picker order: the reviewer's digit keys 1..9 map to the first nine in this order.
const std::vector<Reason>& all_reasons();
// Reasons the system gives without a reviewer, kept out of the picker: PHOTO_UNREADABLE, when
// intake cannot read an upload (not a JPEG or PNG, truncated, corrupt, too large).
const std::vector<Reason>& system_reasons();
// Either kind.
std::optional<Reason> reason_by_code(std::string_view code);

std::string reason_label(std::string_view code);      // reviewer's words, in the screen's language
std::string reason_applicant(std::string_view code);  // what the applicant should do: always Chinese

}  // namespace rs
