// The nearest-rank percentile (util/percentile.hpp), which `bench`, the GUI frame figures and the
// reviewers' figures share.
#include <doctest/doctest.h>

#include <vector>

#include "core/util/percentile.hpp"

TEST_CASE("bench percentile is the nearest rank: the smallest value with at least p of the values at or below it") {
  using rs::percentile;
  const std::vector<double> four = {40, 10, 30, 20};  // unsorted on purpose
  CHECK(percentile(four, 0.50) == 20);                // rank ceil(2) = 2: the lower middle, not an average
  CHECK(percentile(four, 0.51) == 30);
  CHECK(percentile(four, 0.95) == 40);
  CHECK(percentile(four, 0.0) == 10);
  CHECK(percentile(four, 1.0) == 40);
  std::vector<double> hundred;
  for (int i = 100; i >= 1; --i) hundred.push_back(i);
  CHECK(percentile(hundred, 0.95) == 95);
  CHECK(percentile(hundred, 0.50) == 50);
  CHECK(percentile({7}, 0.95) == 7);
  CHECK(percentile({}, 0.5) == 0);
}
