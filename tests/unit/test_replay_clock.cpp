// The session replay's clock: cases stay their review time divided by the speed; stepping pauses.
#include <doctest/doctest.h>

#include "core/review/replay_clock.hpp"

using rs::review::ReplayClock;

TEST_CASE("the replay shows each case for its review time, faster at 4x and 16x") {
  ReplayClock c({4000, 2000, 100});  // the last one is shown at least 500 ms
  CHECK(c.case_duration() == 4000);
  c.play(0);
  CHECK(c.advance(3999) == 0);
  CHECK(c.advance(4000) == 1);  // 4 s later the second case
  CHECK(c.elapsed_in_case() == 0);
  c.set_speed(4, 4000);
  CHECK(c.advance(4499) == 1);  // 499 ms at 4x = 1996 ms of recorded time
  CHECK(c.advance(4500) == 2);  // 2000 ms reached
  CHECK(c.case_duration() == ReplayClock::kShortestMs);
  CHECK_FALSE(c.finished());
  c.set_speed(16, 4500);
  CHECK(c.advance(4531) == 2);  // 31 ms x 16 = 496 ms
  CHECK(c.playing());
  CHECK(c.advance(4532) == 2);  // 512 ms: the end; the clock stops on the last case
  CHECK(c.finished());
  CHECK_FALSE(c.playing());
  CHECK(c.elapsed_in_case() == ReplayClock::kShortestMs);
  c.play(5000);  // from the start again
  CHECK(c.index() == 0);
  CHECK(c.playing());
}

TEST_CASE("stepping moves one case and pauses; a jump over several cases at 16x lands right") {
  ReplayClock c({1000, 1000, 1000, 1000});
  c.play(0);
  c.step(1, 10);
  CHECK(c.index() == 1);
  CHECK_FALSE(c.playing());
  CHECK(c.advance(100'000) == 1);  // paused: time passing does nothing
  c.step(-5, 100'000);
  CHECK(c.index() == 0);  // clamped
  c.step(99, 100'000);
  CHECK(c.index() == 3);
  c.seek(0, 0);
  c.set_speed(16, 0);
  c.play(0);
  CHECK(c.advance(150) == 2);  // 2400 ms recorded: two cases done, 400 ms into the third
  CHECK(c.elapsed_in_case() == 400);
  c.pause(150);
  CHECK(c.advance(10'000) == 2);
  CHECK(ReplayClock().finished());
}
