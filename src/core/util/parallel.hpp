#pragma once
// Work shared out over a few threads: `check` and `eval` over photos, the engine's batch bench.
#include <cstddef>
#include <functional>
#include <string>

namespace rs::util {

struct ParallelRun {
  int threads = 0;           // how many threads did the work (the caller's own included)
  std::string thread_error;  // why fewer threads than asked were started, empty when all were
};

// Calls `job(i)` once for every i in [0, n), on up to `threads` threads (the calling thread is one
// of them; never more threads than items). Each thread takes the next index from a shared counter,
// so a slow item does not hold up a fixed share of the others. A job that writes its result to
// slot i of a vector sized n keeps the output in input order whatever the threads' timing.
// The first exception a job throws is rethrown here once every thread has stopped (the others take
// no new index after it), instead of ending the process from a worker thread. When the system
// refuses a thread (out of threads or memory), the work goes on with those started, and
// `thread_error` says why.
ParallelRun for_each_index(std::size_t n, int threads, const std::function<void(std::size_t)>& job);

}  // namespace rs::util
