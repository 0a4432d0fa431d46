#include "core/figures/training_scores.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/figures/agreement.hpp"

namespace rs::figures {
namespace {
std::optional<double> share(long long part, long long whole) {
  return whole > 0 ? std::optional<double>(double(part) / double(whole)) : std::nullopt;
}

nlohmann::json or_null(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

std::string number_or_empty(const std::optional<double>& v) {
  if (!v) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", *v);
  return buf;
}

// A name in a CSV cell: quoted, quotes doubled (set names may hold commas).
std::string csv_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void count_reasons(const ScoredAnswer& a, std::map<std::string, ReasonScore>& per_reason) {
  for (const auto& code : a.answer_reasons) {
    auto& r = per_reason[code];
    if (a.reference_reasons.count(code))
      ++r.tp;
    else
      ++r.fp;
  }
  for (const auto& code : a.reference_reasons)
    if (!a.answer_reasons.count(code)) ++per_reason[code].fn;
}
}  // namespace

std::optional<double> ReasonScore::precision() const { return share(tp, tp + fp); }
std::optional<double> ReasonScore::recall() const { return share(tp, tp + fn); }

TrainingScore score_answers(const std::vector<ScoredAnswer>& answers) {
  TrainingScore s;
  // The 2x2 table, reference first: a both approved, b reference approved and the trainee
  // rejected, c reference rejected and the trainee approved, d both rejected.
  long long a = 0, b = 0, c = 0, d = 0;
  std::int64_t ms = 0;
  for (const auto& x : answers) {
    if (x.reference_approved)
      ++(x.answer_approved ? a : b);
    else
      ++(x.answer_approved ? c : d);
    ms += x.ms_spent;
    count_reasons(x, s.per_reason);
  }
  s.cases = (long long)answers.size();
  s.correct = a + d;
  s.accuracy = share(s.correct, s.cases).value_or(0.0);
  s.kappa = s.cases > 0 ? cohen_kappa_2x2(a, b, c, d) : std::nullopt;
  s.ms_per_case = s.cases > 0 ? double(ms) / double(s.cases) : 0.0;
  return s;
}

nlohmann::json to_json(const TrainingScore& s) {
  nlohmann::json per_reason = nlohmann::json::object();
  for (const auto& [code, r] : s.per_reason)
    per_reason[code] = {{"precision", or_null(r.precision())},
                        {"recall", or_null(r.recall())},
                        {"tp", r.tp},
                        {"fp", r.fp},
                        {"fn", r.fn}};
  return {
      {"trainee", s.trainee},    {"set", s.set},           {"cases", s.cases},          {"set_cases", s.set_cases},
      {"correct", s.correct},    {"accuracy", s.accuracy}, {"kappa", or_null(s.kappa)}, {"ms_per_case", s.ms_per_case},
      {"per_reason", per_reason}};
}

std::string training_csv_header() {
  return "trainee,set,cases,set_cases,correct,accuracy,kappa,ms_per_case,per_reason";
}

std::string csv_row(const TrainingScore& s) {
  std::string reasons;
  for (const auto& [code, r] : s.per_reason)
    reasons +=
        (reasons.empty() ? "" : ";") + code + ":" + number_or_empty(r.precision()) + "/" + number_or_empty(r.recall());
  return csv_text(s.trainee) + "," + csv_text(s.set) + "," + std::to_string(s.cases) + "," +
         std::to_string(s.set_cases) + "," + std::to_string(s.correct) + "," + number_or_empty(s.accuracy) + "," +
         number_or_empty(s.kappa) + "," + number_or_empty(s.ms_per_case) + "," + csv_text(reasons);
}

}  // namespace rs::figures
