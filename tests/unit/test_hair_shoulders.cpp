// hair.shoulders on kinds of photos: long hair hanging past the chin fails; a bob that ends at the
// chin and a dark top rising beside the neck do not; a head leaning too far is not judged.
#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test::defects;

namespace {
Finding shoulders_of(const cv::Mat& photo) {
  const Analysis a = rs::test::analyse(photo);
  const Finding* f = rs::test::finding(a, "hair.shoulders");
  REQUIRE(f);
  return *f;
}
}  // namespace

TEST_CASE("hair.shoulders: long hair hanging past the chin fails, a bob ending at the chin passes") {
  const Finding hanging = shoulders_of(long_hair());
  CHECK(hanging.verdict == Verdict::Fail);
  CHECK(hanging.confidence == Confidence::High);
  CHECK(hanging.reason_code == "HAIR_SHOULDERS");
  const Finding bob = shoulders_of(hair_down_to(at(8).y - cvRound(0.1 * ied())));
  CHECK(bob.verdict == Verdict::Pass);
  CHECK(bob.value < 0.1);
}

TEST_CASE("hair.shoulders: a top of her hair's colour rising beside the neck is not hair") {
  // Her hair's colour, tiled, beside the neck from the chin down: it does not reach up to ear height.
  cv::Mat m = ref_photo().clone();
  const int w = cvRound(0.7 * ied()), crown = at(19).y - cvRound(1.1 * ied()), half = cvRound(0.3 * ied());
  const cv::Mat patch = ref_photo()(cv::Rect(cv::Point(179 - half, crown), cv::Point(179 + half, crown + 2 * half)));
  for (const cv::Rect r : {cv::Rect(cv::Point(at(5).x - w, at(8).y - 2), cv::Point(at(5).x, m.rows)),
                           cv::Rect(cv::Point(at(11).x, at(8).y - 2), cv::Point(at(11).x + w, m.rows))}) {
    cv::Mat tiled;
    cv::repeat(patch, r.height / patch.rows + 1, r.width / patch.cols + 1, tiled);
    tiled(cv::Rect(0, 0, r.width, r.height)).copyTo(m(r));
  }
  const Finding f = shoulders_of(m);
  CHECK(f.verdict == Verdict::Pass);
  CHECK(f.value < 0.1);
}

TEST_CASE("hair.shoulders: a head leaning past max_roll is not judged, and says why") {
  rs::test::SpecPose tilted;
  tilted.roll_deg = 25;
  const Finding f = shoulders_of(rs::test::spec_photo(tilted));
  CHECK(f.verdict != Verdict::Fail);
  CHECK(f.confidence == Confidence::Low);
  CHECK(f.detail_key == "cannot_assess.head_tilted");
}
