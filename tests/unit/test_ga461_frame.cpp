// The GA 461 guides on screen come from the spec of the photo's document type: the frame that
// load_spec reads, scaled to the photo (ga461_guides, what the overlays draw and the shader gets as
// uniforms), then mapped by the photo view's transform. A spec change of the face-width band moves
// the guide on screen.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "core/findings/spec.hpp"
#include "core/photo/ga461_frame.hpp"
#include "core/review/view_transform.hpp"
#include "core/util/paths.hpp"
#include "test_findings_support.hpp"

using namespace rs::findings;
namespace fs = std::filesystem;

namespace {
const fs::path kSpecDir = rs::data_dir() / "db" / "spec";

// Where a photo column lands on screen in a 900x700 view fitted around a `w` x `h` photo.
double screen_x(double photo_x, double w, double h, bool mirrored) {
  const rs::review::ViewTransform xf = rs::review::fit_to_view({w, h}, {900, 700}, 12, mirrored);
  return rs::review::photo_to_view(xf, {photo_x, h / 2}).x;
}
}  // namespace

TEST_CASE("the ID card's guides fall where GA 461 puts them, scaled to the photo") {
  const Ga461Frame f = load_spec(kSpecDir, "id_card").frame;
  const Ga461Guides g = ga461_guides(f, 358, 441);
  CHECK(g.head_top_from == 7);
  CHECK(g.head_top_to == 21);
  CHECK(g.eye_limit == 441 - 207);
  CHECK(g.centre == 179);
  CHECK(g.face_inner == 96.5);   // the face's edges for a width of 193 ...
  CHECK(g.face_outer == 110.5);  // ... and of 221 px
  // A photo twice the frame's size shows the same template twice as large.
  const Ga461Guides big = ga461_guides(f, 716, 882);
  CHECK(big.sx == 2);
  CHECK(big.head_top_to == 42);
  CHECK(big.eye_limit == 882 - 414);
  CHECK(big.face_outer == 221);
}

TEST_CASE("the adjusted photo's JPEG quality is the spec's file.jpeg_quality ideal") {
  for (const char* doc : {"id_card", "passport"}) {
    const Spec s = load_spec(kSpecDir, doc);
    REQUIRE(s.rule("file.jpeg_quality"));
    CHECK(s.frame.jpeg_quality == *s.rule("file.jpeg_quality")->ideal);
    CHECK(s.frame.jpeg_quality > 0);
  }
}

TEST_CASE("a spec change of the face-width band moves the on-screen guide") {
  const fs::path dir = fs::temp_directory_path() / "rs_spec_face_band";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(kSpecDir)) fs::copy_file(e.path(), dir / e.path().filename());
  // The passport overrides one rule: its face must be 180-240 px wide.
  std::ofstream(dir / "passport.json") << R"({"extends": "base.json", "doc_type": "passport",
    "rules": {"geometry.face_width": {"pass": [180, 240], "warn": [170, 250], "ideal": 210}}})";
  const Ga461Frame id_card = load_spec(dir, "id_card").frame, passport = load_spec(dir, "passport").frame;
  fs::remove_all(dir);
  const Ga461Guides a = ga461_guides(id_card, 358, 441), b = ga461_guides(passport, 358, 441);
  CHECK(b.face_inner == 90);
  CHECK(b.face_outer == 120);
  // Nothing else moves: the other bands come from rules the passport left alone.
  CHECK(b.head_top_from == a.head_top_from);
  CHECK(b.head_top_to == a.head_top_to);
  CHECK(b.eye_limit == a.eye_limit);
  for (bool mirrored : {false, true}) {
    const double scale = rs::review::fit_to_view({358, 441}, {900, 700}, 12, mirrored).scale;
    // The outer guide right of the centre line, on screen: (120 - 110.5) photo px further out,
    // to the right, or to the left when the view is mirrored.
    const double moved =
        screen_x(b.centre + b.face_outer, 358, 441, mirrored) - screen_x(a.centre + a.face_outer, 358, 441, mirrored);
    CHECK(moved == doctest::Approx((mirrored ? -1 : 1) * 9.5 * scale));
    CHECK(std::abs(moved) > 10);  // a visible step at this zoom (1.5 screen px per photo px)
    // The inner guide moves inwards.
    const double inner =
        screen_x(b.centre + b.face_inner, 358, 441, mirrored) - screen_x(a.centre + a.face_inner, 358, 441, mirrored);
    CHECK(inner == doctest::Approx((mirrored ? 1 : -1) * 6.5 * scale));
  }
}

TEST_CASE("an analysis carries the frame of its document type's spec, for the photo view") {
  const std::vector<std::uint8_t> not_a_photo = {1, 2, 3, 4};
  const Analysis a = rs::test::engine().analyse(not_a_photo, "passport");
  REQUIRE(a.frame.has_value());  // even a photo that cannot be assessed is shown with its guides
  const Ga461Frame expected = load_spec(kSpecDir, "passport").frame;
  CHECK(a.frame->width == expected.width);
  CHECK(a.frame->face_width_min == expected.face_width_min);
  CHECK(a.frame->face_width_max == expected.face_width_max);
  CHECK(a.frame->eye_line_min == expected.eye_line_min);
  CHECK_FALSE(rs::test::engine().analyse(not_a_photo, "library_card").frame.has_value());
}
