#include "ui/train/replay_stage.hpp"

#include <algorithm>

#include "ui/photo/photo_overlays.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::train {
namespace {
constexpr double kMargin = 12.0;

gfx::PhotoDrawParams layer_params(const StagePhoto& p, const gfx::PhotoLayers& layers) {
  gfx::PhotoDrawParams d;
  d.layers = layers;
  std::copy(p.image->stats.background_rgb, p.image->stats.background_rgb + 3, d.background_rgb);
  d.face_luma = p.image->stats.luma_mean;
  const findings::Analysis* a = p.analysis;
  if (a && a->face) {
    const auto& box = a->face->box;
    d.has_face = true;
    d.face_box[0] = std::min(box[0].x, box[1].x);
    d.face_box[1] = std::min(box[0].y, box[1].y);
    d.face_box[2] = std::max(box[0].x, box[1].x);
    d.face_box[3] = std::max(box[0].y, box[1].y);
  }
  if (a && a->frame) {
    const auto g = findings::ga461_guides(*a->frame, p.image->image->width, p.image->image->height);
    d.frame_scale[0] = float(g.sx);
    d.frame_scale[1] = float(g.sy);
    d.head_top_band[0] = float(g.head_top_from);
    d.head_top_band[1] = float(g.head_top_to);
    d.face_edges[0] = float(g.face_inner);
    d.face_edges[1] = float(g.face_outer);
    d.eye_limit = float(g.eye_limit);
  } else {
    d.layers.ga461 = false;  // no frame before the engine has run
  }
  return d;
}

void draw_overlays(const OverlayCanvas& c, const findings::Analysis& a, const Overlays& o) {
  if (o.ga461_lines && a.frame) draw_ga461_guides(c, *a.frame);
  if (a.face) {
    if (o.face_box) draw_face_box(c, *a.face, a.face_count);
    if (o.landmarks) draw_landmarks(c, *a.face);
    if (o.eye_line) draw_eye_line(c, *a.face);
  }
  for (const auto& f : a.findings) {
    if (o.head_top && f.rule_id == "geometry.head_top") draw_head_top(c, f);
    if (o.pose_axes && f.rule_id == "pose.yaw") draw_pose_axes(c, f);
    if (o.finding_shapes && f.verdict != findings::Verdict::Pass)
      draw_finding_shapes(c, f, theme::verdict_u32(f.verdict, 0.85f), false);
  }
}
}  // namespace

void draw_stage(PhotoCanvas& canvas, const StagePhoto& photo, const ScreenRecord& screen, ImVec2 size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  if (!photo.texture || !*photo.texture || !photo.image || !photo.image->image) return;
  const auto& img = *photo.image->image;
  const review::Vec2 photo_size{double(img.width), double(img.height)};
  const review::Vec2 view{size.x, size.y};
  const double fit = review::fit_to_view(photo_size, view, kMargin).scale;
  const review::ViewTransform xf =
      review::centred_on({screen.centre_x * img.width, screen.centre_y * img.height}, {view.x / 2, view.y / 2},
                         fit * screen.zoom, screen.mirrored, img.width);
  Overlays overlays;
  gfx::PhotoLayers layers;
  apply_screen_record(screen, overlays, layers);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end{at.x + size.x, at.y + size.y};
  canvas.draw(dl, *photo.texture, xf, at, at, end, layer_params(photo, layers));
  if (!photo.analysis) return;
  dl->PushClipRect(at, end, true);
  draw_overlays({dl, xf, at, img.width, img.height}, *photo.analysis, overlays);
  dl->PopClipRect();
}

}  // namespace rs::ui::train
