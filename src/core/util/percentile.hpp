#pragma once
// Nearest-rank percentile: the value at rank ceil(p * n) of the sorted values, so p50 and p90 are
// always values that occurred (a review time someone took, not an interpolation).
#include <algorithm>
#include <cmath>
#include <vector>

namespace rs {

// p in [0, 1]; 0 for no values.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  const auto rank = std::size_t(std::ceil(p * double(v.size())));
  const auto at = v.begin() + std::ptrdiff_t(std::min(v.size() - 1, rank == 0 ? 0 : rank - 1));
  std::nth_element(v.begin(), at, v.end());  // linear: a month's million review times, not a sort
  return *at;
}

}  // namespace rs
