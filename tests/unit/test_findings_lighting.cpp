// Exposure and sharpness on synthesised spec photos.
#include <doctest/doctest.h>

#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using rs::test::analyse;
using rs::test::finding;
using rs::test::spec_photo;
using rs::test::value_of;
using rs::test::verdict_of;
using rs::test::defects::scaled;

TEST_CASE("exposure: too dark and too bright faces fail, the reference passes") {
  const cv::Mat ref = spec_photo();
  const Analysis dark = analyse(scaled(ref, 0.35, 0));
  CHECK(verdict_of(dark, "lighting.face_mean") == Verdict::Fail);
  const Analysis very_dark = analyse(scaled(ref, 0.12, 0));
  CHECK(verdict_of(very_dark, "lighting.underexposed") == Verdict::Fail);
  const Analysis bright = analyse(scaled(ref, 1.3, 40));
  CHECK(verdict_of(bright, "lighting.overexposed") == Verdict::Fail);
  CHECK(verdict_of(bright, "lighting.face_mean") != Verdict::Pass);
  CHECK(rs::test::reason_of(bright, "lighting.overexposed") == "LIGHTING");
}

TEST_CASE("sharpness: a blurred photo fails, normalised by face size") {
  const cv::Mat ref = spec_photo();
  const Analysis a = analyse(rs::test::defects::blurred(3.0));
  CHECK(verdict_of(a, "quality.sharpness") == Verdict::Fail);
  CHECK(rs::test::reason_of(a, "quality.sharpness") == "BLURRED");
  const Analysis r = analyse(ref);
  CHECK(value_of(a, "quality.sharpness") < value_of(r, "quality.sharpness") / 4);
}
