// geometry.head_cut (label head_top_cut): the top edge cutting into the head, told from a GA 461
// crop that merely runs past the photo (geometry.in_frame) and from hair that only touches the edge.
#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include "test_findings_support.hpp"

using namespace rs::findings;
using rs::test::SpecPose;

namespace {
SpecPose pose(double face_width, double eye_y) {
  SpecPose p;
  p.face_width = face_width;
  p.eye_y = eye_y;
  return p;
}

// A copy: the analysis it comes from is a temporary.
Finding head_cut(const Analysis& a) {
  const Finding* f = rs::test::finding(a, "geometry.head_cut");
  REQUIRE(f);
  return *f;
}

// A dark bun on top of the head, reaching the photo's top edge.
cv::Mat with_bun(cv::Mat photo, int half_width) {
  cv::ellipse(photo, cv::Point(photo.cols / 2, 6), cv::Size(half_width, 40), 0, 0, 360, cv::Scalar(30, 32, 38),
              cv::FILLED);
  return photo;
}
}  // namespace

TEST_CASE("head_cut: a head with a margin above it passes, on a light and on a dark wall") {
  for (const cv::Scalar wall : {cv::Scalar(250, 250, 250), cv::Scalar(45, 40, 40)}) {
    CAPTURE(wall);
    const Finding f = head_cut(rs::test::analyse(rs::test::spec_photo({}, wall)));
    CHECK(f.verdict == Verdict::Pass);
    CHECK(f.confidence == Confidence::High);
    CHECK(f.value < 0.1);
  }
}

TEST_CASE("head_cut: brows close under the top edge cut the skull, whatever the colours at the edge") {
  const Analysis a = rs::test::analyse(rs::test::spec_photo(pose(207, 110)));
  const Finding f = head_cut(a);
  CHECK(f.verdict == Verdict::Fail);
  CHECK(f.confidence == Confidence::High);
  CHECK(f.value == doctest::Approx(1.0));
  CHECK(f.detail.find("skull") != std::string::npos);
  CHECK(f.reason_code == "SIZE_POSITION");
}

TEST_CASE("head_cut: hair running out of the top edge where the skull nearly reaches it fails") {
  // The face a little too high: brows about 0.65 face widths under the edge, the hair out of it.
  const Finding f = head_cut(rs::test::analyse(with_bun(rs::test::spec_photo(pose(207, 160)), 90)));
  CHECK(f.verdict == Verdict::Fail);
  CHECK(f.confidence == Confidence::High);
  CHECK(f.value > 0.45);
}

TEST_CASE("head_cut: a bun touching the edge over a small head is not judged, and says why") {
  // A small face low in the frame: the skull fits with room, only the bun reaches the edge.
  const Finding f = head_cut(rs::test::analyse(with_bun(rs::test::spec_photo(pose(150, 240)), 60)));
  CHECK(f.verdict != Verdict::Fail);
  CHECK(f.confidence == Confidence::Low);
  CHECK(f.detail_key == "cannot_assess.hair_touches_top");
}
