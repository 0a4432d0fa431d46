#include "core/util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace rs::util {

ParallelRun for_each_index(std::size_t n, int threads, const std::function<void(std::size_t)>& job) {
  ParallelRun run;
  if (n == 0) return run;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::exception_ptr first_error;
  auto worker = [&] {
    for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next++) < n;) {
      try {
        job(i);
      } catch (...) {
        std::lock_guard lock(mu);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  const std::size_t wanted = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(threads, 1)));
  std::vector<std::thread> pool;
  pool.reserve(wanted - 1);
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error& e) {
      run.thread_error = e.what();
      break;
    }
  }
  worker();
  for (auto& t : pool) t.join();
  run.threads = static_cast<int>(pool.size()) + 1;
  if (first_error) std::rethrow_exception(first_error);
  return run;
}

}  // namespace rs::util
