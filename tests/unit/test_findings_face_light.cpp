// lighting.uniformity and lighting.face_shadow read the face's own skin (FaceLight): what grows or
// sits on an evenly lit face (a beard, black glasses frames, a hand under the chin, dark skin) is
// not a shadow, while a side light that leaves one cheek in shade still is.
#include <doctest/doctest.h>

#include "core/findings/context.hpp"
#include "core/findings/measures/light_support.hpp"
#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test::defects;
using rs::test::analyse;
using rs::test::value_of;
using rs::test::verdict_of;

namespace {
// A full dark beard: the jaw below the mouth corners, the chin and a moustache over the upper
// lip, in dark brown with a little texture (stubble is not flat).
cv::Mat bearded() {
  cv::Mat beard = ref_photo().clone();
  std::vector<cv::Point> jaw;
  for (int i = 3; i <= 13; ++i) jaw.push_back(at(i));
  jaw.push_back(at(54));
  jaw.push_back(at(48));
  fill_poly(beard, jaw, cv::Scalar(35, 40, 50));
  fill_poly(beard, {at(31), at(33), at(35), at(54), at(51), at(48)}, cv::Scalar(35, 40, 50));
  cv::Mat texture(beard.size(), CV_8UC3);
  cv::randn(texture, cv::Scalar::all(0), cv::Scalar::all(12));
  cv::Mat mask = cv::Mat::zeros(beard.size(), CV_8U);
  fill_poly(mask, jaw, cv::Scalar(255));
  cv::add(beard, texture, beard, mask);
  return beard;
}

// The face of a darker-skinned applicant: the skin (the jaw outline and forehead) at `gain` of
// its grey, the white backdrop as it was.
cv::Mat darker_skin(double gain) {
  cv::Mat dark = ref_photo().clone();
  cv::Mat mask = cv::Mat::zeros(dark.size(), CV_8U);
  std::vector<cv::Point> face;
  for (int i = 0; i <= 16; ++i) face.push_back(at(i));
  for (int i = 26; i >= 17; --i) face.push_back(at(i) - cv::Point(0, cvRound(0.3 * ied())));
  fill_poly(mask, face, cv::Scalar(255));
  cv::Mat scaled_face = scaled(dark, gain, 0);
  scaled_face.copyTo(dark, mask);
  return dark;
}

// One side of the face (image-left of the nose line) at `gain`, softly: a side light.
cv::Mat side_lit(double gain) {
  cv::Mat lit = ref_photo().clone();
  cv::Mat left = lit(cv::Rect(0, 0, at(27).x, lit.rows));
  left.convertTo(left, -1, gain, 0);
  return lit;
}

const PhotoContext& reference_context() {
  static const rs::findings::Spec spec = load_spec(rs::data_dir() / "db/spec", "id_card");
  static const PhotoContext ctx(ref_photo().clone(), {}, 0, {ref_face()}, spec);
  return ctx;
}
}  // namespace

TEST_CASE("FaceLight: two cheeks under the eyes inside the inner face, which stops above the mouth") {
  const FaceLight light = face_light(reference_context());
  REQUIRE_FALSE(light.empty());
  const int inner = mask_count(light.inner);
  CHECK(inner > 1000);
  for (const auto& cheek : light.cheek) {
    CHECK(mask_count(cheek) > 150);
    cv::Mat outside;
    cv::bitwise_and(cheek, ~light.inner, outside);
    CHECK(mask_count(outside) == 0);  // a cheek is part of the inner face
  }
  // The cheeks lie on either side of the eyes' midpoint, below the eye line.
  const cv::Rect left = cv::boundingRect(light.cheek[0]), right = cv::boundingRect(light.cheek[1]);
  const cv::Point mid = reference_context().levelled().eye_mid;
  CHECK(left.br().x <= mid.x);
  CHECK(right.x >= mid.x);
  CHECK(left.y > mid.y);
  // Nothing of the inner face lies below the mouth corners (a beard's, a chin's, a hand's place).
  cv::Matx23d to_levelled;
  cv::invertAffineTransform(light.back, to_levelled);
  const Point m = ref_face().landmarks[48];
  const double mouth_y = (to_levelled * cv::Vec3d(m.x, m.y, 1))[1];
  CHECK(cv::boundingRect(light.inner).br().y <= mouth_y + 2);
  // Drawn back onto the photo, the inner face covers the nose bridge and not the chin.
  const cv::Rect r = reference_context().face_rect();
  const cv::Mat on_photo = to_photo_mask(light, light.inner, r);
  const cv::Point bridge = at(28) - r.tl(), chin = at(8) - cv::Point(0, 4) - r.tl();
  CHECK(on_photo.at<std::uint8_t>(bridge) != 0);
  CHECK(on_photo.at<std::uint8_t>(chin) == 0);
}

TEST_CASE("lighting: a dark beard on an evenly lit face is not a shadow") {
  const auto beard = analyse(bearded());
  CHECK(verdict_of(beard, "lighting.face_shadow") == Verdict::Pass);
  CHECK(verdict_of(beard, "lighting.uniformity") == Verdict::Pass);
  CHECK(verdict_of(beard, "lighting.underexposed") == Verdict::Pass);
  CHECK(value_of(beard, "lighting.face_shadow") < 0.02);
}

TEST_CASE("lighting: black glasses frames are not a shadow") {
  const auto frames = analyse(glasses_frames());
  CHECK(verdict_of(frames, "lighting.face_shadow") == Verdict::Pass);
  CHECK(verdict_of(frames, "lighting.uniformity") == Verdict::Pass);
  CHECK(value_of(frames, "lighting.uniformity") > 0.85);
}

TEST_CASE("lighting: dark skin lit evenly is neither uneven nor shadowed") {
  const auto dark = analyse(darker_skin(0.4));
  CHECK(verdict_of(dark, "lighting.uniformity") == Verdict::Pass);
  CHECK(verdict_of(dark, "lighting.face_shadow") == Verdict::Pass);
  // The ratio reads the light, not the skin: the same as the lighter face's within a few hundredths.
  CHECK(value_of(dark, "lighting.uniformity") == doctest::Approx(value_of(ref(), "lighting.uniformity")).epsilon(0.06));
}

TEST_CASE("lighting.uniformity: a moderate side light warns, a strong one fails, and the value follows the light") {
  const auto moderate = analyse(side_lit(0.65));
  const auto strong = analyse(side_lit(0.4));
  CHECK(verdict_of(moderate, "lighting.uniformity") == Verdict::Warn);
  CHECK(verdict_of(strong, "lighting.uniformity") == Verdict::Fail);
  CHECK(value_of(strong, "lighting.uniformity") < value_of(moderate, "lighting.uniformity"));
  CHECK(value_of(strong, "lighting.uniformity") == doctest::Approx(0.4).epsilon(0.15));
}
