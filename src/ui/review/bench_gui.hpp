#pragma once
// GUI figures for `reviewstation bench`: runs the real window (under Xvfb in CI) on a queue and
// makes decisions programmatically through the same path as the keys.
#include <string>

namespace rs::ui {

struct GuiBenchFigures {
  double next_order_ms = -1;      // decision -> next photo on screen, GPU finished (median; prefetch on)
  double frame_cpu_ms = -1;       // UI thread CPU time of one frame (median)
  double next_order_ms_max = -1;  // worst decision -> next photo on screen
  double next_order_cpu_ms = -1;  // UI thread CPU time from the decision to that frame submitted (median)
  int next_order_frames = -1;     // frames until the next photo showed (worst case; 1 = the very next frame)
  double frame_cpu_ms_p95 = -1;
  double frame_wall_ms = -1;  // one frame until the GPU is done (median): the rasteriser's share
  int decisions = 0;          // decisions measured
  std::string error;          // why figures are missing (no display, decision refused, ...)
};

// Makes `decisions` approve/reject decisions on `db` as `user`; needs a display. Tops the queue up
// with demo orders first when it holds fewer than decisions + 2 pending orders.
GuiBenchFigures measure_gui(const std::string& db, const std::string& user, int decisions = 20);

}  // namespace rs::ui
