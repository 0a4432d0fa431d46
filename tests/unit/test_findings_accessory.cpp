// accessory.hair_band and accessory.necklace: a synthesised band or chain on the compliant
// reference (which must pass without it), and the real fixture photos that carry one (hv_test2's
// hair band, ppp_011's thin chain) or none, when ../shared/fixtures/photos is there.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "core/findings/face_frame.hpp"
#include "test_findings_support.hpp"

using namespace rs::findings;
using rs::test::analyse;
using rs::test::value_of;
using rs::test::verdict_of;

namespace {
const cv::Mat& ref_photo() {
  static const cv::Mat m = rs::test::spec_photo();
  return m;
}
const Analysis& ref() {
  static const Analysis a = analyse(ref_photo());
  return a;
}
FaceFrame ref_frame() { return face_frame(*ref().face); }
cv::Point at(int i) { return {cvRound(ref().face->landmarks[i].x), cvRound(ref().face->landmarks[i].y)}; }

// The reference's cheek colour (BGR), for painting bare skin.
cv::Scalar cheek_colour() {
  const Point c = ref_frame().right_cheek;
  return cv::mean(ref_photo()(cv::Rect(cvRound(c.x) - 8, cvRound(c.y) - 8, 16, 16)));
}

// The reference with an open neckline: her dark top below the chin replaced by a V of bare skin
// (with a little grain, as real skin has), so a necklace has skin to lie on.
cv::Mat open_neckline() {
  cv::Mat m = ref_photo().clone();
  const FaceFrame fr = ref_frame();
  const int cx = cvRound(fr.centre_x), top = at(8).y - 4, half = cvRound(0.45 * fr.face_width);
  std::vector<cv::Point> v = {{cx - half, top}, {cx + half, top}, {cx + half / 2, m.rows}, {cx - half / 2, m.rows}};
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{v}, cheek_colour());
  cv::Mat grain(m.size(), CV_8UC3);
  cv::theRNG().state = 0x5eedULL;  // the same grain on every run
  cv::randn(grain, cv::Scalar::all(0), cv::Scalar::all(3));
  cv::Mat mask = cv::Mat::zeros(m.size(), CV_8U);
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{v}, cv::Scalar(255));
  cv::add(m, grain, m, mask);
  return m;
}

// A thin chain hanging from both sides of the neck to a point low on the chest.
cv::Mat with_chain(cv::Mat m, cv::Scalar colour) {
  const FaceFrame fr = ref_frame();
  const int cx = cvRound(fr.centre_x), top = at(8).y + cvRound(0.05 * fr.face_width), w = cvRound(0.3 * fr.face_width);
  const cv::Point low(cx, m.rows - 6);
  cv::line(m, {cx - w, top}, low, colour, 2, cv::LINE_AA);
  cv::line(m, {cx + w, top}, low, colour, 2, cv::LINE_AA);
  return m;
}

// A coloured band over the hair, following the head's outline from temple to temple.
cv::Mat with_hair_band(cv::Scalar colour) {
  cv::Mat m = ref_photo().clone();
  const FaceFrame fr = ref_frame();
  const cv::Point centre(cvRound(fr.centre_x), cvRound(fr.brow_top + 0.1 * fr.face_width));
  const cv::Size axes(cvRound(0.55 * fr.face_width), cvRound(0.6 * fr.face_width));
  cv::ellipse(m, centre, axes, 0, 200, 340, colour, cvRound(0.04 * fr.face_width), cv::LINE_AA);
  return m;
}

std::optional<Analysis> fixture(const char* name) { return rs::test::fixture_analysis(name); }
}  // namespace

TEST_CASE("accessory.hair_band: a coloured band over the hair warns, bare hair passes") {
  CHECK(verdict_of(ref(), "accessory.hair_band") == Verdict::Pass);
  const Analysis red = analyse(with_hair_band(cv::Scalar(60, 40, 210)));
  CHECK(verdict_of(red, "accessory.hair_band") == Verdict::Warn);
  CHECK(rs::test::reason_of(red, "accessory.hair_band") == "ACCESSORY");
  // A band in her own hair's colour is hair: no colour between hair, nothing to show.
  const FaceFrame fr = ref_frame();
  const cv::Scalar hair = cv::mean(ref_photo()(cv::Rect(cvRound(fr.centre_x) - 10, cvRound(fr.brow_top - 0.45 * fr.face_width), 20, 20)));
  CHECK(verdict_of(analyse(with_hair_band(hair)), "accessory.hair_band") == Verdict::Pass);
}

TEST_CASE("accessory.necklace: a thin chain on the neck warns, the bare neckline passes") {
  const cv::Mat bare = open_neckline();
  const Analysis plain = analyse(bare);
  CHECK(verdict_of(plain, "accessory.necklace") == Verdict::Pass);
  CHECK(verdict_of(ref(), "accessory.necklace") != Verdict::Warn);  // her dark top: nothing on skin
  const Analysis silver = analyse(with_chain(bare.clone(), cv::Scalar(200, 200, 205)));
  CHECK(verdict_of(silver, "accessory.necklace") == Verdict::Warn);
  const Analysis dark = analyse(with_chain(bare.clone(), cv::Scalar(70, 80, 90)));
  CHECK(verdict_of(dark, "accessory.necklace") == Verdict::Warn);
  CHECK(value_of(dark, "accessory.necklace") > value_of(plain, "accessory.necklace"));
}

TEST_CASE("hair band and necklace on real uploads (../shared/fixtures/photos)") {
  // hv_test2: a child with a pink floral hair band; hv_test3: long dark hair and nothing in it.
  if (const auto a = fixture("hv_test2.jpg")) CHECK(verdict_of(*a, "accessory.hair_band") == Verdict::Warn);
  if (const auto a = fixture("hv_test3.jpg")) CHECK(verdict_of(*a, "accessory.hair_band") == Verdict::Pass);
  // ppp_011: a thin chain on a scanned print; ppp_013: an open white collar on bare skin, no chain.
  if (const auto a = fixture("ppp_011.jpg")) CHECK(verdict_of(*a, "accessory.necklace") == Verdict::Warn);
  if (const auto a = fixture("ppp_013.jpg")) CHECK(verdict_of(*a, "accessory.necklace") == Verdict::Pass);
}
