#pragma once
// Agreement between two raters beyond chance (Cohen's kappa), for a reviewer against blind second
// review here and a trainee against the reference in training. Pure arithmetic, tested by hand.
#include <optional>
#include <vector>

namespace rs::figures {

// counts[i][j]: how often the first rater said category i and the second category j (a square
// table). kappa = (p_o - p_e) / (1 - p_e), p_o the observed agreement and p_e the agreement the
// two raters' own category shares give by chance. nullopt when there is nothing to compare or
// when chance alone explains every agreement (p_e = 1: both raters always said one category).
std::optional<double> cohen_kappa(const std::vector<std::vector<long long>>& counts);

// The same for two categories (approve, reject): a the pairs both approved, b first approved and
// second rejected, c first rejected and second approved, d both rejected.
std::optional<double> cohen_kappa_2x2(long long a, long long b, long long c, long long d);

}  // namespace rs::figures
