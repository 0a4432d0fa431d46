// Zoom/pan/mirror maths of the photo view: round trips, zoom into the cursor, fit, clamps.
#include <doctest/doctest.h>

#include "core/review/view_transform.hpp"

using namespace rs::review;

namespace {
void check_close(Vec2 a, Vec2 b, double eps = 1e-9) {
  CHECK(a.x == doctest::Approx(b.x).epsilon(eps));
  CHECK(a.y == doctest::Approx(b.y).epsilon(eps));
}
}  // namespace

TEST_CASE("fit_to_view centres a spec photo and keeps its aspect") {
  ViewTransform t = fit_to_view({358, 441}, {800, 600}, 10);
  CHECK(t.scale == doctest::Approx(580.0 / 441.0));
  Vec2 tl = photo_to_view(t, {0, 0}), br = photo_to_view(t, {358, 441});
  CHECK(tl.y == doctest::Approx(10));
  CHECK(br.y == doctest::Approx(590));
  CHECK((tl.x + br.x) / 2 == doctest::Approx(400));  // horizontally centred
  CHECK(br.x - tl.x == doctest::Approx(358 * t.scale));
}

TEST_CASE("fit_to_view on a wide view is limited by the height, on a tall view by the width") {
  CHECK(fit_to_view({100, 100}, {1000, 200}, 0).scale == doctest::Approx(2.0));
  CHECK(fit_to_view({100, 100}, {200, 1000}, 0).scale == doctest::Approx(2.0));
}

TEST_CASE("photo_to_view and view_to_photo are inverse, mirrored or not") {
  for (bool mirrored : {false, true}) {
    ViewTransform t{2.5, {37, -12}, mirrored, 358};
    for (Vec2 p : {Vec2{0, 0}, Vec2{358, 441}, Vec2{12.25, 300.5}})
      check_close(view_to_photo(t, photo_to_view(t, p)), p);
  }
}

TEST_CASE("mirroring swaps the photo's left and right edges on screen, rectangle unchanged") {
  ViewTransform plain{2, {10, 20}, false, 100};
  ViewTransform mir{2, {10, 20}, true, 100};
  check_close(photo_to_view(plain, {0, 0}), {10, 20});
  check_close(photo_to_view(mir, {100, 0}), {10, 20});  // right edge now on the left
  check_close(photo_to_view(mir, {0, 0}), {210, 20});
  check_close(photo_to_view(mir, {50, 5}), photo_to_view(plain, {50, 5}));  // centre column stays
}

TEST_CASE("zoom_at keeps the photo pixel under the cursor fixed") {
  for (bool mirrored : {false, true}) {
    ViewTransform t = fit_to_view({358, 441}, {900, 700}, 8, mirrored);
    Vec2 cursor{612.5, 203.25};
    Vec2 under = view_to_photo(t, cursor);
    ViewTransform z = zoom_at(t, cursor, 3.0);
    CHECK(z.scale == doctest::Approx(t.scale * 3));
    check_close(photo_to_view(z, under), cursor, 1e-9);
    ViewTransform back = zoom_at(z, cursor, 1 / 3.0);
    CHECK(back.scale == doctest::Approx(t.scale));
    check_close(back.offset, t.offset, 1e-9);
  }
}

TEST_CASE("zoom is clamped to its limits and still keeps the cursor pixel") {
  ViewTransform t{1, {0, 0}, false, 100};
  ViewTransform z = zoom_at(t, {50, 50}, 1000, {0.1, 8});
  CHECK(z.scale == doctest::Approx(8));
  check_close(view_to_photo(z, {50, 50}), {50, 50});
  CHECK(zoom_at(t, {0, 0}, 1e-6, {0.1, 8}).scale == doctest::Approx(0.1));
}

TEST_CASE("wheel notches zoom symmetrically") {
  CHECK(wheel_zoom_factor(1) * wheel_zoom_factor(-1) == doctest::Approx(1.0));
  CHECK(wheel_zoom_factor(2) == doctest::Approx(1.44));
  CHECK(wheel_zoom_factor(0) == doctest::Approx(1.0));
}

TEST_CASE("pan moves every pixel by the drag and clamp_pan keeps part of the photo visible") {
  ViewTransform t{2, {0, 0}, false, 100};
  ViewTransform p = pan_by(t, {30, -5});
  check_close(photo_to_view(p, {10, 10}), {50, 15});
  ViewTransform far = pan_by(t, {5000, 5000});
  ViewTransform c = clamp_pan(far, {100, 100}, {400, 300}, 48);
  CHECK(c.offset.x == doctest::Approx(400 - 48));
  CHECK(c.offset.y == doctest::Approx(300 - 48));
  ViewTransform c2 = clamp_pan(pan_by(t, {-5000, -5000}), {100, 100}, {400, 300}, 48);
  CHECK(c2.offset.x == doctest::Approx(48 - 200));
}

TEST_CASE("toggle_mirror keeps the pixel at the view centre in place and is its own inverse") {
  ViewTransform t = zoom_at(fit_to_view({358, 441}, {800, 600}), {300, 250}, 2.0);
  Vec2 centre{400, 300};
  Vec2 under = view_to_photo(t, centre);
  ViewTransform m = toggle_mirror(t, {800, 600});
  CHECK(m.mirrored);
  check_close(photo_to_view(m, under), centre, 1e-9);
  ViewTransform back = toggle_mirror(m, {800, 600});
  CHECK_FALSE(back.mirrored);
  check_close(back.offset, t.offset, 1e-9);
}

TEST_CASE("centred_on puts the chosen pixel at the chosen view point") {
  ViewTransform t = centred_on({100, 200}, {64, 64}, 6, true, 358);
  check_close(photo_to_view(t, {100, 200}), {64, 64});
  CHECK(t.scale == 6);
}

TEST_CASE("to_matrix agrees with photo_to_view plus the view origin") {
  for (bool mirrored : {false, true}) {
    ViewTransform t{1.75, {13, 29}, mirrored, 358};
    auto m = to_matrix(t, {100, 50});
    Vec2 p{77, 301};
    Vec2 v = photo_to_view(t, p);
    CHECK(m[0] * p.x + m[3] * p.y + m[6] == doctest::Approx(v.x + 100));
    CHECK(m[1] * p.x + m[4] * p.y + m[7] == doctest::Approx(v.y + 50));
    CHECK(m[8] == 1.0f);
  }
}

TEST_CASE("a linked view shows the same relative spot of a photo of another size") {
  for (bool mirrored : {false, true}) {
    ViewTransform t = zoom_at(fit_to_view({599, 770}, {500, 600}, 8, mirrored), {210, 330}, 2.5);
    ViewTransform l = linked(t, 358);
    CHECK(l.photo_width == 358);
    // Corresponding points (same fraction of each photo's width) land on the same view pixel.
    for (double fx : {0.0, 0.3, 1.0}) {
      Vec2 a = photo_to_view(t, {fx * 599, 100 * 599 / 358.0});
      Vec2 b = photo_to_view(l, {fx * 358, 100});
      check_close(a, b, 1e-9);
    }
  }
  ViewTransform same{1.5, {3, 4}, false, 358};
  CHECK(linked(same, 358).scale == doctest::Approx(1.5));
}

TEST_CASE("rects_overlap: tiled panels that touch do not overlap, a dragged one does") {
  // The shipped 1600x900 tiling: queue | photo | findings above the decision bar.
  Vec2 queue_min{0, 25}, queue_max{336, 768}, photo_min{336, 25}, photo_max{1168, 768};
  Vec2 bar_min{0, 768}, bar_max{1600, 900};
  CHECK_FALSE(rects_overlap(queue_min, queue_max, photo_min, photo_max));
  CHECK_FALSE(rects_overlap(photo_min, photo_max, queue_min, queue_max));
  CHECK_FALSE(rects_overlap(queue_min, queue_max, bar_min, bar_max));
  CHECK(rects_overlap(queue_min, {337, 768}, photo_min, photo_max));   // one pixel wider
  CHECK(rects_overlap({400, 300}, {500, 400}, photo_min, photo_max));  // dropped inside
  CHECK(rects_overlap(photo_min, photo_max, {400, 300}, {500, 400}));
  CHECK_FALSE(rects_overlap({0, 0}, {0, 0}, {0, 0}, {10, 10}));  // an empty rectangle covers nothing
}
