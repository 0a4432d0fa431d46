#pragma once
// GUI figures for `reviewstation bench`: runs the real window (under Xvfb in CI) on a queue the
// caller filled and makes decisions programmatically through the same path as the keys.
#include <string>

namespace rs::ui {

struct GuiBenchFigures {
  double next_order_ms = -1;      // decision -> next photo on screen (median; prefetch on)
  double frame_cpu_ms = -1;       // UI thread CPU time of one frame (median)
  double next_order_ms_max = -1;  // worst decision -> next photo
  double frame_cpu_ms_p95 = -1;
  int decisions = 0;              // decisions measured
  std::string error;              // why figures are missing (no display, empty queue, ...)
};

// Makes up to `decisions` approve/reject decisions on `db` as `user`; needs a display.
GuiBenchFigures measure_gui(const std::string& db, const std::string& user, int decisions = 20);

}  // namespace rs::ui
