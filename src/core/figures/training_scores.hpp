#pragma once
// How a trainee did on a training set, against each case's reference answer: accuracy (the share
// of cases whose outcome, approve or reject, matches the reference), Cohen's kappa on approve /
// reject with the reference as the first rater, precision and recall per reason code, and the time
// per case. Pure arithmetic; the store hands in the answers (store_training_scores.cpp).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace rs::figures {

// One answered case: the reference and the trainee's answer.
struct ScoredAnswer {
  bool reference_approved = false;
  std::set<std::string> reference_reasons;  // empty for an approval
  bool answer_approved = false;
  std::set<std::string> answer_reasons;
  std::int64_t ms_spent = 0;
};

// One reason code over a set: tp the answers naming it where the reference does, fp naming it
// where the reference does not, fn not naming it where the reference does.
struct ReasonScore {
  long long tp = 0, fp = 0, fn = 0;
  std::optional<double> precision() const;  // tp / (tp + fp); nullopt when the trainee never named it
  std::optional<double> recall() const;     // tp / (tp + fn); nullopt when the reference never names it
};

struct TrainingScore {
  std::string trainee, set;
  long long cases = 0;      // cases answered
  long long set_cases = 0;  // cases in the set
  long long correct = 0;    // answers with the reference's outcome
  double accuracy = 0;      // correct / cases (0 with no answer)
  std::optional<double> kappa;
  double ms_per_case = 0;
  std::map<std::string, ReasonScore> per_reason;  // every code the reference or the trainee named
};

// Scores the answers (trainee, set and set_cases are left for the caller).
TrainingScore score_answers(const std::vector<ScoredAnswer>& answers);

// {"trainee","set","cases","set_cases","correct","accuracy","kappa","ms_per_case",
//  "per_reason":{CODE:{"precision","recall","tp","fp","fn"}}}; a figure that cannot be computed is null.
nlohmann::json to_json(const TrainingScore& s);
std::string training_csv_header();
// One line per trainee and set; per_reason as "CODE:precision/recall;..." in one field.
std::string csv_row(const TrainingScore& s);

}  // namespace rs::figures
