#include "core/figures/agreement.hpp"

#include <cmath>
#include <stdexcept>

namespace rs::figures {

std::optional<double> cohen_kappa(const std::vector<std::vector<long long>>& counts) {
  const std::size_t k = counts.size();
  std::vector<double> rows(k, 0.0), cols(k, 0.0);
  double total = 0, agreed = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (counts[i].size() != k) throw std::invalid_argument("cohen_kappa needs a square table");
    for (std::size_t j = 0; j < k; ++j) {
      const double n = double(counts[i][j]);
      if (n < 0) throw std::invalid_argument("cohen_kappa: a negative count");
      rows[i] += n;
      cols[j] += n;
      total += n;
      if (i == j) agreed += n;
    }
  }
  if (total <= 0) return std::nullopt;
  double chance = 0;
  for (std::size_t i = 0; i < k; ++i) chance += (rows[i] / total) * (cols[i] / total);
  if (std::abs(1.0 - chance) < 1e-12) return std::nullopt;
  return (agreed / total - chance) / (1.0 - chance);
}

std::optional<double> cohen_kappa_2x2(long long a, long long b, long long c, long long d) {
  return cohen_kappa({{a, b}, {c, d}});
}

}  // namespace rs::figures
