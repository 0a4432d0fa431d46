// Reason codes as every judgement of a photo takes them: a decision, a second review, an overturn.
#include <set>

#include "core/domain/reason.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
using Why = Refusal::Why;

void check_reasons(Outcome outcome, const std::vector<std::string>& reasons, const std::string& other_text,
                   const std::string& subject) {
  if (outcome == Outcome::Approve) return;
  if (reasons.empty()) throw Refusal(Why::NoReason, subject + ": a rejection needs at least one reason");
  for (const auto& code : reasons) {
    auto reason = reason_by_code(code);
    if (!reason) throw Refusal(Why::UnknownReason, subject + ": unknown reason code '" + code + "'");
    if (reason->needs_text && other_text.find_first_not_of(" \t\r\n") == std::string::npos)
      throw Refusal(Why::OtherNeedsText, subject + ": the reason 其他 (OTHER) needs the reviewer's text");
  }
}

std::vector<std::string> distinct_reasons(Outcome outcome, const std::vector<std::string>& reasons) {
  std::vector<std::string> out;
  if (outcome == Outcome::Approve) return out;
  std::set<std::string> seen;
  for (const auto& code : reasons)
    if (seen.insert(code).second) out.push_back(code);
  return out;
}

}  // namespace rs::store
