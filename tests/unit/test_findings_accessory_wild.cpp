// The accessory rules on the kinds of photo the landed rules misjudged in the wild: a shading edge
// across a bare forehead and a straight dark hairline are no hat (the first passes, the second is
// not sure), a gold chain over a black top is a necklace, a speck of a few pixels beside a small
// face's ear is no earring, and a small coloured stone on the lobe is one.
#include <doctest/doctest.h>

#include "core/findings/face_frame.hpp"
#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test::defects;
using rs::test::analyse;
using rs::test::finding;
using rs::test::value_of;
using rs::test::verdict_of;

namespace {
// The forehead cleared of bangs (forehead_clear: skin up to 0.45 inter-eye distances over the
// brows, her hair above), the band from `top` down to a straight line `above` inter-eye distances
// over the brows (`top` in the same units; 0 for the photo's top) replaced by `paint` (called
// with the photo and the band's rectangle).
template <class Paint>
cv::Mat forehead_band(double above, double top, Paint paint) {
  cv::Mat m = forehead_clear();
  const int brows = std::min(at(19).y, at(24).y);
  const int line = brows - cvRound(above * ied()), upper = top > 0 ? brows - cvRound(top * ied()) : 0;
  const cv::Rect band(cv::Point(at(0).x - cvRound(0.3 * ied()), upper),
                      cv::Point(at(16).x + cvRound(0.3 * ied()), line));
  paint(m, band & cv::Rect(0, 0, m.cols, m.rows));
  return m;
}

// A side light's or a frown's shading: the cleared forehead above a straight line 0.2 inter-eye
// distances over the brows in the skin's own colour at 55% of its light.
cv::Mat shaded_forehead() {
  return forehead_band(0.2, 0.45, [](cv::Mat& m, const cv::Rect& r) {
    cv::Mat part = m(r);
    part.convertTo(part, -1, 0.55, 0);
  });
}

// Short black hair combed straight back from a straight hairline: dark, colourless and grainy.
cv::Mat straight_hairline() {
  return forehead_band(0.35, 0, [](cv::Mat& m, const cv::Rect& r) {
    m(r).setTo(cv::Scalar(28, 28, 30));
    cv::Mat grain(r.size(), CV_8UC3);
    cv::theRNG().state = 0x4a1fULL;  // the same strands on every run
    cv::randn(grain, cv::Scalar::all(0), cv::Scalar::all(14));
    cv::Mat part = m(r);
    cv::add(part, grain, part);
  });
}
}  // namespace

TEST_CASE("accessory.hat_edge: a shading edge across a bare forehead is no hat") {
  // The shading's edge (0.45 of the skin's grey, straight across) is not read: the value stays
  // what her hairline above it gives on the unshaded forehead, and below the threshold.
  const Analysis shaded = analyse(shaded_forehead());
  CHECK(verdict_of(shaded, "accessory.hat_edge") == Verdict::Pass);
  CHECK(value_of(shaded, "accessory.hat_edge") <= value_of(analyse(forehead_clear()), "accessory.hat_edge") + 0.05);
}

TEST_CASE("accessory.hat_edge: a straight dark hairline warns, not sure; a cap's edge warns, sure") {
  const Analysis hair = analyse(straight_hairline());
  const Finding* f = finding(hair, "accessory.hat_edge");
  REQUIRE(f);
  CHECK(f->value > 0.8);  // as strong as a cap's edge
  CHECK(f->verdict == Verdict::Warn);
  CHECK(f->confidence == Confidence::Low);
  CHECK(f->detail_key == "cannot_assess.hair_or_dark_cap");
  const Analysis cap = analyse(navy_cap());
  CHECK(verdict_of(cap, "accessory.hat_edge") == Verdict::Warn);
  CHECK(finding(cap, "accessory.hat_edge")->confidence == Confidence::High);
}

TEST_CASE("accessory.necklace: a gold chain over a black top warns; the black top alone passes") {
  CHECK(verdict_of(ref(), "accessory.necklace") == Verdict::Pass);  // her dark top
  const Analysis gold = analyse(with_chain(ref_photo().clone(), cv::Scalar(60, 170, 210)));
  CHECK(verdict_of(gold, "accessory.necklace") == Verdict::Warn);
  CHECK(value_of(gold, "accessory.necklace") > 0.2);
  // A dark cord on the same black top is not seen: nothing brighter than the cloth.
  CHECK(verdict_of(analyse(with_chain(ref_photo().clone(), cv::Scalar(12, 12, 12))), "accessory.necklace") ==
        Verdict::Pass);
}

TEST_CASE("accessory.earrings: a speck of a few pixels beside a small face's ear is no earring") {
  cv::Mat small;
  cv::resize(ref_photo(), small, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  const Analysis bare = analyse(small);
  REQUIRE(bare.face);
  const FaceFrame fr = face_frame(*bare.face);
  CHECK(fr.ied < 60);  // the size band alone lets in blobs of 4 px here
  const Point lobe = bare.face->landmarks[2];
  cv::Mat speck = small.clone();
  cv::rectangle(speck, cv::Rect(cvRound(lobe.x - 0.12 * fr.ied), cvRound(lobe.y + 0.05 * fr.ied), 2, 2),
                cv::Scalar(250, 250, 250), cv::FILLED);
  CHECK(verdict_of(analyse(speck), "accessory.earrings") == Verdict::Pass);
}

namespace {
// A stone of radius `radius` px and colour `bgr` on each ear lobe of the reference, placed as the
// pearls of test_findings_accessory.cpp: just outside landmarks 2 and 14, a little below them.
cv::Mat with_stones(cv::Scalar bgr, int radius) {
  cv::Mat m = ref_photo().clone();
  const FaceFrame fr = face_frame(ref_face());
  for (int side = 0; side < 2; ++side) {
    const Point j = ref_face().landmarks[side == 0 ? 2 : 14];
    const double out = side == 0 ? -1 : 1;
    cv::circle(m, cv::Point(cvRound(j.x + out * 0.09 * fr.ied), cvRound(j.y + 0.08 * fr.ied)), radius, bgr, cv::FILLED);
  }
  return m;
}
}  // namespace

TEST_CASE("accessory.earrings: a small sky-blue stone on the lobe warns, a pale amber one of the same size does not") {
  // Radius 2 px: about 13 px, under min_area at the reference's 97 px between the eyes, so only the
  // stud-sized top-hat with its colour test can see it.
  const Analysis blue = analyse(with_stones(cv::Scalar(255, 250, 190), 2));
  CHECK(verdict_of(blue, "accessory.earrings") == Verdict::Warn);
  CHECK(value_of(blue, "accessory.earrings") >= 1);
  // As bright, in the skin's own hue (a highlight, a gold or amber stone): no colour a skin lacks.
  CHECK(verdict_of(analyse(with_stones(cv::Scalar(200, 240, 255), 2)), "accessory.earrings") == Verdict::Pass);
}

TEST_CASE("accessory.earrings: a bead of the skin's own colour on the lobe is not sure, not a pass") {
  // wild_18's pink pearl: compact, of jewellery size, an island at the lobe, but of the skin's hue
  // and shade, which a highlight on a bare lobe has as well. The colour test cannot tell them apart.
  const FaceFrame fr = face_frame(ref_face());
  const cv::Point cheek(cvRound(ref_face().landmarks[3].x + 0.4 * fr.ied), cvRound(ref_face().landmarks[3].y));
  const cv::Scalar skin = cv::mean(ref_photo()(cv::Rect(cheek, cv::Size(8, 8))));
  const Analysis bead = analyse(with_stones(skin * 1.15, 4));
  const Finding* f = finding(bead, "accessory.earrings");
  REQUIRE(f);
  CHECK(f->value == 0);  // not counted as jewellery
  CHECK(f->confidence == Confidence::Low);
  CHECK(f->detail_key == "cannot_assess.skin_coloured_bead");
  // The same lobes without it pass, sure.
  CHECK(finding(ref(), "accessory.earrings")->confidence == Confidence::High);
}
