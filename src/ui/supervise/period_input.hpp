#pragma once
// The period a figure is read over (统计期间): two dates, 2026-12-01 style, and 刷新. Shared by the
// figures and the overruled rules, so both ask for a period the same way.
#include <cstddef>

namespace rs::ui::supervise {

struct PeriodInput {
  char from[16] = {}, to[16] = {};
  // Draws the inputs and the refresh button (disabled while `loading`) on one line and leaves the
  // cursor beside the button. True when the period should be read again (Enter or the button).
  bool draw(const char* id, bool loading);
};

}  // namespace rs::ui::supervise
