#include "core/figures/overruled_rules.hpp"

#include <algorithm>

namespace rs::figures {
namespace {
void note_case(OverruledRule& r, const JudgedDecision& d) {
  if (r.cases.size() < kMaxCases) r.cases.push_back(d.order_no + "#" + std::to_string(d.attempt_no));
}
}  // namespace

bool overrules_engine(const JudgedDecision& d, const std::function<std::string(const std::string&)>& reason_of) {
  if (d.approved) return !d.failed_rules.empty();
  std::set<std::string> failed_reasons;
  for (const auto& rule : d.failed_rules) failed_reasons.insert(reason_of(rule));
  for (const auto& rule : d.passed_rules) {
    const std::string reason = reason_of(rule);
    if (!reason.empty() && d.reasons.count(reason) && !failed_reasons.count(reason)) return true;
  }
  return false;
}

std::vector<OverruledRule> overruled_rules(const std::vector<JudgedDecision>& decisions,
                                           const std::function<std::string(const std::string&)>& reason_of) {
  std::map<std::string, OverruledRule> by_rule;
  auto entry = [&](const std::string& rule) -> OverruledRule& {
    auto [it, fresh] = by_rule.try_emplace(rule);
    if (fresh) {
      it->second.rule = rule;
      it->second.reason = reason_of(rule);
    }
    return it->second;
  };
  for (const auto& d : decisions) {
    // A reason some failed rule suggested is that rule's, not an overruling of a passed rule that
    // suggests the same reason (two background rules, one failed, one passed).
    std::set<std::string> failed_reasons;
    for (const auto& rule : d.failed_rules) failed_reasons.insert(entry(rule).reason);
    for (const auto& rule : d.failed_rules) {
      auto& r = entry(rule);
      ++r.failed;
      if (d.approved) {
        ++r.approved_anyway;
        note_case(r, d);
      }
    }
    for (const auto& rule : d.passed_rules) {
      auto& r = entry(rule);
      ++r.passed;
      if (!d.approved && !r.reason.empty() && d.reasons.count(r.reason) && !failed_reasons.count(r.reason)) {
        ++r.rejected_anyway;
        note_case(r, d);
      }
    }
  }
  std::vector<OverruledRule> out;
  for (auto& [rule, r] : by_rule) out.push_back(std::move(r));
  std::stable_sort(out.begin(), out.end(), [](const OverruledRule& a, const OverruledRule& b) {
    return a.approved_anyway + a.rejected_anyway > b.approved_anyway + b.rejected_anyway;
  });
  return out;
}

}  // namespace rs::figures
