#include "ui/review/view_photo.hpp"

#include <algorithm>
#include <cstdio>

#include "ui/photo/photo_overlays.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {
constexpr float kMargin = 12.0f;

review::Vec2 v2(ImVec2 v) { return {v.x, v.y}; }

bool inside(ImVec2 p, ImVec2 mn, ImVec2 size) {
  return p.x >= mn.x && p.y >= mn.y && p.x < mn.x + size.x && p.y < mn.y + size.y;
}

// The rejected attempt of a resubmission, in the reviewer's words: who rejected it and when, the
// reasons (the free text in place of "other"), one piece per line so nothing dangles when wrapped.
std::string previous_caption(const review::ReviewItem& item) {
  std::string s = T("ui.photo.previous_attempt");
  const auto& prev = item.claim.previous;
  if (!prev) return s;
  s += "  " + prev->reviewer;
  if (prev->decided_at.size() >= 16) s += "  " + prev->decided_at.substr(0, 10) + " " + prev->decided_at.substr(11, 5);
  std::string reasons;
  for (const auto& r : prev->reasons) {
    if (r == "OTHER" && !prev->other_text.empty()) continue;  // its text follows on its own line
    reasons += (reasons.empty() ? "" : "、") + std::string(T("reason." + r + ".label"));
  }
  if (!reasons.empty()) s += "\n" + std::string(T("ui.photo.previous_reasons")) + reasons;
  if (!prev->other_text.empty()) s += "\n" + std::string(T("ui.photo.previous_other")) + prev->other_text;
  return s;
}

// A caption band above a photo of the side-by-side view, wrapped to its width.
void caption_band(ImDrawList* dl, ImVec2 pos, float width, float height, const std::string& text, ImU32 bg, ImU32 fg) {
  dl->AddRectFilled(pos, {pos.x + width, pos.y + height}, bg);
  dl->PushClipRect(pos, {pos.x + width, pos.y + height}, true);
  dl->AddText(nullptr, 0, {pos.x + 6, pos.y + 4}, fg, text.c_str(), nullptr, width - 12);
  dl->PopClipRect();
}

// A toolbar row: a caption, then items side by side that carry on under the first item when the
// panel is too narrow for them (English labels run about twice as wide as Chinese ones).
class ToolRow {
 public:
  // `items_x`: where the items start, in window coordinates (the same for every row, so rows align).
  ToolRow(const char* caption, float items_x) : items_x_(items_x) {
    ImGui::TextColored(theme::kMuted, "%s", caption);
    ImGui::SameLine(items_x);
  }
  // Call before drawing an item `width` wide.
  void next(float width) {
    if (first_) {
      first_ = false;
      return;
    }
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) {
      ImGui::SameLine();
    } else {
      ImGui::SetCursorPosX(items_x_);
    }
  }
  // A compact checkbox with its shortcut in the tooltip.
  void toggle(const char* key, bool* v, const char* shortcut = nullptr) {
    const char* label = T(key);
    next(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x);
    ImGui::Checkbox(label, v);
    if (shortcut && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", shortcut);
  }
  bool small_button(const char* label) {
    next(ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x);
    return ImGui::SmallButton(label);
  }
  void separator() {
    next(ImGui::CalcTextSize("|").x);
    ImGui::TextDisabled("|");
  }

 private:
  float items_x_;
  bool first_ = true;
};
}  // namespace

void PhotoView::draw(const review::SessionSnapshot& snap, const PhotoTextures& tex, ViewState& state) {
  ImGuiWindowFlags flags = place_panel(Panel::Photo, state.reset_layout, 1.0f);
  flags |= ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {6, 6});
  bool open = ImGui::Begin(titled("ui.photo.title", "photo").c_str(), nullptr, flags);
  ImGui::PopStyleVar();
  note_panel_rect(Panel::Photo);
  if (open) {
    canvas_.begin_frame();
    const review::ReviewItem* item = snap.current.get();
    draw_toolbar(state, item && item->claim.previous);
    if (item && tex.current && *tex.current)
      draw_photo_area(*item, tex, state);
    else
      draw_placeholder(snap);
    draw_status(item && tex.current && *tex.current ? item : nullptr);
  }
  ImGui::End();
}

// `resubmission`: the order has a rejected attempt to compare with; otherwise that toggle is greyed.
void PhotoView::draw_toolbar(ViewState& state, bool resubmission) {
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, {4, 2});
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {10, 4});
  const char* overlays = T("ui.photo.overlays");
  const char* layers = T("ui.photo.layers");
  float items_x = ImGui::GetCursorPosX() + std::max(ImGui::CalcTextSize(overlays).x, ImGui::CalcTextSize(layers).x) +
                  ImGui::GetStyle().ItemSpacing.x;
  {
    ToolRow row(overlays, items_x);
    row.toggle("ui.photo.face_box", &state.overlays.face_box);
    row.toggle("ui.photo.landmarks", &state.overlays.landmarks);
    row.toggle("ui.photo.eye_line", &state.overlays.eye_line);
    row.toggle("ui.photo.ga461_lines", &state.overlays.ga461_lines);
    row.toggle("ui.photo.head_top", &state.overlays.head_top);
    row.toggle("ui.photo.pose_axes", &state.overlays.pose_axes);
    row.toggle("ui.photo.finding_shapes", &state.overlays.finding_shapes);
  }
  {
    ToolRow row(layers, items_x);
    ImGui::BeginDisabled(!renderer_.ok());
    row.toggle("ui.photo.zebra", &state.layers.zebra);
    row.toggle("ui.photo.background", &state.layers.background);
    row.toggle("ui.photo.face_light", &state.layers.face_light);
    row.toggle("ui.photo.ga461_template", &state.layers.ga461);
    ImGui::EndDisabled();
    row.separator();
    row.toggle("ui.photo.mirror", &state.mirror, "M");
    row.toggle("ui.photo.loupe", &state.loupe, "L");
    ImGui::BeginDisabled(!resubmission);
    row.toggle("ui.photo.compare", &state.compare_previous);
    ImGui::EndDisabled();
    if (row.small_button(T("ui.photo.fit"))) fit_mode_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("F");
    if (row.small_button("1:1")) {
      xf_ = review::zoom_at(xf_, {view_size_.x / 2, view_size_.y / 2}, 1.0 / xf_.scale);
      fit_mode_ = false;
    }
  }
  ImGui::PopStyleVar(2);
}

gfx::PhotoDrawParams PhotoView::layer_params(const review::ReviewItem& item, const ViewState& state,
                                             bool is_previous) const {
  gfx::PhotoDrawParams p;
  p.layers = state.layers;
  // The rejected attempt has no face geometry here: the background map would colour the face as
  // "background" and the face-light map has no face to look at, so only the face-free layers.
  if (is_previous) p.layers.background = p.layers.face_light = false;
  const review::DisplayImage& photo = is_previous ? item.previous_photo : item.photo;
  std::copy(photo.stats.background_rgb, photo.stats.background_rgb + 3, p.background_rgb);
  p.face_luma = photo.stats.luma_mean;
  if (!is_previous && item.analysis && item.analysis->face) {
    const auto& box = item.analysis->face->box;
    p.has_face = true;
    p.face_box[0] = std::min(box[0].x, box[1].x);
    p.face_box[1] = std::min(box[0].y, box[1].y);
    p.face_box[2] = std::max(box[0].x, box[1].x);
    p.face_box[3] = std::max(box[0].y, box[1].y);
    if (item.face_luma >= 0) p.face_luma = item.face_luma;
  }
  // The template is the document type's frame from its spec, scaled to this photo; the rejected
  // attempt is held against the same document's frame.
  if (item.analysis && item.analysis->frame && photo.image) {
    const findings::Ga461Guides g =
        findings::ga461_guides(*item.analysis->frame, photo.image->width, photo.image->height);
    p.frame_scale[0] = float(g.sx);
    p.frame_scale[1] = float(g.sy);
    p.head_top_band[0] = float(g.head_top_from);
    p.head_top_band[1] = float(g.head_top_to);
    p.face_edges[0] = float(g.face_inner);
    p.face_edges[1] = float(g.face_outer);
    p.eye_limit = float(g.eye_limit);
  } else {
    p.layers.ga461 = false;  // no frame to draw before the engine has run
  }
  // Dim the photo a little while a finding is highlighted so its geometry stands out.
  if (!is_previous && (state.hovered_finding >= 0 || state.pinned_finding >= 0 || !state.mattered_findings.empty()))
    p.dim = 0.25f;
  return p;
}

void PhotoView::draw_photo_area(const review::ReviewItem& item, const PhotoTextures& tex, ViewState& state) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  avail.y -= ImGui::GetFrameHeightWithSpacing();  // status line
  avail = {std::max(avail.x, 32.0f), std::max(avail.y, 32.0f)};
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool compare = state.compare_previous && tex.previous && *tex.previous;
  float gap = compare ? 8.0f : 0.0f;
  ImVec2 one = compare ? ImVec2((avail.x - gap) / 2, avail.y) : avail;
  ImVec2 photo_size{float(tex.current->width()), float(tex.current->height())};

  if (serial_ != item.serial) {
    serial_ = item.serial;
    fit_mode_ = true;
    state.pinned_finding = -1;
  }
  if (fit_mode_) xf_ = review::fit_to_view(v2(photo_size), v2(one), kMargin, state.mirror);
  if (xf_.mirrored != state.mirror) xf_ = review::toggle_mirror(xf_, v2(one));
  view_size_ = one;

  ImGui::InvisibleButton("photo_canvas", avail, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
  // Side by side: the rejected attempt's caption and this attempt's sit above the photos, which
  // share the height that is left (a long caption never covers the head).
  std::string prev_caption, this_caption;
  float band_h = 0;
  if (compare) {
    prev_caption = previous_caption(item);
    this_caption = std::string(T("ui.photo.this_attempt")) + std::to_string(item.claim.attempt.attempt_no) +
                   T("ui.photo.this_attempt_suffix");
    float wrap = one.x - 12;
    band_h = std::max(ImGui::CalcTextSize(prev_caption.c_str(), nullptr, false, wrap).y,
                      ImGui::CalcTextSize(this_caption.c_str(), nullptr, false, wrap).y) +
             8;
    band_h = std::min(band_h, one.y * 0.4f);  // a very long text is clipped (its tooltip has it all)
    one.y = std::max(32.0f, one.y - band_h - gap);
  }
  float photo_top = pos.y + (compare ? band_h + gap : 0);
  ImVec2 cur_origin{pos.x + (compare ? one.x + gap : 0), photo_top};
  ImVec2 prev_origin{pos.x, photo_top};
  handle_input(compare ? prev_origin : cur_origin, one, photo_size, state);
  if (compare) handle_input(cur_origin, one, photo_size, state);

  // The photo sits on the panel's own background: a darker backdrop here was another 0.5 Mpx
  // for the software rasteriser to fill every frame.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (compare) {
    caption_band(dl, pos, one.x, band_h, prev_caption, IM_COL32(90, 30, 30, 230), IM_COL32(255, 220, 220, 255));
    float this_h = std::min(band_h, ImGui::CalcTextSize(this_caption.c_str(), nullptr, false, one.x - 12).y + 8);
    caption_band(dl, {cur_origin.x, pos.y}, one.x, this_h, this_caption, IM_COL32(30, 60, 95, 230),
                 IM_COL32(220, 235, 255, 255));
    if (ImGui::IsMouseHoveringRect(pos, {pos.x + one.x, pos.y + band_h})) ImGui::SetTooltip("%s", prev_caption.c_str());
    draw_one(item, *tex.previous, prev_origin, one, true, state);
  }
  draw_one(item, *tex.current, cur_origin, one, false, state);
  note_zoom(photo_size, one, state);
  if (state.loupe && hovered_) draw_loupe(item, *tex.current, cur_origin, state);
  if (!renderer_.ok()) {
    // The shader failed: say so on the photo itself (the photo still shows, without layers).
    std::string msg = std::string(T("ui.photo.shader_failed")) + renderer_.error();
    ImVec2 ts = ImGui::CalcTextSize(msg.c_str(), nullptr, false, avail.x - 12);
    dl->AddRectFilled(pos, {pos.x + avail.x, pos.y + ts.y + 8}, IM_COL32(120, 20, 20, 230));
    dl->PushClipRect(pos, {pos.x + avail.x, pos.y + avail.y}, true);
    dl->AddText(nullptr, 0, {pos.x + 6, pos.y + 4}, IM_COL32(255, 230, 230, 255), msg.c_str(), nullptr, avail.x - 12);
    dl->PopClipRect();
  }
}

// The zoom and the view's centre as a decision keeps them (relative to the fitted photo, in
// fractions of the photo), so a replay on another screen shows the same part of it.
void PhotoView::note_zoom(ImVec2 photo_size, ImVec2 view, ViewState& state) const {
  const double fit = review::fit_to_view(v2(photo_size), v2(view), kMargin).scale;
  state.zoom_vs_fit = fit > 0 ? xf_.scale / fit : 1.0;
  const review::Vec2 c = review::view_to_photo(xf_, {view.x / 2.0, view.y / 2.0});
  state.centre_x = c.x / photo_size.x;
  state.centre_y = c.y / photo_size.y;
}

void PhotoView::handle_input(ImVec2 origin, ImVec2 size, ImVec2 photo_size, ViewState& state) {
  ImGuiIO& io = ImGui::GetIO();
  bool over = ImGui::IsItemHovered() && inside(io.MousePos, origin, size);
  if (!over && !ImGui::IsItemActive()) return;
  review::Vec2 mouse{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
  if (over) {
    hovered_ = true;
    cursor_photo_ = review::view_to_photo(xf_, mouse);
    if (io.MouseWheel != 0) {
      xf_ = review::zoom_at(xf_, mouse, review::wheel_zoom_factor(io.MouseWheel));
      fit_mode_ = false;
    }
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) fit_mode_ = true;
  }
  if (ImGui::IsItemActive() && over && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) &&
      (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 1))) {
    xf_ = review::clamp_pan(review::pan_by(xf_, v2(io.MouseDelta)), v2(photo_size), v2(size));
    fit_mode_ = false;
  }
}

void PhotoView::draw_one(const review::ReviewItem& item, const gfx::GlTexture& tex, ImVec2 pos, ImVec2 size,
                         bool is_previous, const ViewState& state) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 end{pos.x + size.x, pos.y + size.y};
  review::ViewTransform xf = is_previous ? review::linked(xf_, tex.width()) : xf_;
  canvas_.draw(dl, tex, xf, pos, pos, end, layer_params(item, state, is_previous));
  dl->PushClipRect(pos, end, true);
  if (!is_previous) draw_overlays(item, pos, state);
  dl->PopClipRect();
}

void PhotoView::draw_overlays(const review::ReviewItem& item, ImVec2 origin, const ViewState& state) {
  OverlayCanvas c{ImGui::GetWindowDrawList(), xf_, origin, item.photo.image->width, item.photo.image->height};
  const findings::Analysis* a = item.analysis.get();
  // The guides of the spec the photo is judged by (none until the engine has run).
  if (state.overlays.ga461_lines && a && a->frame) draw_ga461_guides(c, *a->frame);
  if (a && a->face) {
    if (state.overlays.face_box) draw_face_box(c, *a->face, a->face_count);
    if (state.overlays.landmarks) draw_landmarks(c, *a->face);
    if (state.overlays.eye_line) draw_eye_line(c, *a->face);
  }
  if (!a) return;
  for (const auto& f : a->findings) {
    if (state.overlays.head_top && f.rule_id == "geometry.head_top") draw_head_top(c, f);
    if (state.overlays.pose_axes && f.rule_id == "pose.yaw") draw_pose_axes(c, f);
  }
  int emphasised = state.hovered_finding >= 0 ? state.hovered_finding : state.pinned_finding;
  // Training feedback: the findings behind the reference's reasons, whatever their verdict.
  const auto& mattered = state.mattered_findings;
  auto is_mattered = [&](std::size_t i) {
    return std::find(mattered.begin(), mattered.end(), int(i)) != mattered.end();
  };
  if (state.overlays.finding_shapes)
    for (std::size_t i = 0; i < a->findings.size(); ++i) {
      const auto& f = a->findings[i];
      if (int(i) == emphasised || f.verdict == findings::Verdict::Pass || is_mattered(i)) continue;
      draw_finding_shapes(c, f, theme::verdict_u32(f.verdict, 0.85f), false);
    }
  // A passed finding has nothing to show where the problem is (its shapes are the whole face or
  // frame): the feedback panel lists it, the photo draws what the rules flagged.
  for (int i : mattered)
    if (i != emphasised && i >= 0 && i < int(a->findings.size()) &&
        a->findings[std::size_t(i)].verdict != findings::Verdict::Pass)
      draw_finding_shapes(c, a->findings[std::size_t(i)], theme::kHighlight, true);
  if (emphasised >= 0 && emphasised < int(a->findings.size()))
    draw_finding_shapes(c, a->findings[std::size_t(emphasised)], theme::kHighlight, true);
}

void PhotoView::draw_loupe(const review::ReviewItem& item, const gfx::GlTexture& tex, ImVec2 origin,
                           const ViewState& state) {
  const float side = 220.0f;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  ImVec2 win_min = ImGui::GetWindowPos(),
         win_max{win_min.x + ImGui::GetWindowWidth(), win_min.y + ImGui::GetWindowHeight()};
  ImVec2 at{mouse.x + 28, mouse.y + 28};
  if (at.x + side > win_max.x) at.x = mouse.x - 28 - side;
  if (at.y + side > win_max.y) at.y = mouse.y - 28 - side;
  double scale = std::max(8.0, xf_.scale * 4);
  review::ViewTransform lx = review::centred_on(cursor_photo_, {side / 2, side / 2}, scale, xf_.mirrored, tex.width());
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  ImVec2 end{at.x + side, at.y + side};
  dl->AddRectFilled(at, end, IM_COL32(0, 0, 0, 255));
  gfx::PhotoDrawParams p = layer_params(item, state, false);
  p.dim = 0;
  canvas_.draw(dl, tex, lx, at, at, end, p);
  ImVec2 c{at.x + side / 2, at.y + side / 2};
  float half = float(scale / 2);
  dl->AddRect({c.x - half, c.y - half}, {c.x + half, c.y + half}, IM_COL32(255, 255, 255, 220));
  dl->AddRect(at, end, IM_COL32(200, 200, 200, 255), 0, 0, 2);
}

void PhotoView::draw_status(const review::ReviewItem* item) {
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ImGui::GetFrameHeight() - 2);
  if (!item) {
    ImGui::TextDisabled("—");
    return;
  }
  const auto& img = *item->photo.image;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%d × %d px   %s %.0f%%", img.width, img.height, T("ui.photo.zoom"), xf_.scale * 100);
  ImGui::TextColored(theme::kMuted, "%s", buf);
  int x = int(cursor_photo_.x), y = int(cursor_photo_.y);
  if (hovered_ && x >= 0 && y >= 0 && x < img.width && y < img.height) {
    const std::uint8_t* px = &img.pixels[(std::size_t(y) * img.width + x) * 4];
    ImGui::SameLine(0, 24);
    ImGui::TextColored(theme::kMuted, "(%d, %d)  RGB %3d %3d %3d", x, y, px[0], px[1], px[2]);
    ImGui::SameLine();
    ImGui::ColorButton("##px", {px[0] / 255.f, px[1] / 255.f, px[2] / 255.f, 1}, ImGuiColorEditFlags_NoTooltip,
                       {ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()});
  }
  if (!renderer_.ok()) {
    ImGui::SameLine(0, 24);
    ImGui::TextColored(theme::kError, "%s", T("ui.photo.no_layers"));
  }
  hovered_ = false;  // re-detected by handle_input next frame
}

void PhotoView::draw_placeholder(const review::SessionSnapshot& snap) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const char* text = T("ui.photo.loading");
  ImVec4 colour = theme::kMuted;
  std::string err;
  if (snap.current && !snap.current->photo.image) {
    err = std::string(T("ui.photo.cannot_show")) + snap.current->photo.error;
    text = err.c_str();
    colour = theme::kError;
  } else if (snap.training_finished && !snap.current) {
    text = T("ui.training.finished_photo");
    colour = theme::kApprove;
  } else if (snap.queue_empty && !snap.current) {
    text = T("ui.photo.queue_empty");
    colour = theme::kApprove;
  }
  ImVec2 size = ImGui::CalcTextSize(text, nullptr, false, avail.x - 40);
  ImGui::SetCursorPos({ImGui::GetCursorPosX() + std::max(20.0f, (avail.x - size.x) / 2),
                       ImGui::GetCursorPosY() + avail.y / 2 - size.y});
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + avail.x - 40);
  ImGui::TextColored(colour, "%s", text);
  ImGui::PopTextWrapPos();
}

}  // namespace rs::ui
