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
std::optional<Reason> reason_by_code(std::string_view code);

std::string reason_label(std::string_view code);      // reviewer's words, in the screen's language
std::string reason_applicant(std::string_view code);  // what the applicant should do: always Chinese

}  // namespace rs
