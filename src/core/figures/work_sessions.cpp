#include "core/figures/work_sessions.hpp"

namespace rs::figures {

std::vector<SessionSpan> split_sessions(const std::vector<std::int64_t>& times, std::int64_t gap_ms) {
  std::vector<SessionSpan> out;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (out.empty() || times[i] - times[i - 1] > gap_ms)
      out.push_back({i, i});
    else
      out.back().last = i;
  }
  return out;
}

std::vector<ProgressPoint> progress_by_session(const std::vector<TimedAnswer>& answers, std::int64_t gap_ms) {
  std::vector<std::int64_t> times;
  times.reserve(answers.size());
  for (const auto& a : answers) times.push_back(a.at_ms);
  std::vector<ProgressPoint> out;
  for (const auto& span : split_sessions(times, gap_ms)) {
    std::vector<ScoredAnswer> part;
    for (std::size_t i = span.first; i <= span.last; ++i) part.push_back(answers[i].answer);
    const TrainingScore s = score_answers(part);
    out.push_back({times[span.first], times[span.last], s.cases, s.accuracy, s.kappa, s.ms_per_case});
  }
  return out;
}

}  // namespace rs::figures
