#include "ui/review/view_state.hpp"

#include <algorithm>
#include <cmath>

namespace rs::ui {
namespace bits = screen_bits;

namespace {
void put(std::uint32_t& set, std::uint32_t bit, bool on) {
  if (on) set |= bit;
}
}  // namespace

ScreenRecord screen_record(const ViewState& state) {
  ScreenRecord r;
  const Overlays& o = state.overlays;
  put(r.overlays, bits::kFaceBox, o.face_box);
  put(r.overlays, bits::kLandmarks, o.landmarks);
  put(r.overlays, bits::kEyeLine, o.eye_line);
  put(r.overlays, bits::kGa461Lines, o.ga461_lines);
  put(r.overlays, bits::kHeadTop, o.head_top);
  put(r.overlays, bits::kPoseAxes, o.pose_axes);
  put(r.overlays, bits::kFindingShapes, o.finding_shapes);
  put(r.layers, bits::kZebra, state.layers.zebra);
  put(r.layers, bits::kBackground, state.layers.background);
  put(r.layers, bits::kFaceLight, state.layers.face_light);
  put(r.layers, bits::kGa461Template, state.layers.ga461);
  r.mirrored = state.mirror;
  r.loupe = state.loupe;
  r.compare_previous = state.compare_previous;
  // Within what the store accepts (screen_record_problem): a view zoomed far out and panned may
  // centre well beside the photo, and that must never cost the reviewer the decision.
  r.zoom = std::isfinite(state.zoom_vs_fit) ? std::clamp(state.zoom_vs_fit, 0.001, 10'000.0) : 1.0;
  r.centre_x = std::isfinite(state.centre_x) ? std::clamp(state.centre_x, -1.0, 2.0) : 0.5;
  r.centre_y = std::isfinite(state.centre_y) ? std::clamp(state.centre_y, -1.0, 2.0) : 0.5;
  return r;
}

void apply_screen_record(const ScreenRecord& r, Overlays& o, gfx::PhotoLayers& layers) {
  o.face_box = r.overlays & bits::kFaceBox;
  o.landmarks = r.overlays & bits::kLandmarks;
  o.eye_line = r.overlays & bits::kEyeLine;
  o.ga461_lines = r.overlays & bits::kGa461Lines;
  o.head_top = r.overlays & bits::kHeadTop;
  o.pose_axes = r.overlays & bits::kPoseAxes;
  o.finding_shapes = r.overlays & bits::kFindingShapes;
  layers.zebra = r.layers & bits::kZebra;
  layers.background = r.layers & bits::kBackground;
  layers.face_light = r.layers & bits::kFaceLight;
  layers.ga461 = r.layers & bits::kGa461Template;
}

}  // namespace rs::ui
