#pragma once
// The clock of a session replay: each case stays on screen as long as it stayed before the
// reviewer (its review time), divided by the speed (1x, 4x, 16x); stepping moves to the previous
// or next case and pauses. Pure: the replay panel hands in the time, so it is unit-tested.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace rs::review {

class ReplayClock {
 public:
  // A case shown for less than this (a decision from the command line has no review time) is
  // still shown this long in recorded time, so it can be seen.
  static constexpr std::int64_t kShortestMs = 500;

  ReplayClock() = default;
  explicit ReplayClock(std::vector<std::int64_t> review_ms);

  void play(std::int64_t now_ms);
  void pause(std::int64_t now_ms);
  bool playing() const { return playing_; }
  void set_speed(int speed, std::int64_t now_ms);  // 1, 4, 16 (anything below 1 is 1)
  int speed() const { return speed_; }
  // To case index+delta (clamped), at its start, paused.
  void step(int delta, std::int64_t now_ms);
  void seek(std::size_t index, std::int64_t now_ms);

  // Moves the clock on to `now_ms`; returns the case on screen. At the end of the last case the
  // clock stops there (finished()).
  std::size_t advance(std::int64_t now_ms);
  std::size_t index() const { return index_; }
  std::size_t size() const { return durations_.size(); }
  std::int64_t elapsed_in_case() const { return into_; }  // recorded ms since the case appeared
  std::int64_t case_duration() const;                     // recorded ms it stays (at least kShortestMs)
  bool finished() const;

 private:
  std::vector<std::int64_t> durations_;
  std::size_t index_ = 0;
  std::int64_t into_ = 0;  // recorded ms into the current case
  std::int64_t last_ms_ = 0;
  int speed_ = 1;
  bool playing_ = false;
};

}  // namespace rs::review
