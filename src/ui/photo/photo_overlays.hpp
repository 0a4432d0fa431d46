#pragma once
// Vector overlays on the photo with ImDrawList, in photo pixel coordinates mapped through the
// view transform (so they follow zoom, pan and mirror): face box, the 68 landmarks, the eye line
// with its angle, the GA 461 guide lines, and each finding's geometry.
#include <imgui.h>

#include "core/findings/finding.hpp"
#include "core/photo/ga461_frame.hpp"
#include "core/review/view_transform.hpp"

namespace rs::ui {

struct OverlayCanvas {
  ImDrawList* dl = nullptr;
  review::ViewTransform xf;
  ImVec2 origin;  // screen position of the view's top-left
  int photo_w = 0, photo_h = 0;

  ImVec2 to_screen(findings::Point p) const;
  ImVec2 to_screen(double x, double y) const;
};

void draw_face_box(const OverlayCanvas& c, const findings::FaceGeometry& face, int face_count);
void draw_landmarks(const OverlayCanvas& c, const findings::FaceGeometry& face);
void draw_eye_line(const OverlayCanvas& c, const findings::FaceGeometry& face);
// The GA 461 guides of the photo's document type (its spec's frame, scaled to the photo): the
// head-top band, the eye-line limit, the face-edge bands and the centre line, with their figures.
void draw_ga461_guides(const OverlayCanvas& c, const findings::Ga461Frame& frame);
// The measured head-top line (first line of geometry.head_top) and the pose axes (pose.yaw's
// x/y/z lines), whatever their verdict.
void draw_head_top(const OverlayCanvas& c, const findings::Finding& head_top);
void draw_pose_axes(const OverlayCanvas& c, const findings::Finding& pose);

// One finding's shapes; `emphasis` draws it thick with a halo (hovered or pinned).
void draw_finding_shapes(const OverlayCanvas& c, const findings::Finding& f, ImU32 colour, bool emphasis);

}  // namespace rs::ui
