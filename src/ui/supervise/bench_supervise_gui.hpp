#pragma once
// The supervisor's decision browser on screen, for `bench`: the real window (Xvfb in CI) on a
// database of a million decisions, the browser tab with its first page (200 rows) in, one frame
// timed. ImGui 1.86's GLFW backend reads the mouse only from a focused window, which Xvfb without
// a window manager never has, so the bench cannot scroll to load more pages; it need not: the
// table draws only its visible rows (ImGuiListClipper), whatever the number loaded.
#include <string>

namespace rs::ui {

struct SuperviseGuiFigures {
  double browse_frame_cpu_ms = -1;  // UI-thread CPU of one frame (median)
  double browse_frame_cpu_ms_p95 = -1;
  std::string error;  // why figures are missing (the browser logs its rows to stderr: "gui: browser shows N")
};

// Signs `supervisor` in with `password` on `db` (a supervisor only: the workspace opens at once).
SuperviseGuiFigures measure_supervise_gui(const std::string& db, const std::string& supervisor,
                                          const std::string& password, int frames = 120);

}  // namespace rs::ui
