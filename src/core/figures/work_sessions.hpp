#pragma once
// Working sessions: a reviewer's decisions, or a trainee's training answers, split where the gap
// between two of them is longer than a pause (30 minutes unless the caller says otherwise), and a
// trainee's scores per such session (accuracy, kappa and time per case, figures/training_scores),
// the trainer's progress chart. Pure arithmetic; the store hands in the times (store_replay.cpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/figures/training_scores.hpp"

namespace rs::figures {

inline constexpr std::int64_t kSessionGapMs = 30 * 60 * 1000;

// Indexes into the times handed in, both included.
struct SessionSpan {
  std::size_t first = 0, last = 0;
  std::size_t count() const { return last - first + 1; }
};

// `times` in ascending order (ms). A new session starts where the step from the previous time is
// more than `gap_ms`; no times, no sessions.
std::vector<SessionSpan> split_sessions(const std::vector<std::int64_t>& times, std::int64_t gap_ms = kSessionGapMs);

// A training answer and when it was given (ms).
struct TimedAnswer {
  std::int64_t at_ms = 0;
  ScoredAnswer answer;
};

// One training session's scores.
struct ProgressPoint {
  std::int64_t first_ms = 0, last_ms = 0;  // the first and the last answer
  long long cases = 0;
  double accuracy = 0;
  std::optional<double> kappa;  // null when chance explains everything (figures/agreement)
  double ms_per_case = 0;
};

// `answers` in ascending order of at_ms: one point per session, oldest first.
std::vector<ProgressPoint> progress_by_session(const std::vector<TimedAnswer>& answers,
                                               std::int64_t gap_ms = kSessionGapMs);

}  // namespace rs::figures
