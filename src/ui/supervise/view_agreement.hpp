#pragma once
// The pairwise second-review agreement matrix of the figures tab: first reviewer (rows) x second
// reviewer (columns), each cell coloured by its agreement rate with its counts in it. A click on a
// cell names its first reviewer, for the browser to list that reviewer's disagreed decisions.
#include <optional>
#include <string>
#include <vector>

#include "core/figures/reviewer_figures.hpp"

namespace rs::ui::supervise {

// Draws the matrix; the first reviewer of the cell clicked this frame, if any.
std::optional<std::string> draw_agreement_matrix(const std::vector<figures::PairAgreement>& pairs);

}  // namespace rs::ui::supervise
