#include "core/review/replay_clock.hpp"

#include <algorithm>

namespace rs::review {

ReplayClock::ReplayClock(std::vector<std::int64_t> review_ms) : durations_(std::move(review_ms)) {
  for (auto& d : durations_) d = std::max(d, kShortestMs);
}

std::int64_t ReplayClock::case_duration() const { return durations_.empty() ? 0 : durations_[index_]; }

bool ReplayClock::finished() const {
  return durations_.empty() || (index_ + 1 == durations_.size() && into_ >= durations_[index_]);
}

void ReplayClock::play(std::int64_t now_ms) {
  if (finished() && !durations_.empty()) seek(0, now_ms);  // play again from the start
  last_ms_ = now_ms;
  playing_ = !durations_.empty();
}

void ReplayClock::pause(std::int64_t now_ms) {
  advance(now_ms);
  playing_ = false;
}

void ReplayClock::set_speed(int speed, std::int64_t now_ms) {
  advance(now_ms);  // the time so far counts at the old speed
  speed_ = std::max(1, speed);
}

void ReplayClock::step(int delta, std::int64_t now_ms) {
  if (durations_.empty()) return;
  const auto last = std::int64_t(durations_.size()) - 1;
  seek(std::size_t(std::clamp(std::int64_t(index_) + delta, std::int64_t{0}, last)), now_ms);
  playing_ = false;
}

void ReplayClock::seek(std::size_t index, std::int64_t now_ms) {
  if (durations_.empty()) return;
  index_ = std::min(index, durations_.size() - 1);
  into_ = 0;
  last_ms_ = now_ms;
}

std::size_t ReplayClock::advance(std::int64_t now_ms) {
  if (playing_ && now_ms > last_ms_) {
    into_ += (now_ms - last_ms_) * speed_;
    while (into_ >= durations_[index_] && index_ + 1 < durations_.size()) {
      into_ -= durations_[index_];
      ++index_;
    }
    if (finished()) {
      into_ = durations_[index_];
      playing_ = false;
    }
  }
  last_ms_ = now_ms;
  return index_;
}

}  // namespace rs::review
