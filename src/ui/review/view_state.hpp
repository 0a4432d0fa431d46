#pragma once
// What the panels share (ImHex habit: views don't reach into each other's members). The
// workstation owns one ViewState; each view reads and writes only the fields named for it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/screen_record.hpp"
#include "gfx/photo_renderer.hpp"

namespace rs::ui {

struct Overlays {
  bool face_box = true;
  bool landmarks = false;
  bool eye_line = true;
  bool ga461_lines = true;
  bool head_top = true;        // the measured top of the hair (geometry.head_top)
  bool pose_axes = false;      // head pose axes from solvePnP (pose.yaw)
  bool finding_shapes = true;  // geometry of failing/warning findings
};

// An action the reviewer asked for; the workstation applies it at the start of the next frame
// (keys are applied in the same frame, before anything is drawn).
// Training: Continue leaves an answered case's feedback; ShowCase opens the finished set's case
// `show_case` again.
enum class Action { None, Approve, OpenReasons, ConfirmReject, Skip, FitPhoto, Continue, ShowCase };

struct ViewState {
  Overlays overlays;
  gfx::PhotoLayers layers;
  bool mirror = false;
  bool loupe = false;
  bool compare_previous = true;  // side by side with the rejected attempt when there is one
  int hovered_finding = -1;      // index into the current analysis, this frame (findings view)
  int pinned_finding = -1;       // clicked in the findings list: stays highlighted
  // Training feedback: the findings behind the reference's reasons, emphasised on the photo.
  std::vector<int> mattered_findings;
  int show_case = 0;              // with Action::ShowCase: the set's position to open
  std::uint64_t item_serial = 0;  // the order the views are showing
  Action pending = Action::None;
  std::vector<std::string> reject_reasons;  // filled by the reason picker on confirm
  std::string reject_other_text;
  bool picker_open = false;
  bool reset_layout = false;
  // Written by the photo view every frame: the zoom relative to the fitted photo and the photo
  // point at the view's centre (fractions of its size), kept with a decision (screen_record).
  double zoom_vs_fit = 1.0;
  double centre_x = 0.5, centre_y = 0.5;
};

// What the reviewer has on screen, as a decision keeps it (decision_screens), and back: the
// replay shows a recorded decision with the same overlays and layers.
ScreenRecord screen_record(const ViewState& state);
void apply_screen_record(const ScreenRecord& record, Overlays& overlays, gfx::PhotoLayers& layers);

}  // namespace rs::ui
