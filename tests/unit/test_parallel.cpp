// for_each_index: every index once, results in input order, a worker's exception reaches the caller.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/util/parallel.hpp"

using rs::util::for_each_index;

TEST_CASE("for_each_index visits every index exactly once, for any number of items and threads") {
  const std::size_t counts[] = {0, 1, 2, 7, 64, 1000};
  const int thread_counts[] = {1, 2, 3, 8, 65};
  for (std::size_t n : counts)
    for (int k : thread_counts) {
      CAPTURE(n);
      CAPTURE(k);
      std::unique_ptr<std::atomic<int>[]> visits(new std::atomic<int>[n + 1]());
      const auto run = for_each_index(n, k, [&](std::size_t i) { ++visits[i]; });
      int wrong = 0;
      for (std::size_t i = 0; i < n; ++i) wrong += visits[i] != 1;
      CHECK(wrong == 0);
      CHECK(visits[n] == 0);  // nothing past the end
      // Never more threads than items or than asked, and no thread at all for no items.
      CHECK(run.threads == (n == 0 ? 0 : int(std::min<std::size_t>(n, std::size_t(k)))));
      CHECK(run.thread_error.empty());
    }
}

TEST_CASE("for_each_index: results written per index come out in input order") {
  std::vector<std::size_t> out(500, 0);
  for_each_index(out.size(), 4, [&](std::size_t i) {
    if (i % 7 == 0) std::this_thread::yield();  // uneven work, so threads finish out of order
    out[i] = i * i;
  });
  std::size_t misplaced = 0;
  for (std::size_t i = 0; i < out.size(); ++i) misplaced += out[i] != i * i;
  CHECK(misplaced == 0);
}

TEST_CASE("for_each_index: the work is really shared out over the threads") {
  std::mutex mu;
  std::set<std::thread::id> seen;
  std::atomic<int> waiting{0};
  // Each of the first two items waits until both have started, which only two threads can do.
  for_each_index(2, 2, [&](std::size_t) {
    {
      std::lock_guard lock(mu);
      seen.insert(std::this_thread::get_id());
    }
    ++waiting;
    while (waiting < 2) std::this_thread::yield();
  });
  CHECK(seen.size() == 2);
}

TEST_CASE("for_each_index: a job's exception reaches the caller, and the other threads stop taking items") {
  std::atomic<int> done{0};
  auto job = [&](std::size_t i) {
    if (i == 5) throw std::runtime_error("photo 5 is broken");
    std::this_thread::sleep_for(std::chrono::microseconds(50));  // a throw is far quicker than the rest
    ++done;
  };
  CHECK_THROWS_WITH_AS(for_each_index(2'000, 1, job), "photo 5 is broken", std::runtime_error);
  CHECK(done == 5);  // one thread: items 0-4, then it stopped
  done = 0;
  CHECK_THROWS_WITH_AS(for_each_index(2'000, 3, job), "photo 5 is broken", std::runtime_error);
  CHECK(done < 2'000 - 1);  // stopped early rather than working through the rest
  // Only the first of several failures is reported.
  CHECK_THROWS_WITH(for_each_index(3, 1, [](std::size_t i) { throw std::runtime_error("item " + std::to_string(i)); }),
                    "item 0");
}
