#pragma once
// What a supervisor reads about each reviewer over a period: pace, review time, approval rate,
// reason mix, agreement with the rule engine, overturns and Cohen's kappa against blind second
// review. The store fills them (store_figures.cpp); this file only holds them and writes them out
// for `reviewstation figures --json|--csv` and the figures panel's CSV export.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace rs::figures {

// Kappa from fewer second reviews than this says more about chance than about the reviewer.
inline constexpr long long kMinSecondReviewsForKappa = 10;

struct DayFigures {
  std::string date;  // 2026-12-05 (China Standard Time)
  long long decisions = 0, approvals = 0;
  double review_ms_p50 = 0;
};

struct ReviewerFigures {
  std::string reviewer;
  long long decisions = 0, approvals = 0;
  long long active_hours = 0;  // clock hours with at least one decision
  double per_hour = 0;         // decisions / active_hours
  // Nearest rank over review times counted in buckets (migration 018): within half a bucket of
  // the exact value, 125 ms below 10 s and at most 2.5 % from 5 s up.
  double review_ms_p50 = 0, review_ms_p90 = 0;
  double approval_rate = 0;
  long long engine_judged = 0, engine_agreed = 0;  // decisions with findings; of them, agreeing
  std::optional<double> engine_agreement;          // engine_agreed / engine_judged
  long long overturns = 0;
  double overturn_rate = 0;
  long long second_reviews = 0, second_agreements = 0;
  std::optional<double> kappa;                            // nullopt below kMinSecondReviewsForKappa second reviews
  std::map<std::string, long long, std::less<>> reasons;  // reason code -> rejections naming it
  std::vector<DayFigures> days;
};

// first reviewer x second reviewer: how many second reviews and how many agreed.
struct PairAgreement {
  std::string first, second;
  long long reviews = 0, agreements = 0;
};

struct FiguresReport {
  std::string from, to;  // the dates asked for, inclusive (empty: open)
  std::vector<ReviewerFigures> reviewers;
  std::vector<PairAgreement> pairs;
};

nlohmann::json to_json(const ReviewerFigures& f);
std::string csv_header();
std::string csv_row(const ReviewerFigures& f);

}  // namespace rs::figures
