#pragma once
// --threads N for the commands that analyse many photos at once (check, eval).
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

#include "cli/command.hpp"

namespace rs::cli {
// At least 1 (0 or less is a usage error); at most 4 per hardware thread and 64 in all, with a note
// on stderr when capped: each worker holds a photo of up to 20 MB and its decoded images, and
// `check --threads 5000` under a memory limit aborted. No more than `items` either (an idle worker
// only costs memory).
inline int thread_count(const Args& args, const char* command, std::size_t items, int fallback = 1) {
  const int requested = args.integer("--threads", fallback);
  if (requested < 1) throw UsageError("--threads takes a number of 1 or more, got " + std::to_string(requested));
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int most = std::min(4 * hardware, 64);
  if (requested > most)
    std::fprintf(stderr, "%s: --threads %d capped at %d (4 per hardware thread, at most 64)\n", command, requested,
                 most);
  return static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(std::min(requested, most)), std::max<std::size_t>(items, 1)));
}
}  // namespace rs::cli
