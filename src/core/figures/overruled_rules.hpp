#pragma once
// Rules that reviewers overrule: per rule, how often a reviewer approved a photo the rule failed,
// and how often one rejected for the rule's own reason a photo the rule passed, with the cases
// behind each count. Where the counts are high the engine needs tuning (or the reviewers a word).
// Pure: the store hands in what each decision held (store_figures.cpp).
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace rs::figures {

// One decision as the engine and the reviewer saw it.
struct JudgedDecision {
  std::string order_no;
  int attempt_no = 0;
  bool approved = false;
  std::set<std::string> reasons;                     // the reviewer's reason codes
  std::set<std::string> failed_rules, passed_rules;  // rule ids from the findings record
};

struct OverruledRule {
  std::string rule, reason;        // rule id and the reason code it suggests on failure
  long long failed = 0;            // decisions where the rule failed
  long long approved_anyway = 0;   // ... and the reviewer approved
  long long passed = 0;            // decisions where the rule passed
  long long rejected_anyway = 0;   // ... and the reviewer rejected for the rule's reason
  std::vector<std::string> cases;  // "ORDER#attempt" behind both counts, at most kMaxCases
  double overrule_rate() const {
    const long long n = failed + passed;
    return n > 0 ? double(approved_anyway + rejected_anyway) / double(n) : 0.0;
  }
};

inline constexpr std::size_t kMaxCases = 50;

// `reason_of(rule)`: the reason code the rule suggests ("" when it suggests none: such a rule can
// only be overruled by an approval). Rules in order of how often they were overruled, most first.
// True when the decision overrules at least one rule as overruled_rules() counts it: an approval of
// a photo some rule failed, or a rejection for a passed rule's reason that no failed rule
// suggested. Training sets' "difficult" cases are these, beside overturns and disagreements.
bool overrules_engine(const JudgedDecision& d, const std::function<std::string(const std::string&)>& reason_of);

std::vector<OverruledRule> overruled_rules(const std::vector<JudgedDecision>& decisions,
                                           const std::function<std::string(const std::string&)>& reason_of);

}  // namespace rs::figures
