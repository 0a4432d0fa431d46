#pragma once
// A trainee's accuracy and Cohen's kappa per training session, drawn with ImDrawList: one point
// per session from left to right, the y axis from 0 (or the lowest kappa, when below) to 1 with
// labelled grid lines, the sessions' dates under the x axis and a legend.
#include <imgui.h>

#include <vector>

#include "core/figures/work_sessions.hpp"

namespace rs::ui::train {

// Draws into the next `size` of the window (an ImGui item, so layout continues below it).
void draw_progress_chart(const std::vector<figures::ProgressPoint>& sessions, ImVec2 size);

}  // namespace rs::ui::train
