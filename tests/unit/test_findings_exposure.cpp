// Exposure on photos of the kinds the landed rules misjudged: dark skin in a well exposed photo is
// not "too dark" (not sure at most), a photo with nothing bright in it is, and a face blown out to
// a flat plateau below 255 (a video frame's white) is no longer passed although no pixel reaches
// 247 (it warns, not sure: flat bright skin may be make-up or a filter).
#include <doctest/doctest.h>

#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test::defects;
using rs::test::analyse;
using rs::test::finding;
using rs::test::value_of;
using rs::test::verdict_of;

namespace {
cv::Mat face_region_mask(const cv::Mat& photo) {
  cv::Mat mask = cv::Mat::zeros(photo.size(), CV_8U);
  std::vector<cv::Point> face;
  for (int i = 0; i <= 16; ++i) face.push_back(at(i));
  for (int i = 26; i >= 17; --i) face.push_back(at(i) - cv::Point(0, cvRound(0.3 * ied())));
  fill_poly(mask, face, cv::Scalar(255));
  return mask;
}

// The face (jaw outline and forehead) at `gain` of its grey; the white backdrop as it was.
cv::Mat darker_skin(double gain) {
  cv::Mat dark = ref_photo().clone();
  scaled(dark, gain, 0).copyTo(dark, face_region_mask(dark));
  return dark;
}

// The face lifted by `lift` and cut off at `white` on every channel, as a video frame's limited
// range or a phone's highlight roll-off blows it out: a flat plateau, nothing at 247 or above.
cv::Mat blown_below_white(int lift, int white) {
  cv::Mat blown = ref_photo().clone();
  cv::Mat lifted = scaled(blown, 1.0, lift);
  cv::min(lifted, cv::Scalar::all(white), lifted);
  lifted.copyTo(blown, face_region_mask(blown));
  return blown;
}
}  // namespace

TEST_CASE("lighting.face_mean: dark skin in a well exposed photo warns, not sure, and suggests no reason") {
  const Analysis a = analyse(darker_skin(0.3));
  const Finding* f = finding(a, "lighting.face_mean");
  REQUIRE(f);
  CHECK(f->value < 65);  // below the warning band: the landed rule failed it
  CHECK(f->verdict == Verdict::Warn);
  CHECK(f->confidence == Confidence::Low);
  CHECK(f->detail_key == "cannot_assess.dark_face_lit_photo");
  const auto reasons = a.suggested_reasons();
  CHECK(std::find(reasons.begin(), reasons.end(), "LIGHTING") == reasons.end());
}

TEST_CASE("lighting.face_mean: a face in the warning band of a photo with nothing bright in it fails") {
  const Analysis dim = analyse(scaled(ref_photo(), 0.4, 0));
  const double mean = value_of(dim, "lighting.face_mean");
  CHECK(mean >= 65);
  CHECK(mean < 85);  // the warning band alone would only warn
  CHECK(verdict_of(dim, "lighting.face_mean") == Verdict::Fail);
  CHECK(finding(dim, "lighting.face_mean")->confidence == Confidence::High);
  // The same face value with a lit backdrop stays a warning: the photo is not under-exposed.
  const Analysis lit = analyse(darker_skin(0.4));
  CHECK(verdict_of(lit, "lighting.face_mean") == Verdict::Warn);
}

TEST_CASE("lighting.overexposed: a face blown out to a flat plateau below 255 warns, not sure; clipped at 255 fails") {
  // No pixel reaches 247: the landed rule read 0 and passed. The plateaus are read, but flat bright
  // skin is also what make-up or a smoothing filter gives, so the finding is not sure.
  const Analysis blown = analyse(blown_below_white(60, 232));
  const Finding* f = finding(blown, "lighting.overexposed");
  REQUIRE(f);
  CHECK(f->value > 0.3);
  CHECK(f->verdict == Verdict::Warn);
  CHECK(f->confidence == Confidence::Low);
  CHECK(f->detail_key == "cannot_assess.flat_bright_skin");
  // Clipped at 255 the same face fails, sure: the clipped share alone fails it.
  const Analysis clipped = analyse(blown_below_white(60, 255));
  CHECK(verdict_of(clipped, "lighting.overexposed") == Verdict::Fail);
  CHECK(finding(clipped, "lighting.overexposed")->confidence == Confidence::High);
  CHECK(verdict_of(ref(), "lighting.overexposed") == Verdict::Pass);
  // Bright but textured skin (lifted without a cut) keeps its grain: not blown.
  const Analysis bright = analyse(blown_below_white(25, 255));
  CHECK(value_of(bright, "lighting.overexposed") < 0.05);
}

TEST_CASE("lighting.underexposed: black glasses rims are not clipped dark skin") {
  CHECK(verdict_of(analyse(glasses_frames()), "lighting.underexposed") == Verdict::Pass);
  CHECK(verdict_of(analyse(scaled(ref_photo(), 0.12, 0)), "lighting.underexposed") == Verdict::Fail);
}

TEST_CASE("quality.sharpness: a dark but sharp photo passes, a blurred one fails at any exposure") {
  const Analysis dark = analyse(scaled(ref_photo(), 0.35, 0));
  CHECK(verdict_of(dark, "quality.sharpness") == Verdict::Pass);
  // The value reads detail, not light: within a fifth of the reference's.
  CHECK(value_of(dark, "quality.sharpness") == doctest::Approx(value_of(ref(), "quality.sharpness")).epsilon(0.2));
  CHECK(verdict_of(analyse(scaled(blurred(3.0), 0.35, 0)), "quality.sharpness") == Verdict::Fail);
}

TEST_CASE("quality.sharpness: a face too small for the document's size fails, whatever its own detail") {
  // The reference shrunk to about 28 px between the eyes, on a backdrop of the spec's size.
  cv::Mat small;
  cv::resize(ref_photo(), small, cv::Size(), 0.3, 0.3, cv::INTER_AREA);
  cv::Mat canvas(ref_photo().size(), CV_8UC3, cv::Scalar(250, 250, 250));
  small.copyTo(
      canvas(cv::Rect((canvas.cols - small.cols) / 2, (canvas.rows - small.rows) / 2, small.cols, small.rows)));
  const Analysis a = analyse(canvas);
  const Finding* f = finding(a, "quality.sharpness");
  REQUIRE(f);  // dlib finds the small face
  CHECK(f->verdict == Verdict::Fail);
  CHECK(f->detail.find("px between the eyes") != std::string::npos);
}
