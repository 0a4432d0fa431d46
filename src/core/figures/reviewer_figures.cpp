#include "core/figures/reviewer_figures.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace rs::figures {
namespace {
nlohmann::json or_null(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string number_or_empty(const std::optional<double>& v) { return v ? number(*v) : std::string(); }

// A reviewer's name in a CSV cell: quoted, quotes doubled (names may hold commas).
std::string csv_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

nlohmann::json to_json(const ReviewerFigures& f) {
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : f.days)
    days.push_back(
        {{"date", d.date}, {"decisions", d.decisions}, {"approvals", d.approvals}, {"review_ms_p50", d.review_ms_p50}});
  return {{"reviewer", f.reviewer},
          {"decisions", f.decisions},
          {"per_hour", f.per_hour},
          {"active_hours", f.active_hours},
          {"review_ms_p50", f.review_ms_p50},
          {"review_ms_p90", f.review_ms_p90},
          {"approval_rate", f.approval_rate},
          {"engine_agreement", or_null(f.engine_agreement)},
          {"overturns", f.overturns},
          {"overturn_rate", f.overturn_rate},
          {"second_reviews", f.second_reviews},
          {"second_review_agreements", f.second_agreements},
          {"kappa", or_null(f.kappa)},
          {"reasons", f.reasons},
          {"days", days}};
}

std::string csv_header() {
  return "reviewer,decisions,per_hour,review_ms_p50,review_ms_p90,approval_rate,engine_agreement,overturns,"
         "overturn_rate,second_reviews,kappa";
}

std::string csv_row(const ReviewerFigures& f) {
  return csv_text(f.reviewer) + "," + std::to_string(f.decisions) + "," + number(f.per_hour) + "," +
         number(f.review_ms_p50) + "," + number(f.review_ms_p90) + "," + number(f.approval_rate) + "," +
         number_or_empty(f.engine_agreement) + "," + std::to_string(f.overturns) + "," + number(f.overturn_rate) + "," +
         std::to_string(f.second_reviews) + "," + number_or_empty(f.kappa);
}

}  // namespace rs::figures
