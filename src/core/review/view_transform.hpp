#pragma once
// Zoom, pan and mirror of a photo inside a view rectangle, as one 2D affine map (immvision/HDRView
// habit): view = scale * (mirrored photo) + offset. Pure math, no ImGui, so it is unit-tested and
// shared by the photo view, the loupe and the side-by-side previous attempt (linked zoom).
#include <array>

namespace rs::review {

struct Vec2 {
  double x = 0, y = 0;
};

struct ViewTransform {
  double scale = 1.0;      // view pixels per photo pixel (always > 0)
  Vec2 offset;             // where photo pixel (0,0) lands (or (width,0) when mirrored), view coords
  bool mirrored = false;   // left-right flip about the photo's vertical centre line
  double photo_width = 0;  // needed to mirror about the centre
};

struct ZoomLimits {
  double min_scale = 0.05;
  double max_scale = 64.0;
};

// Photo pixel -> view coordinates (view origin = top-left of the view rectangle) and back.
Vec2 photo_to_view(const ViewTransform& t, Vec2 photo);
Vec2 view_to_photo(const ViewTransform& t, Vec2 view);

// The whole photo centred in the view with `margin` view pixels on the tighter side.
ViewTransform fit_to_view(Vec2 photo_size, Vec2 view_size, double margin = 8.0, bool mirrored = false);

// Multiplies the scale by `factor` (clamped to the limits) keeping the photo pixel under
// `view_point` fixed, so zooming with the wheel zooms "into the cursor".
ViewTransform zoom_at(const ViewTransform& t, Vec2 view_point, double factor, ZoomLimits limits = {});

// Wheel notches -> zoom factor: each notch is a fixed ratio so zooming in and out is symmetric.
double wheel_zoom_factor(double wheel_notches);

ViewTransform pan_by(const ViewTransform& t, Vec2 view_delta);

// Keeps at least `keep` view pixels of the photo inside the view so it can't be lost off-screen.
ViewTransform clamp_pan(const ViewTransform& t, Vec2 photo_size, Vec2 view_size, double keep = 48.0);

// Flips left-right while the photo pixel at the view centre stays where it is on screen.
ViewTransform toggle_mirror(const ViewTransform& t, Vec2 view_size);

// A transform that shows `photo_center` at `view_center` with `scale` (loupe, centring on a finding).
ViewTransform centred_on(Vec2 photo_center, Vec2 view_center, double scale, bool mirrored, double photo_width);

// The same view of a photo `other_width` pixels wide (previous attempt beside the current one):
// zoom and pan follow in relative terms, so the same part of both photos is on screen.
ViewTransform linked(const ViewTransform& t, double other_width);

// Column-major 3x3 matrix mapping homogeneous photo pixels to view coordinates, for the shader.
std::array<float, 9> to_matrix(const ViewTransform& t, Vec2 view_origin);

// True when the rectangles [a_min, a_max) and [b_min, b_max) share an area; touching edges do not
// count (tiled panels touch). The panels use it to know when they may skip their background.
bool rects_overlap(Vec2 a_min, Vec2 a_max, Vec2 b_min, Vec2 b_max);

}  // namespace rs::review
