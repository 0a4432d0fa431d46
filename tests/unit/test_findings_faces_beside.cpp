// A second, smaller face in the background of a spec photo (a bystander, a face on a poster):
// dlib at the spec scale finds only faces of about 167 px and more, so smaller ones are searched
// beside the applicant's head (FaceLocator::locate_beside). They must fail faces.count; clean photos
// must keep exactly one face.
#include <doctest/doctest.h>

#include "core/demo/demo_photos.hpp"
#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using rs::test::analyse;
using rs::test::finding;
using rs::test::spec_photo;
using rs::test::verdict_of;
using rs::test::defects::with_face_pasted;

namespace {

// The face box of the second face in faces.count's geometry (labelled "#2"), if any.
const Shape* second_box(const Analysis& a) {
  const Finding* f = finding(a, "faces.count");
  if (!f) return nullptr;
  for (const auto& s : f->geometry)
    if (s.kind == ShapeKind::Rect && s.label == "#2") return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("faces beside: a small second face in a top corner fails faces.count, at every size") {
  const cv::Mat clean = spec_photo();
  struct Case {
    int width;
    cv::Point at;
  };
  // 40 and 60 px in the top corners beside her hair; 60, 100 and 140 px in the bottom corners
  // beside her shoulders (a larger face in a top corner touches her blond hair, which has her
  // skin's colour, and is not separated from it: a known limit).
  for (const Case c : {Case{40, {8, 10}}, Case{40, {305, 10}}, Case{60, {10, 10}}, Case{60, {290, 370}},
                       Case{100, {6, 330}}, Case{100, {250, 330}}, Case{140, {0, 298}}, Case{140, {218, 298}}}) {
    CAPTURE(c.width);
    CAPTURE(c.at.x);
    const cv::Mat photo = with_face_pasted(clean, c.width, c.at);
    const Analysis a = analyse(photo);
    REQUIRE(a.assessable);
    CHECK(a.face_count == 2);
    CHECK(verdict_of(a, "faces.count") == Verdict::Fail);
    CHECK(rs::test::reason_of(a, "faces.count") == "BACKGROUND");
    // The applicant is still the face the rules judge: her box, not the small one, comes first.
    REQUIRE(a.face.has_value());
    CHECK(a.face->box[1].x - a.face->box[0].x > 180);
    // The second face is drawn where it was pasted, at about its size.
    const Shape* box = second_box(a);
    CHECK(box != nullptr);
    if (!box) continue;
    const float cx = (box->pts[0].x + box->pts[1].x) / 2, w = box->pts[1].x - box->pts[0].x;
    CHECK(std::abs(cx - (c.at.x + c.width / 2.0f)) < 0.35f * c.width);
    CHECK(w > 0.6f * c.width);
    CHECK(w < 1.5f * c.width);
  }
}

TEST_CASE("faces beside: a large second face also fails faces.second_ratio; a small one only faces.count") {
  const cv::Mat clean = spec_photo();
  const Analysis large = analyse(with_face_pasted(clean, 140, {0, 298}));
  CHECK(verdict_of(large, "faces.second_ratio") == Verdict::Fail);  // (140/207)^2 is about 0.46 > 0.3
  const Analysis small = analyse(with_face_pasted(clean, 40, {8, 10}));
  CHECK(verdict_of(small, "faces.second_ratio") == Verdict::Pass);  // about 0.04: spec pass band is <= 0.1
  CHECK(verdict_of(small, "faces.count") == Verdict::Fail);
}

TEST_CASE("faces beside: clean photos keep exactly one face") {
  // The reference on white and on coloured backdrops (a warm beige is close to skin colour).
  for (const cv::Scalar backdrop : {cv::Scalar(250, 250, 250), cv::Scalar(200, 160, 110), cv::Scalar(150, 185, 215)}) {
    CAPTURE(backdrop);
    const Analysis a = analyse(spec_photo({}, backdrop));
    CHECK(a.face_count == 1);
    CHECK(verdict_of(a, "faces.count") == Verdict::Pass);
  }
  // Every variant of the labelled set (own busy backgrounds, shadows, accessories, nods): each holds
  // one person (write_labelled_set labels them all "faces": 1).
  for (const auto& p : rs::demo::make_variant_set()) {
    CAPTURE(p.name);
    const Analysis a = rs::test::engine().analyse(p.jpeg, "id_card");
    CHECK(a.face_count <= 1);
  }
}
