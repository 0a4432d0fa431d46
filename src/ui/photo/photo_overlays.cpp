#include "ui/photo/photo_overlays.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {

// Text with a dark backing so it reads on any photo.
void label(ImDrawList* dl, ImVec2 at, ImU32 colour, const std::string& text) {
  if (text.empty()) return;
  ImVec2 size = ImGui::CalcTextSize(text.c_str());
  dl->AddRectFilled({at.x - 3, at.y - 1}, {at.x + size.x + 3, at.y + size.y + 1}, IM_COL32(0, 0, 0, 170), 3);
  dl->AddText(at, colour, text.c_str());
}

// The 68-point iBUG contours: jaw, brows, nose bridge, nose base, eyes and lips.
struct Contour {
  int first, last;
  bool closed;
};
constexpr Contour kContours[] = {{0, 16, false}, {17, 21, false}, {22, 26, false}, {27, 30, false}, {31, 35, false},
                                 {36, 41, true}, {42, 47, true},  {48, 59, true},  {60, 67, true}};

// The face-width band's label sits this many frame px above the photo's bottom edge (below the chin).
constexpr double kFaceBandLabelAbove = 24;

// A spec figure as the findings panel prints it: whole numbers without decimals.
std::string figure(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
std::string band_px(double lo, double hi) { return figure(lo) + "–" + figure(hi) + " px"; }

}  // namespace

ImVec2 OverlayCanvas::to_screen(findings::Point p) const { return to_screen(p.x, p.y); }

ImVec2 OverlayCanvas::to_screen(double x, double y) const {
  review::Vec2 v = review::photo_to_view(xf, {x, y});
  return {float(origin.x + v.x), float(origin.y + v.y)};
}

void draw_face_box(const OverlayCanvas& c, const findings::FaceGeometry& face, int face_count) {
  ImVec2 a = c.to_screen(face.box[0]), b = c.to_screen(face.box[1]);
  ImVec2 mn{std::min(a.x, b.x), std::min(a.y, b.y)}, mx{std::max(a.x, b.x), std::max(a.y, b.y)};
  c.dl->AddRect(mn, mx, theme::kFaceBox, 0, 0, 1.5f);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s  %.0f px", T("ui.overlay.face"), std::fabs(face.box[1].x - face.box[0].x));
  std::string text = buf;
  if (face_count > 1) text += "  ×" + std::to_string(face_count);
  label(c.dl, {mn.x, mn.y - ImGui::GetTextLineHeight() - 3}, theme::kFaceBox, text);
}

void draw_landmarks(const OverlayCanvas& c, const findings::FaceGeometry& face) {
  if (face.landmarks.size() < 68) return;
  float r = std::clamp(float(c.xf.scale) * 1.1f, 1.5f, 3.5f);
  for (const auto& k : kContours) {
    ImVec2 pts[17];  // the jaw is the longest contour
    int n = 0;
    for (int i = k.first; i <= k.last; ++i) pts[n++] = c.to_screen(face.landmarks[std::size_t(i)]);
    c.dl->AddPolyline(pts, n, IM_COL32(255, 230, 60, 120), k.closed ? ImDrawFlags_Closed : 0, 1.0f);
  }
  for (const auto& p : face.landmarks) c.dl->AddCircleFilled(c.to_screen(p), r, theme::kLandmark, 8);
}

void draw_eye_line(const OverlayCanvas& c, const findings::FaceGeometry& face) {
  findings::Point l = face.left_eye, r = face.right_eye;
  double dx = l.x - r.x, dy = l.y - r.y;
  // Extend the segment a quarter of the eye distance beyond each eye so the tilt is easy to see.
  findings::Point a{float(r.x - dx * 0.25), float(r.y - dy * 0.25)}, b{float(l.x + dx * 0.25), float(l.y + dy * 0.25)};
  c.dl->AddLine(c.to_screen(a), c.to_screen(b), theme::kEyeLine, 2.0f);
  c.dl->AddCircle(c.to_screen(l), 4, theme::kEyeLine, 12, 1.5f);
  c.dl->AddCircle(c.to_screen(r), 4, theme::kEyeLine, 12, 1.5f);
  // A level reference line through the midpoint shows which way the head rolls.
  findings::Point m{float((l.x + r.x) / 2), float((l.y + r.y) / 2)};
  double half = std::hypot(dx, dy) * 0.75;
  c.dl->AddLine(c.to_screen(m.x - half, m.y), c.to_screen(m.x + half, m.y), IM_COL32(255, 255, 255, 90), 1.0f);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %+.1f°", T("ui.overlay.roll"), face.roll_deg);
  ImVec2 end = c.to_screen(std::max(a.x, b.x), (a.y + b.y) / 2);
  ImVec2 start = c.to_screen(std::min(a.x, b.x), (a.y + b.y) / 2);
  label(c.dl, {std::max(end.x, start.x) + 6, end.y - 9}, theme::kEyeLine, buf);
}

void draw_ga461_guides(const OverlayCanvas& c, const findings::Ga461Frame& frame) {
  const findings::Ga461Guides g = findings::ga461_guides(frame, c.photo_w, c.photo_h);
  const double w = c.photo_w, h = c.photo_h;
  const ImU32 green = theme::kGuide, faint = IM_COL32(60, 230, 120, 120);
  auto hline = [&](double y, ImU32 col, float t) { c.dl->AddLine(c.to_screen(0, y), c.to_screen(w, y), col, t); };
  auto vline = [&](double x, ImU32 col) { c.dl->AddLine(c.to_screen(x, 0), c.to_screen(x, h), col, 1.0f); };
  hline(g.head_top_from, green, 1.0f);
  hline(g.head_top_to, green, 1.0f);
  hline(g.eye_limit, IM_COL32(40, 200, 255, 230), 1.5f);
  for (double off : {g.face_inner, g.face_outer}) {
    vline(g.centre - off, faint);
    vline(g.centre + off, faint);
  }
  vline(g.centre, IM_COL32(40, 200, 255, 110));
  // Labels sit at the photo's left edge, whichever way it is mirrored; their figures are the
  // frame's, in the frame's pixels as the spec and the findings give them.
  auto left_x = [&](double y) {
    ImVec2 a = c.to_screen(0, y), b = c.to_screen(w, y);
    return ImVec2{std::min(a.x, b.x) + 4, a.y};
  };
  ImVec2 p = left_x(g.head_top_to);
  label(c.dl, {p.x, p.y + 2}, green,
        std::string(T("ui.overlay.head_top_band")) + " " + band_px(frame.head_top_min, frame.head_top_max));
  p = left_x(g.eye_limit);
  label(c.dl, {p.x, p.y + 3}, IM_COL32(40, 200, 255, 255),
        T("ui.overlay.eye_limit") + figure(frame.eye_line_min) + " px" + T("ui.overlay.eye_limit_close"));
  const double label_y = h - kFaceBandLabelAbove * g.sy;
  ImVec2 q = c.to_screen(g.centre + g.face_outer, label_y), q2 = c.to_screen(g.centre - g.face_outer, label_y);
  label(c.dl, {std::min(q.x, q2.x) + 4, q.y}, faint | IM_COL32(0, 0, 0, 255),
        std::string(T("ui.overlay.face_width_band")) + " " + band_px(frame.face_width_min, frame.face_width_max));
}

void draw_head_top(const OverlayCanvas& c, const findings::Finding& f) {
  for (const auto& s : f.geometry) {
    if (s.kind != findings::ShapeKind::Line || s.pts.size() < 2) continue;
    ImVec2 a = c.to_screen(s.pts[0]), b = c.to_screen(s.pts[1]);
    c.dl->AddLine(a, b, IM_COL32(255, 170, 40, 240), 2.0f);
    label(c.dl, {std::max(a.x, b.x) + 6, a.y - 9}, IM_COL32(255, 170, 40, 255), T("ui.overlay.head_top"));
    return;  // the first line is the measured top; the others are the spec band
  }
}

void draw_pose_axes(const OverlayCanvas& c, const findings::Finding& f) {
  for (const auto& s : f.geometry) {
    if (s.kind != findings::ShapeKind::Line || s.pts.size() < 2) continue;
    ImU32 col = s.label == "x"   ? IM_COL32(255, 70, 70, 240)
                : s.label == "y" ? IM_COL32(70, 230, 90, 240)
                                 : IM_COL32(80, 140, 255, 240);
    ImVec2 a = c.to_screen(s.pts[0]), b = c.to_screen(s.pts[1]);
    c.dl->AddLine(a, b, col, 2.5f);
    c.dl->AddCircleFilled(b, 3.0f, col);
    if (s.label.size() > 1) label(c.dl, {b.x + 5, b.y - 9}, col, s.label);
  }
}

void draw_finding_shapes(const OverlayCanvas& c, const findings::Finding& f, ImU32 colour, bool emphasis) {
  float t = emphasis ? 3.0f : 1.5f;
  for (const auto& s : f.geometry) {
    if (s.pts.empty()) continue;
    for (int pass = emphasis ? 0 : 1; pass < 2; ++pass) {
      // Pass 0 draws a dark halo under the emphasised shape so it stands out on bright skin.
      ImU32 col = pass == 0 ? IM_COL32(0, 0, 0, 200) : colour;
      float th = pass == 0 ? t + 3 : t;
      switch (s.kind) {
        case findings::ShapeKind::Rect:
          if (s.pts.size() >= 2) {
            ImVec2 a = c.to_screen(s.pts[0]), b = c.to_screen(s.pts[1]);
            c.dl->AddRect({std::min(a.x, b.x), std::min(a.y, b.y)}, {std::max(a.x, b.x), std::max(a.y, b.y)}, col, 0, 0,
                          th);
          }
          break;
        case findings::ShapeKind::Line:
          if (s.pts.size() >= 2) c.dl->AddLine(c.to_screen(s.pts[0]), c.to_screen(s.pts[1]), col, th);
          break;
        case findings::ShapeKind::HLine:
          c.dl->AddLine(c.to_screen(0, s.pts[0].y), c.to_screen(c.photo_w, s.pts[0].y), col, th);
          break;
        case findings::ShapeKind::Points:
          for (const auto& p : s.pts) c.dl->AddCircleFilled(c.to_screen(p), th + 1, col, 10);
          break;
        case findings::ShapeKind::Polyline:
          for (std::size_t i = 1; i < s.pts.size(); ++i)
            c.dl->AddLine(c.to_screen(s.pts[i - 1]), c.to_screen(s.pts[i]), col, th);
          break;
        case findings::ShapeKind::Circle: {
          float r = s.pts.size() >= 2 ? float(s.pts[1].x * c.xf.scale) : 6.0f;
          c.dl->AddCircle(c.to_screen(s.pts[0]), r, col, 32, th);
          break;
        }
      }
    }
    if (emphasis && !s.label.empty()) {
      ImVec2 at = c.to_screen(s.pts[0]);
      label(c.dl, {at.x + 6, at.y + 4}, colour, s.label);
    }
  }
}

}  // namespace rs::ui
