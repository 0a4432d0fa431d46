// face.occlusion and a hand on the cheek (wild_18): the landmark fit follows the fingers as if they
// were the jaw, so the lower face inside the contour is all skin and only the skin running on past
// the narrowed jaw line shows the hand. Made from the reference turned sideways (squeeze_sideways,
// a narrowed side as the hand leaves it) with a hand of the cheeks' colour laid across that side.
#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test;
using namespace rs::test::defects;

namespace {
const cv::Mat& turned() {
  static const cv::Mat m = squeeze_sideways(ref_photo(), 0.45);
  return m;
}
const FaceGeometry& turned_face() {
  static const Analysis a = analyse(turned());
  REQUIRE(a.face);
  static const FaceGeometry f = *a.face;
  return f;
}
cv::Point turned_at(int i) { return {cvRound(turned_face().landmarks[i].x), cvRound(turned_face().landmarks[i].y)}; }
double nose_distance(int i) {
  const auto& lm = turned_face().landmarks;
  const double t = (lm[i].y - lm[27].y) / (lm[30].y - lm[27].y);
  return std::abs(lm[i].x - (lm[27].x + t * (lm[30].x - lm[27].x)));
}
// -1 when the fit's jaw is narrower on the image's left, +1 on its right.
int narrow_side() {
  const double left = nose_distance(3) + nose_distance(4) + nose_distance(5);
  const double right = nose_distance(13) + nose_distance(12) + nose_distance(11);
  return left < right ? -1 : 1;
}
// A hand of the cheeks' colour on the narrow side's rows from the nose to the mouth (landmarks
// 2-5 or 14-11), from `from` to `to` inter-eye distances outward of the jaw landmark 3 or 13 (negative:
// inside the face), with dark creases between the fingers.
cv::Mat with_hand(double from, double to) {
  cv::Mat m = turned().clone();
  const int side = narrow_side();
  const cv::Point jaw = turned_at(side < 0 ? 3 : 13), top = turned_at(side < 0 ? 2 : 14),
                  low = turned_at(side < 0 ? 5 : 11);
  const double unit = face_frame(turned_face()).ied;
  const int x0 = jaw.x + side * cvRound(from * unit), x1 = jaw.x + side * cvRound(to * unit);
  const cv::Rect hand(cv::Point(std::min(x0, x1), top.y), cv::Point(std::max(x0, x1), low.y + 1));
  cv::rectangle(m, hand, mean_colour(turned(), cheek(), 10), cv::FILLED);
  const cv::Scalar crease = mean_colour(turned(), cheek(), 10) * 0.7;
  for (int y = hand.y + hand.height / 4; y < hand.y + hand.height; y += hand.height / 4)
    cv::line(m, cv::Point(hand.x, y), cv::Point(hand.x + hand.width, y), crease, 1);
  return m;
}
}  // namespace

TEST_CASE("face.occlusion: skin running on past a narrowed jaw line is not sure, a turned head passes") {
  // The turned face alone: its narrow side is its edge against the wall.
  const Analysis bare = analyse(turned());
  REQUIRE(bare.face_count == 1);
  const Finding* plain = finding(bare, "face.occlusion");
  REQUIRE(plain);
  CHECK(plain->verdict == Verdict::Pass);
  CHECK(plain->confidence == Confidence::High);
  CHECK(plain->detail.find("skin past the jaw line") == std::string::npos);

  // A hand laid on the narrow cheek and out past the jaw over the wall: not sure, with the cause.
  const Analysis hand = analyse(with_hand(-0.15, 1.1));
  REQUIRE(hand.face_count == 1);
  const Finding* f = finding(hand, "face.occlusion");
  REQUIRE(f);
  CAPTURE(f->detail);
  CHECK(f->verdict == Verdict::Warn);
  CHECK(f->confidence == Confidence::Low);
  CHECK(f->detail_key == "cannot_assess.skin_past_jaw");

  // The same hand held beside the face with the wall between them: not on the face, passes sure.
  const Analysis near = analyse(with_hand(0.25, 1.1));
  REQUIRE(near.face_count == 1);
  const Finding* n = finding(near, "face.occlusion");
  REQUIRE(n);
  CAPTURE(n->detail);
  CHECK(n->verdict == Verdict::Pass);
  CHECK(n->confidence == Confidence::High);
}

TEST_CASE("face.occlusion: skin past both sides of a fit as wide on each side is a wide face, not a hand") {
  // The reference with its cheeks' colour widened past both jaw lines (an older face's cheeks
  // outside a fit placed inside them, hopper_* in the generated set): the fit is not pulled in.
  cv::Mat wide = ref_photo().clone();
  const cv::Scalar skin = mean_colour(ref_photo(), cheek(), 10);
  const int reach = cvRound(0.5 * ied());
  cv::rectangle(wide, cv::Rect(cv::Point(at(3).x - reach, at(2).y), cv::Point(at(3).x + 2, at(5).y)), skin, cv::FILLED);
  cv::rectangle(wide, cv::Rect(cv::Point(at(13).x - 2, at(14).y), cv::Point(at(13).x + reach, at(11).y)), skin,
                cv::FILLED);
  const Analysis a = analyse(wide);
  REQUIRE(a.face_count == 1);
  const Finding* f = finding(a, "face.occlusion");
  REQUIRE(f);
  CAPTURE(f->detail);
  CHECK(f->verdict == Verdict::Pass);
  CHECK(f->confidence == Confidence::High);
}
