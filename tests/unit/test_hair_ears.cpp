// hair.ears on kinds of photos: a bare ear in shadow beside short hair is an ear, not hair; hair
// hanging over the ear is hair; where colour cannot tell hair from an ear the finding says so.
#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test::defects;

namespace {
Finding ears_of(const cv::Mat& photo) {
  const Analysis a = rs::test::analyse(photo);
  const Finding* f = rs::test::finding(a, "hair.ears");
  REQUIRE(f);
  return *f;
}

// ears_uncovered() with an ear on each side: a flap of her cheek's colour, darkened to `shade`
// (an ear in the shadow of short hair keeps the skin's hue, not its light).
cv::Mat with_ears(double shade) {
  cv::Mat m = ears_uncovered();
  const cv::Scalar ear = mean_colour(ref_photo(), (at(2) + at(31)) / 2, 6) * shade;
  const int w = cvRound(0.22 * ied()), h = cvRound(0.42 * ied());
  for (const cv::Point root : {at(1), at(15)}) {
    const int dx = root.x < 179 ? -w : w;
    cv::ellipse(m, root + cv::Point(dx, -cvRound(0.15 * ied())), cv::Size(w, h), 0, 0, 360, ear, cv::FILLED);
  }
  return m;
}
}  // namespace

TEST_CASE("hair.ears: bare ears beside short hair pass, lit or in shadow") {
  for (const double shade : {1.0, 0.55}) {
    CAPTURE(shade);
    const Finding f = ears_of(with_ears(shade));
    CHECK(f.verdict == Verdict::Pass);
    CHECK(f.confidence == Confidence::High);
    CHECK(f.value == doctest::Approx(0.0));
    REQUIRE(f.geometry.size() == 2);
    CHECK(f.geometry[0].label == "ear");
    CHECK(f.geometry[1].label == "ear");
  }
}

TEST_CASE("hair.ears: her hair over both ears fails, with the share of hair rows") {
  const Finding f = ears_of(ears_covered());
  CHECK(f.verdict == Verdict::Fail);
  CHECK(f.confidence == Confidence::High);
  CHECK(f.value > 0.8);
  CHECK(f.reason_code == "HAIR_EARS");
}

TEST_CASE("hair.ears: hair of the skin's own colour over the ears is not judged, and says why") {
  // Her hair given her skin's chroma at a skin's lightness (a blonde of her own tone), over the
  // ears and above the brows where the hair is sampled: a strand reads as an ear.
  cv::Mat m = ears_covered(), lab;
  cv::cvtColor(m, lab, cv::COLOR_BGR2Lab);
  cv::Mat skin_px(1, 1, CV_8UC3, mean_colour(ref_photo(), (at(2) + at(31)) / 2, 6)), skin_lab;
  cv::cvtColor(skin_px, skin_lab, cv::COLOR_BGR2Lab);
  const cv::Vec3b skin = skin_lab.at<cv::Vec3b>(0, 0);
  const int brows = std::min(at(19).y, at(24).y) - 2, top = std::min(at(0).y, at(16).y) - cvRound(0.35 * ied());
  for (int y = 0; y < m.rows; ++y)
    for (int x = 0; x < m.cols; ++x) {
      const bool beside = y >= top && y <= at(4).y + 4 && (x < at(4).x + 2 || x > at(12).x - 2);
      if (!(y < brows || beside)) continue;
      cv::Vec3b& p = lab.at<cv::Vec3b>(y, x);
      if (p[0] > 235) continue;  // the white backdrop stays
      p = cv::Vec3b(cv::saturate_cast<std::uint8_t>(skin[0] * (0.7 + 0.3 * p[0] / 255.0)), skin[1], skin[2]);
    }
  cv::cvtColor(lab, m, cv::COLOR_Lab2BGR);
  const Finding f = ears_of(m);
  CHECK(f.verdict != Verdict::Fail);
  CHECK(f.confidence == Confidence::Low);
  // Hair this close to the skin is either sampled as hair of the skin's colour or, taken for
  // skin, leaves no hair to sample: either way the finding says colour cannot tell them apart.
  CHECK((f.detail_key == "cannot_assess.hair_like_skin" || f.detail_key == "cannot_assess.no_hair_colour"));
}

TEST_CASE("hair.ears: a face of almost no colour is not judged") {
  // Nine tenths grey (a faded print): the skin's chroma is too small to tell an ear by.
  cv::Mat grey, m;
  cv::cvtColor(ears_covered(), grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(grey, m, cv::COLOR_GRAY2BGR);
  cv::addWeighted(m, 0.9, ears_covered(), 0.1, 0, m);
  const Finding f = ears_of(m);
  CHECK(f.verdict != Verdict::Fail);
  CHECK(f.confidence == Confidence::Low);
  CHECK(f.detail_key == "cannot_assess.no_skin_colour");
}
