#include "core/review/view_transform.hpp"

#include <algorithm>
#include <cmath>

namespace rs::review {
namespace {
// Horizontal part of the map: x_view = sx * x_photo + ox, where sx is negative when mirrored and
// ox is then the view position of the photo's right edge (x_photo = width).
double sx(const ViewTransform& t) { return t.mirrored ? -t.scale : t.scale; }
double ox(const ViewTransform& t) { return t.mirrored ? t.offset.x + t.scale * t.photo_width : t.offset.x; }
}  // namespace

Vec2 photo_to_view(const ViewTransform& t, Vec2 p) { return {sx(t) * p.x + ox(t), t.scale * p.y + t.offset.y}; }

Vec2 view_to_photo(const ViewTransform& t, Vec2 v) { return {(v.x - ox(t)) / sx(t), (v.y - t.offset.y) / t.scale}; }

ViewTransform fit_to_view(Vec2 photo, Vec2 view, double margin, bool mirrored) {
  ViewTransform t;
  t.mirrored = mirrored;
  t.photo_width = photo.x;
  if (photo.x <= 0 || photo.y <= 0) return t;
  double avail_w = std::max(1.0, view.x - 2 * margin), avail_h = std::max(1.0, view.y - 2 * margin);
  t.scale = std::max(1e-6, std::min(avail_w / photo.x, avail_h / photo.y));
  // offset is the top-left corner of the drawn photo rectangle in both the plain and mirrored case.
  t.offset = {(view.x - t.scale * photo.x) / 2, (view.y - t.scale * photo.y) / 2};
  return t;
}

ViewTransform zoom_at(const ViewTransform& t, Vec2 view_point, double factor, ZoomLimits limits) {
  Vec2 fixed = view_to_photo(t, view_point);
  ViewTransform z = t;
  z.scale = std::clamp(t.scale * factor, limits.min_scale, limits.max_scale);
  // Solve photo_to_view(z, fixed) == view_point for the offset.
  z.offset.y = view_point.y - z.scale * fixed.y;
  double new_ox = view_point.x - sx(z) * fixed.x;
  z.offset.x = z.mirrored ? new_ox - z.scale * z.photo_width : new_ox;
  return z;
}

double wheel_zoom_factor(double wheel_notches) { return std::pow(1.2, wheel_notches); }

ViewTransform pan_by(const ViewTransform& t, Vec2 d) {
  ViewTransform p = t;
  p.offset.x += d.x;
  p.offset.y += d.y;
  return p;
}

ViewTransform clamp_pan(const ViewTransform& t, Vec2 photo, Vec2 view, double keep) {
  ViewTransform c = t;
  double w = t.scale * photo.x, h = t.scale * photo.y;
  double kx = std::min(keep, w), ky = std::min(keep, h);
  c.offset.x = std::clamp(t.offset.x, kx - w, view.x - kx);
  c.offset.y = std::clamp(t.offset.y, ky - h, view.y - ky);
  return c;
}

ViewTransform toggle_mirror(const ViewTransform& t, Vec2 view) {
  // The drawn rectangle does not move: mirroring only swaps which photo column lands where.
  // Moving the rectangle so the centre pixel stays fixed keeps the reviewer's point of interest.
  Vec2 centre{view.x / 2, view.y / 2};
  Vec2 under = view_to_photo(t, centre);
  ViewTransform m = t;
  m.mirrored = !t.mirrored;
  Vec2 now = photo_to_view(m, under);
  return pan_by(m, {centre.x - now.x, centre.y - now.y});
}

ViewTransform centred_on(Vec2 photo_center, Vec2 view_center, double scale, bool mirrored, double photo_width) {
  ViewTransform t;
  t.scale = scale;
  t.mirrored = mirrored;
  t.photo_width = photo_width;
  Vec2 now = photo_to_view(t, photo_center);
  return pan_by(t, {view_center.x - now.x, view_center.y - now.y});
}

ViewTransform linked(const ViewTransform& t, double other_width) {
  ViewTransform l = t;
  if (other_width > 0 && t.photo_width > 0) l.scale = t.scale * t.photo_width / other_width;
  l.photo_width = other_width;
  return l;
}

std::array<float, 9> to_matrix(const ViewTransform& t, Vec2 o) {
  // Column-major: columns are (sx,0,0), (0,s,0), (ox+o.x, oy+o.y, 1).
  return {float(sx(t)), 0.f, 0.f, 0.f, float(t.scale), 0.f, float(ox(t) + o.x), float(t.offset.y + o.y), 1.f};
}

bool rects_overlap(Vec2 a_min, Vec2 a_max, Vec2 b_min, Vec2 b_max) {
  return a_min.x < b_max.x && b_min.x < a_max.x && a_min.y < b_max.y && b_min.y < a_max.y;
}

}  // namespace rs::review
