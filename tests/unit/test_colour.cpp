// The colour helpers of the rule engine (findings/colour.hpp): per-channel medians and the Lab
// distance, on values worked out by hand and against the formulas the measures were tuned with.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <doctest/doctest.h>
#include <opencv2/core.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/measures/hair_support.hpp"
#include "core/findings/skin.hpp"

using namespace rs::findings;

namespace {
// The median as the measures computed it before: the value at index n/2 after nth_element.
std::uint8_t nth_median(std::vector<std::uint8_t> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}
}  // namespace

TEST_CASE("colour: channel_medians takes each channel on its own") {
  // Odd count: the middle value of each channel, which here is no pixel of the input.
  const std::vector<cv::Vec3b> px{{10, 200, 5}, {30, 100, 7}, {20, 150, 250}};
  CHECK(channel_medians(px) == cv::Vec3b(20, 150, 7));
  // Even count: the upper of the middle two (index n/2 of the sorted values).
  const std::vector<cv::Vec3b> four{{1, 40, 9}, {2, 30, 9}, {3, 20, 0}, {4, 10, 0}};
  CHECK(channel_medians(four) == cv::Vec3b(3, 30, 9));
  // One outlier among many does not move it.
  std::vector<cv::Vec3b> wall(9, cv::Vec3b(240, 128, 130));
  wall.push_back({0, 255, 0});
  CHECK(channel_medians(wall) == cv::Vec3b(240, 128, 130));
  CHECK(channel_medians(std::vector<cv::Vec3b>{{7, 8, 9}}) == cv::Vec3b(7, 8, 9));
}

TEST_CASE("colour: channel_medians of an image agrees with nth_element, with and without a mask") {
  cv::RNG rng(14);
  for (int round = 0; round < 20; ++round) {
    cv::Mat img(1 + round * 3, 2 + round * 5, CV_8UC3), mask(img.size(), CV_8U);
    rng.fill(img, cv::RNG::UNIFORM, 0, 256);
    rng.fill(mask, cv::RNG::UNIFORM, 0, 3);  // about a third of the pixels left out
    mask.at<std::uint8_t>(0, 0) = 1;         // at least one counted
    std::vector<std::uint8_t> all[3], masked[3];
    for (int y = 0; y < img.rows; ++y)
      for (int x = 0; x < img.cols; ++x)
        for (int c = 0; c < 3; ++c) {
          all[c].push_back(img.at<cv::Vec3b>(y, x)[c]);
          if (mask.at<std::uint8_t>(y, x)) masked[c].push_back(img.at<cv::Vec3b>(y, x)[c]);
        }
    const cv::Vec3b whole = channel_medians(img), some = channel_medians(img, mask);
    for (int c = 0; c < 3; ++c) {
      CHECK(whole[c] == nth_median(all[c]));
      CHECK(some[c] == nth_median(masked[c]));
    }
  }
  // A region of interest (rows not contiguous in memory) counts only its own pixels.
  cv::Mat img(4, 4, CV_8UC3, cv::Scalar(0, 0, 0));
  img(cv::Rect(1, 1, 2, 2)).setTo(cv::Scalar(50, 60, 70));
  CHECK(channel_medians(img(cv::Rect(1, 1, 2, 2))) == cv::Vec3b(50, 60, 70));
}

TEST_CASE("colour: channel_medians refuses no pixels and the wrong types") {
  CHECK_THROWS_AS(channel_medians(std::vector<cv::Vec3b>{}), std::invalid_argument);
  const cv::Mat img(3, 3, CV_8UC3, cv::Scalar(1, 2, 3));
  CHECK_THROWS_AS(channel_medians(img, cv::Mat::zeros(3, 3, CV_8U)), std::invalid_argument);
  CHECK_THROWS_AS(channel_medians(img, cv::Mat::ones(2, 3, CV_8U)), std::invalid_argument);
  CHECK_THROWS_AS(channel_medians(cv::Mat(3, 3, CV_8UC1, cv::Scalar(1))), std::invalid_argument);
  CHECK_THROWS_AS(channel_medians(cv::Mat(3, 3, CV_32FC3, cv::Scalar(1, 2, 3))), std::invalid_argument);
}

TEST_CASE("colour: lab_distance is ΔE76 of 8-bit Lab by default") {
  // Black to white: stored L 0 and 255 are L* 0 and 100.
  CHECK(lab_distance(cv::Vec3b(0, 128, 128), cv::Vec3b(255, 128, 128)) == doctest::Approx(100.0));
  // 51 stored levels are 20 L*; a and b count as they are stored (offsets cancel): a 3-4-5 triangle.
  CHECK(lab_distance(cv::Vec3b(51, 128, 128), cv::Vec3b(0, 128, 128)) == doctest::Approx(20.0));
  CHECK(lab_distance(cv::Vec3b(100, 131, 132), cv::Vec3b(100, 128, 128)) == 5.0);
  CHECK(lab_distance(cv::Vec3b(100, 131, 132), cv::Vec3b(100, 128, 128)) ==
        lab_distance(cv::Vec3b(100, 128, 128), cv::Vec3b(100, 131, 132)));
  // Colours already in L*, a*, b*: no lightness scaling.
  CHECK(lab_distance({60, 3, 4}, {50, 3, 4}, kDeltaE76OfCielab) == 10.0);
  CHECK(lab_distance({50, -3, 4}, {50, 0, 0}, kDeltaE76OfCielab) == 5.0);
}

TEST_CASE("colour: the hair measures' lightness counts half a unit per stored level, 1.275 per L*") {
  CHECK(lab_distance(cv::Vec3b(20, 128, 128), cv::Vec3b(0, 128, 128), kHairLightness) == 10.0);
  // The same pair under ΔE76 is 20 stored levels = 7.84 L*.
  CHECK(lab_distance(cv::Vec3b(20, 128, 128), cv::Vec3b(0, 128, 128)) == doctest::Approx(7.843137).epsilon(1e-6));
  CHECK(lab_distance(cv::Vec3b(20, 128, 128), cv::Vec3b(0, 128, 128), kHairLightness) /
            lab_distance(cv::Vec3b(20, 128, 128), cv::Vec3b(0, 128, 128)) ==
        doctest::Approx(1.275));
}

TEST_CASE("colour: lab_distance gives bit for bit the numbers the spec's tolerances were tuned with") {
  // The background map's ΔE76 and the hair measures' distance as they were written before the helper.
  auto old_background = [](const cv::Vec3b& a, const cv::Vec3b& b) {
    const double dl = (a[0] - b[0]) * 100.0 / 255.0;
    return std::sqrt(dl * dl + double(a[1] - b[1]) * (a[1] - b[1]) + double(a[2] - b[2]) * (a[2] - b[2]));
  };
  auto old_hair = [](const cv::Vec3b& p, const cv::Vec3f& q) {
    const double dl = (p[0] - q[0]) * 0.5;
    return std::sqrt(dl * dl + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
  };
  int differ = 0;
  for (int l0 = 0; l0 < 256; l0 += 3)
    for (int l1 = 0; l1 < 256; l1 += 5)
      for (int a = 0; a < 256; a += 17)
        for (int b = 0; b < 256; b += 23) {
          const cv::Vec3b p(l0, a, b), q(l1, 255 - b, a);
          differ += lab_distance(p, q) != old_background(p, q);
          differ += lab_distance(p, q, kHairLightness) != old_hair(p, cv::Vec3f(q));
        }
  CHECK(differ == 0);
}

TEST_CASE("colour: the skin's grey is the cheeks' stored L, or a typical skin without a model") {
  SkinModel m;
  CHECK(m.grey() == kTypicalSkinGrey);
  m.valid = true;
  m.mean = {173, 140, 150};
  CHECK(m.grey() == 173.0);
}
