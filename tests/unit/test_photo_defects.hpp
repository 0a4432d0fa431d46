#pragma once
// One-defect photos made from the compliant reference (test_findings_support.hpp's spec_photo()),
// shared by the rule tests (test_findings_rules.cpp, test_findings_faces_beside.cpp,
// test_findings_lighting.cpp, test_findings_accessory.cpp) and the rule coverage table (test_rule_coverage.cpp): each
// maker is written once. Edits are placed with the reference's own landmarks.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/face_frame.hpp"
#include "test_findings_support.hpp"

namespace rs::test::defects {

// The compliant reference photo and its analysis (made once per process).
inline const cv::Mat& ref_photo() {
  static const cv::Mat m = spec_photo();
  return m;
}
inline const findings::Analysis& ref() {
  static const findings::Analysis a = analyse(ref_photo());
  return a;
}
// Landmarks of the reference (the synthetic edits are placed with them).
inline const findings::FaceGeometry& ref_face() { return *ref().face; }
inline cv::Point at(int i) { return {cvRound(ref_face().landmarks[i].x), cvRound(ref_face().landmarks[i].y)}; }
inline double ied() { return findings::face_frame(ref_face()).ied; }
inline cv::Point cheek() {
  const findings::Point c = findings::face_frame(ref_face()).right_cheek;
  return {cvRound(c.x), cvRound(c.y)};
}

inline void fill_poly(cv::Mat& m, std::vector<cv::Point> poly, cv::Scalar colour) {
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{std::move(poly)}, colour);
}
// The landmarks from..to pushed away from their centroid by k.
inline std::vector<cv::Point> grown(int from, int to, double k) {
  std::vector<cv::Point> p;
  cv::Point2d c(0, 0);
  for (int i = from; i <= to; ++i) c += cv::Point2d(at(i));
  c *= 1.0 / (to - from + 1);
  for (int i = from; i <= to; ++i)
    p.emplace_back(cvRound(c.x + (at(i).x - c.x) * k), cvRound(c.y + (at(i).y - c.y) * k));
  return p;
}
inline cv::Scalar mean_colour(const cv::Mat& m, cv::Point centre, int half) {
  return cv::mean(m(cv::Rect(centre.x - half, centre.y - half, 2 * half, 2 * half)));
}

// gain * m + offset, saturated.
inline cv::Mat scaled(const cv::Mat& m, double gain, double offset) {
  cv::Mat out;
  m.convertTo(out, -1, gain, offset);
  return out;
}

// Horizontal warp about the face centre: one side squeezed, the other stretched (a turned head's
// foreshortening, roughly), so the nose moves off the middle of the face contour.
inline cv::Mat squeeze_sideways(const cv::Mat& m, double k) {
  cv::Mat mx(m.size(), CV_32F), my(m.size(), CV_32F);
  const double cx = findings::face_frame(ref_face()).centre_x, half = findings::face_frame(ref_face()).face_width / 2;
  for (int y = 0; y < m.rows; ++y)
    for (int x = 0; x < m.cols; ++x) {
      const double t = std::clamp((x - cx) / half, -1.0, 1.0);
      mx.at<float>(y, x) = static_cast<float>(x + k * half * (1 - t * t));
      my.at<float>(y, x) = static_cast<float>(y);
    }
  cv::Mat out;
  cv::remap(m, out, mx, my, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}
// Squashes a feature vertically towards its middle line by `a` (smoothly back to 1 at the box edge;
// a < 4 keeps the mapping monotonic): narrows eyes, closes parted lips.
inline cv::Mat squash(const cv::Mat& m, cv::Point2f centre, double half_w, double half_h, double a) {
  cv::Mat mx(m.size(), CV_32F), my(m.size(), CV_32F);
  for (int y = 0; y < m.rows; ++y)
    for (int x = 0; x < m.cols; ++x) {
      mx.at<float>(y, x) = float(x);
      const double d = y - centre.y, t = std::abs(d) / half_h;
      const double w = std::max(0.0, 1 - std::pow((x - centre.x) / half_w, 2));  // fade out sideways
      const double f = t < 1 ? 1 + (a - 1) * w * (1 - t) * (1 - t) : 1;
      my.at<float>(y, x) = float(centre.y + d * f);
    }
  cv::Mat out;
  cv::remap(m, out, mx, my, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

// The astronaut's face (her dlib box plus 15% on each side) scaled so the box is `width` px wide,
// pasted into `photo` with the box's top-left corner at `at` (the part outside the photo is cut).
inline cv::Mat with_face_pasted(const cv::Mat& photo, int width, cv::Point at) {
  const findings::FaceGeometry& f = astronaut_face();
  const float bw = f.box[1].x - f.box[0].x, bh = f.box[1].y - f.box[0].y;
  const cv::Rect patch(cvRound(f.box[0].x - 0.15 * bw), cvRound(f.box[0].y - 0.15 * bh), cvRound(1.3 * bw),
                       cvRound(1.3 * bh));
  const double k = width / static_cast<double>(bw);
  cv::Mat small;
  cv::resize(astronaut_raw()(patch), small, cv::Size(), k, k, cv::INTER_AREA);
  const cv::Point origin(at.x - cvRound(0.15 * width), at.y - cvRound(0.15 * width));
  const cv::Rect dst = cv::Rect(origin, small.size()) & cv::Rect(0, 0, photo.cols, photo.rows);
  cv::Mat out = photo.clone();
  small(cv::Rect(dst.tl() - origin, dst.size())).copyTo(out(dst));
  return out;
}

// ---- Mouth ----------------------------------------------------------------------------------
// The teeth painted over with the lower lip's colour (the lips stay parted).
inline cv::Mat teeth_covered() {
  cv::Mat m = ref_photo().clone();
  const cv::Scalar lip = mean_colour(m, (at(57) + at(66)) / 2, 2);  // the lower lip
  fill_poly(m, grown(60, 67, 1.15), lip);
  return m;
}
// teeth_covered() with the lips brought together: the mouth squashed vertically about the lip line.
inline cv::Mat lips_closed() {
  const cv::Point2f lips = (cv::Point2f(at(62)) + cv::Point2f(at(66))) * 0.5f;
  return squash(teeth_covered(), lips, 0.75 * (at(54).x - at(48).x), 0.4 * ied(), 3.0);
}

// ---- Eyes and glasses ---------------------------------------------------------------------------
// The image-right half of the upper face at a third of its brightness, as with a strong side light
// (ppp_010's left eye); the eye keeps its contrast relative to its shaded surroundings.
inline cv::Mat eye_in_side_shade() {
  cv::Mat shaded = ref_photo().clone();
  const cv::Point e(cvRound(ref_face().left_eye.x), cvRound(ref_face().left_eye.y));
  const cv::Rect half(cv::Point(at(27).x + 2, e.y - cvRound(0.6 * ied())),
                      cv::Point(std::min(shaded.cols, at(16).x + 10), e.y + cvRound(0.5 * ied())));
  shaded(half) *= 0.35;
  return shaded;
}
// Dark tinted lenses: a flat dark ellipse over each eye.
inline cv::Mat dark_lenses() {
  cv::Mat covered = ref_photo().clone();
  for (const auto& e : {ref_face().right_eye, ref_face().left_eye})
    cv::ellipse(covered, cv::Point(cvRound(e.x), cvRound(e.y)), cv::Size(cvRound(0.42 * ied()), cvRound(0.3 * ied())),
                0, 0, 360, cv::Scalar(45, 40, 40), cv::FILLED);
  return covered;
}
// Narrowed eyes: each eye squashed vertically about its middle by `a` over +-half_h IEDs, `times`
// times over.
inline cv::Mat eyes_narrowed(double a = 3.5, double half_h = 0.3, int times = 1) {
  cv::Mat closed = ref_photo().clone();
  for (int k = 0; k < times; ++k)
    for (const auto& e : {ref_face().right_eye, ref_face().left_eye})
      closed = squash(closed, cv::Point2f(e.x, e.y), 0.5 * ied(), half_h * ied(), a);
  return closed;
}
// Eyes nearly shut: dlib's shape model resists a single squash (eyes.open reads about 0.03, a
// warning), three over a taller box bring the lids within about 0.018 of the eye-to-chin distance
// (2026-11-22; fail below 0.025).
inline cv::Mat eyes_nearly_shut() { return eyes_narrowed(3.5, 0.4, 3); }
// A red disc on each pupil.
inline cv::Mat red_eyes() {
  cv::Mat red = ref_photo().clone();
  for (const auto& e : {ref_face().right_eye, ref_face().left_eye})
    cv::circle(red, cv::Point(cvRound(e.x), cvRound(e.y)), cvRound(0.09 * ied()), cv::Scalar(30, 30, 220), cv::FILLED);
  return red;
}
// Half the size of a drawn lens, px.
inline int lens_radius() { return cvRound(0.42 * ied()); }
// Dark rectangular frames round both eyes and a bridge between them.
inline cv::Mat glasses_frames() {
  cv::Mat framed = ref_photo().clone();
  const int r = lens_radius();
  for (const auto& e : {ref_face().right_eye, ref_face().left_eye})
    cv::rectangle(framed, cv::Rect(cvRound(e.x) - r, cvRound(e.y) - r * 2 / 3, 2 * r, r * 4 / 3),
                  cv::Scalar(20, 20, 20), 4);
  cv::line(framed, cv::Point(cvRound(ref_face().right_eye.x) + r, cvRound(ref_face().right_eye.y) - r / 3),
           cv::Point(cvRound(ref_face().left_eye.x) - r, cvRound(ref_face().left_eye.y) - r / 3),
           cv::Scalar(20, 20, 20), 4);
  return framed;
}
// A white reflection on each lens, above and outside the pupil.
inline cv::Mat lens_glare() {
  cv::Mat glare = ref_photo().clone();
  const int r = lens_radius();
  for (const auto& e : {ref_face().right_eye, ref_face().left_eye})
    cv::ellipse(glare, cv::Point(cvRound(e.x) + r / 2, cvRound(e.y) - r / 2), cv::Size(r / 3, r / 5), 0, 0, 360,
                cv::Scalar(255, 255, 255), cv::FILLED);
  return glare;
}

// ---- Hair ---------------------------------------------------------------------------------------
// Half the width of the hair edits beside the face, px.
inline int hair_width() { return cvRound(0.45 * ied()); }
// The ears uncovered: the hair beside the face at ear height replaced by the white backdrop.
inline cv::Mat ears_uncovered() {
  cv::Mat ears = ref_photo().clone();
  const int w = hair_width(), top = std::min(at(0).y, at(16).y) - cvRound(0.25 * ied());
  cv::rectangle(ears, cv::Rect(cv::Point(at(0).x - w, top), cv::Point(at(0).x - 2, at(2).y + 2)),
                cv::Scalar(250, 250, 250), cv::FILLED);
  cv::rectangle(ears, cv::Rect(cv::Point(at(16).x + 2, top), cv::Point(at(16).x + w, at(14).y + 2)),
                cv::Scalar(250, 250, 250), cv::FILLED);
  return ears;
}
// A clear forehead: skin painted over the band above the brows (the reference's bangs hide it).
inline cv::Mat forehead_clear() {
  cv::Mat forehead = ref_photo().clone();
  const cv::Scalar skin = mean_colour(forehead, cheek(), 4);
  cv::rectangle(forehead,
                cv::Rect(cv::Point(at(17).x, at(19).y - cvRound(0.45 * ied())),
                         cv::Point(at(26).x, std::min(at(19).y, at(24).y) - 2)),
                skin, cv::FILLED);
  return forehead;
}
inline const cv::Scalar kDarkHair(30, 30, 35);
inline int brow_band_low() { return std::min(at(17).y, at(21).y) - cvRound(0.1 * ied()); }
// forehead_clear() with a lock of dark hair over part of one brow's band.
inline cv::Mat brow_lock() {
  cv::Mat lock = forehead_clear();
  cv::rectangle(lock,
                cv::Rect(cv::Point(at(17).x, brow_band_low() - cvRound(0.4 * ied())),
                         cv::Point(at(21).x, brow_band_low() - cvRound(0.06 * ied()))),
                kDarkHair, cv::FILLED);
  return lock;
}
// forehead_clear() with one brow's whole band covered by dark hair.
inline cv::Mat brow_covered() {
  cv::Mat covered = forehead_clear();
  cv::rectangle(covered,
                cv::Rect(cv::Point(at(17).x - 2, brow_band_low() - cvRound(0.4 * ied())),
                         cv::Point(at(21).x + 2, std::max(at(17).y, at(21).y) - 1)),
                kDarkHair, cv::FILLED);
  return covered;
}
// forehead_clear() with hair over the outer end of one band only (the hairline at the temple).
inline cv::Mat temple_hair() {
  cv::Mat temple = forehead_clear();
  cv::rectangle(temple,
                cv::Rect(cv::Point(at(17).x - 2, brow_band_low() - cvRound(0.4 * ied())),
                         cv::Point(at(19).x, std::max(at(17).y, at(19).y) - 1)),
                kDarkHair, cv::FILLED);
  return temple;
}
// The colour of her hair above the forehead.
inline cv::Scalar hair_colour() { return mean_colour(ref_photo(), cv::Point(179, at(19).y - cvRound(0.9 * ied())), 5); }
// Hair over both ears: a patch of her own hair (from above the forehead) stretched beside the face
// from above the ears' tops down past the lobes (the reference's hair covers the tops of her ears,
// her lobes show).
inline cv::Mat ears_covered() {
  cv::Mat covered = ref_photo().clone();
  const int w = hair_width(), top = std::min(at(0).y, at(16).y) - cvRound(0.35 * ied());
  const int crown = at(19).y - cvRound(1.1 * ied()), half = cvRound(0.4 * ied());
  const cv::Mat hair = ref_photo()(cv::Rect(cv::Point(179 - half, crown), cv::Point(179 + half, crown + 2 * half)));
  for (const cv::Rect r : {cv::Rect(cv::Point(at(0).x - w, top), cv::Point(at(4).x + 2, at(4).y + 4)),
                           cv::Rect(cv::Point(at(12).x - 2, top), cv::Point(at(16).x + w, at(12).y + 4))})
    cv::resize(hair, covered(r), r.size(), 0, 0, cv::INTER_LINEAR);
  return covered;
}
// Her own hair (a patch from above the forehead, tiled) hanging straight beside the jaw from ear
// height down to `bottom` px.
inline cv::Mat hair_down_to(int bottom) {
  cv::Mat m = ref_photo().clone();
  const int w = cvRound(0.7 * ied()), crown = at(19).y - cvRound(1.1 * ied()), half = cvRound(0.3 * ied());
  const cv::Mat patch = ref_photo()(cv::Rect(cv::Point(179 - half, crown), cv::Point(179 + half, crown + 2 * half)));
  bottom = std::min(m.rows, bottom);
  for (const cv::Rect r : {cv::Rect(cv::Point(at(4).x - w, at(1).y), cv::Point(at(4).x + 2, bottom)),
                           cv::Rect(cv::Point(at(12).x - 2, at(15).y), cv::Point(at(12).x + w, bottom))}) {
    cv::Mat tiled;
    cv::repeat(patch, r.height / patch.rows + 1, r.width / patch.cols + 1, tiled);
    tiled(cv::Rect(0, 0, r.width, r.height)).copyTo(m(r));
  }
  return m;
}
// Long hair: her own hair hanging from ear height to below the chin.
inline cv::Mat long_hair() { return hair_down_to(at(8).y + cvRound(0.6 * ied())); }
// long_hair() spread wide beside the face down to the frame's edge (ppp_003).
inline cv::Mat hair_spread_wide() {
  cv::Mat wide = long_hair();
  const cv::Scalar hair = hair_colour();
  const int spread = cvRound(1.1 * ied());
  cv::rectangle(wide, cv::Rect(cv::Point(std::max(0, at(1).x - spread), at(1).y), cv::Point(at(3).x, wide.rows)), hair,
                cv::FILLED);
  cv::rectangle(wide,
                cv::Rect(cv::Point(at(13).x, at(15).y), cv::Point(std::min(wide.cols, at(15).x + spread), wide.rows)),
                hair, cv::FILLED);
  return wide;
}

// ---- Accessories and occlusion ------------------------------------------------------------------
// Where an earring hangs below each ear lobe.
inline std::vector<cv::Point> lobe_spots() {
  std::vector<cv::Point> out;
  for (const auto& [p, dx] : {std::pair{at(3), -1}, std::pair{at(13), 1}})
    out.push_back(p + cv::Point(dx * cvRound(0.12 * ied()), cvRound(0.05 * ied())));
  return out;
}
// White pearls ringed dark below both lobes.
inline cv::Mat pearl_earrings() {
  cv::Mat pearls = ref_photo().clone();
  for (const cv::Point c : lobe_spots()) {
    cv::circle(pearls, c, cvRound(0.05 * ied()) + 2, cv::Scalar(40, 40, 40), cv::FILLED);
    cv::circle(pearls, c, cvRound(0.05 * ied()), cv::Scalar(250, 250, 250), cv::FILLED);
  }
  return pearls;
}
// The same spots in her skin's colour, ringed by shadow (a bare lobe): not jewellery.
inline cv::Mat bare_lobes() {
  cv::Mat shine = ref_photo().clone();
  cv::Mat lab(1, 1, CV_8UC3, mean_colour(shine, cheek(), 14)), lit, shade;  // the cheek, not its highlight
  cv::cvtColor(lab, lab, cv::COLOR_BGR2Lab);
  cv::cvtColor(lab - cv::Scalar(10, 0, 0), lit, cv::COLOR_Lab2BGR);  // skin hue and chroma
  cv::cvtColor(lab - cv::Scalar(70, 0, 0), shade, cv::COLOR_Lab2BGR);
  for (const cv::Point c : lobe_spots()) {
    cv::circle(shine, c, cvRound(0.05 * ied()) + 2, cv::Scalar(shade.at<cv::Vec3b>(0, 0)), cv::FILLED);
    cv::circle(shine, c, cvRound(0.05 * ied()), cv::Scalar(lit.at<cv::Vec3b>(0, 0)), cv::FILLED);
  }
  return shine;
}
// A red cap over the crown.
inline cv::Mat red_cap() {
  cv::Mat cap = ref_photo().clone();
  cv::ellipse(cap, cv::Point(179, at(19).y - cvRound(0.75 * ied())),
              cv::Size(cvRound(1.2 * ied()), cvRound(0.75 * ied())), 0, 180, 360, cv::Scalar(40, 40, 200), cv::FILLED);
  return cap;
}
// A dark cap pulled down to the forehead: no colour, but its straight lower edge.
inline cv::Mat navy_cap() {
  cv::Mat navy = ref_photo().clone();
  cv::ellipse(navy, cv::Point(179, at(19).y - cvRound(0.55 * ied())),
              cv::Size(cvRound(1.3 * ied()), cvRound(0.9 * ied())), 0, 180, 360, cv::Scalar(50, 30, 25), cv::FILLED);
  return navy;
}
// A flat mask over the lower face from the nose down.
inline cv::Mat face_mask() {
  cv::Mat masked = ref_photo().clone();
  fill_poly(masked,
            {at(2), at(3), at(5), at(8), at(11), at(13), at(14), at(35) + cv::Point(0, -4), at(31) + cv::Point(0, -4)},
            cv::Scalar(200, 170, 120));
  return masked;
}

// ---- Lighting and colour ------------------------------------------------------------------------
// The image-left half of the photo at half its brightness (one side of the face lit, one not).
inline cv::Mat half_face_dark() {
  cv::Mat half = ref_photo().clone();
  cv::Mat left = half(cv::Rect(0, 0, at(27).x, half.rows));
  left.convertTo(left, -1, 0.5, 0);
  return half;
}
// A deep shadow over one cheek and the jaw below it.
inline cv::Mat cheek_shadow() {
  cv::Mat patch = ref_photo().clone();
  cv::Mat cheek_zone = patch(cv::Rect(cv::Point(at(1).x, at(29).y), cv::Point(at(8).x, at(7).y)));
  cheek_zone.convertTo(cheek_zone, -1, 0.35, 0);
  return patch;
}
// White glare spots on a cheek and above the nose.
inline cv::Mat face_glare() {
  cv::Mat shiny = ref_photo().clone();
  cv::ellipse(shiny, cheek(), cv::Size(cvRound(0.2 * ied()), cvRound(0.13 * ied())), 0, 0, 360,
              cv::Scalar(255, 255, 255), cv::FILLED);
  cv::ellipse(shiny, cv::Point(at(27).x, at(19).y - 8), cv::Size(cvRound(0.2 * ied()), cvRound(0.08 * ied())), 0, 0,
              360, cv::Scalar(255, 255, 255), cv::FILLED);
  return shiny;
}
// The whole photo squeezed into a narrow band of grey levels.
inline cv::Mat flat_contrast() { return scaled(ref_photo(), 0.09, 130); }
inline cv::Mat green_skin() {
  cv::Mat green = ref_photo().clone();
  green += cv::Scalar(0, 45, 0);
  green -= cv::Scalar(0, 0, 45);
  return green;
}
inline cv::Mat blue_cast() {
  cv::Mat blue = ref_photo().clone();
  blue -= cv::Scalar(0, 10, 40);
  return blue;
}

// ---- Backgrounds ----------------------------------------------------------------------------------
// The reference's person (spec geometry, GrabCut mask) over another backdrop of the frame's size.
inline cv::Mat reference_on(const cv::Mat& backdrop) {
  static const cv::Mat spec = to_spec(astronaut_raw(), astronaut_face());
  static const cv::Mat person = person_mask_of(spec);
  return on_backdrop(spec, person, backdrop);
}
inline const cv::Size kFrame(358, 441);
inline cv::Mat blue_backdrop() { return reference_on(cv::Mat(kFrame, CV_8UC3, cv::Scalar(200, 120, 40))); }
// Forty coloured rectangles on a light grey backdrop.
inline cv::Mat busy_backdrop() {
  cv::Mat busy(kFrame, CV_8UC3, cv::Scalar(235, 235, 235));
  for (int i = 0; i < 40; ++i)
    cv::rectangle(busy, cv::Rect((i * 53) % 340, (i * 97) % 420, 30, 22),
                  cv::Scalar((i * 40) % 255, (i * 90) % 255, (i * 150) % 255), cv::FILLED);
  return reference_on(busy);
}
// A room out of focus: patches of warm and cool light that come and go across the wall every
// 150 px, soft enough for the background's flood to follow step by step, yet no smooth fall of light.
inline cv::Mat blurred_scene_backdrop() {
  cv::Mat room(kFrame, CV_8UC3);
  constexpr double kPeriod = 150, kAmplitude = 35;
  for (int y = 0; y < room.rows; ++y)
    for (int x = 0; x < room.cols; ++x) {
      const double warm = kAmplitude * std::sin(2 * CV_PI * x / kPeriod) * std::cos(2 * CV_PI * y / kPeriod);
      room.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uchar>(200 - warm), cv::saturate_cast<uchar>(200),
                                           cv::saturate_cast<uchar>(200 + warm));
    }
  return reference_on(room);
}
// A smooth gradient from blue to warm white.
inline cv::Mat gradient_backdrop() {
  cv::Mat gradient(kFrame, CV_8UC3);
  for (int y = 0; y < gradient.rows; ++y)
    for (int x = 0; x < gradient.cols; ++x)
      gradient.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(250 - x / 4), uchar(200 + y / 9), uchar(150 + x / 4));
  return reference_on(gradient);
}
// A soft grey shadow behind the head (an ellipse of grey `shade`, blurred by `blur` px, centred at
// x = centre_x), offset to one side.
inline cv::Mat backdrop_shadow(int shade = 140, double blur = 8, int centre_x = 215) {
  cv::Mat shadowed(kFrame, CV_8UC3, cv::Scalar(245, 245, 245));
  cv::ellipse(shadowed, cv::Point(centre_x, 185), cv::Size(150, 175), 0, 0, 360, cv::Scalar::all(shade), cv::FILLED);
  cv::GaussianBlur(shadowed, shadowed, cv::Size(0, 0), blur);
  return reference_on(shadowed);
}
// A shadow background.shadow fails (about 0.84; fail below 0.87, 2026-11-22): further to the side
// and softer than the default one (which warns). A darker shadow is not reached by the
// background's flood at all and reads as clean.
inline cv::Mat backdrop_shadow_deep() { return backdrop_shadow(130, 16, 240); }

// ---- Image quality --------------------------------------------------------------------------------
// Gaussian noise of the given sigma added to every channel (the same noise on every run).
inline cv::Mat noisy(double sigma = 14) {
  cv::Mat out = ref_photo().clone(), noise(out.size(), CV_16SC3);
  cv::theRNG().state = 0x5eedULL;
  cv::randn(noise, 0, sigma);
  out.convertTo(out, CV_16SC3);
  out += noise;
  out.convertTo(out, CV_8UC3);
  return out;
}
// The whole photo out of focus.
inline cv::Mat blurred(double sigma = 3.0) {
  cv::Mat out;
  cv::GaussianBlur(ref_photo(), out, cv::Size(0, 0), sigma);
  return out;
}
// Down to a third, back up with nearest-neighbour: blocky pixels.
inline cv::Mat pixelated() {
  cv::Mat small, pix;
  cv::resize(ref_photo(), small, cv::Size(), 0.33, 0.33, cv::INTER_AREA);
  cv::resize(small, pix, ref_photo().size(), 0, 0, cv::INTER_NEAREST);
  return pix;
}
// Beauty filter: the skin alone smoothed hard (bilateral, then a Gaussian of `sigma` px), eyes and
// hair left sharp. The default reads about 0.123 (a warning), sigma 6 about 0.10 (fail below 0.12).
inline cv::Mat skin_smoothed(double sigma = 2.5) {
  cv::Mat smooth;
  cv::bilateralFilter(ref_photo(), smooth, 15, 60, 12);
  cv::GaussianBlur(smooth, smooth, cv::Size(0, 0), sigma);
  cv::Mat skin = cv::Mat::zeros(ref_photo().size(), CV_8U);
  std::vector<cv::Point> face;
  for (int i = 0; i <= 16; ++i) face.push_back(at(i));
  for (int i = 26; i >= 17; --i) face.push_back(at(i) + cv::Point(0, -30));
  fill_poly(skin, face, cv::Scalar(255));
  fill_poly(skin, grown(36, 41, 1.8), cv::Scalar(0));
  fill_poly(skin, grown(42, 47, 1.8), cv::Scalar(0));
  cv::Mat retouched = ref_photo().clone();
  smooth.copyTo(retouched, skin);
  return retouched;
}

// ---- Framing of a raw upload --------------------------------------------------------------------
// The reference trimmed by 20 px at each side and 40 px at the bottom: the head and chin still have
// their margins, but the GA 461 crop would have to invent pixels (framed too tight).
inline cv::Mat framed_too_tight() {
  return ref_photo()(cv::Rect(20, 0, ref_photo().cols - 40, ref_photo().rows - 40)).clone();
}

// ---- Accessories on the neck and in the hair (accessory.necklace, accessory.hair_band) ------------
// The reference's cheek colour (BGR), for painting bare skin.
inline cv::Scalar cheek_colour() {
  const findings::Point c = findings::face_frame(ref_face()).right_cheek;
  return cv::mean(ref_photo()(cv::Rect(cvRound(c.x) - 8, cvRound(c.y) - 8, 16, 16)));
}

// The reference with an open neckline: her dark top below the chin replaced by a V of bare skin
// (with a little grain, as real skin has), so a necklace has skin to lie on.
inline cv::Mat open_neckline() {
  cv::Mat m = ref_photo().clone();
  const findings::FaceFrame fr = findings::face_frame(ref_face());
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

// The open neckline in a skin-coloured shirt, as hv_test2's: outside the V of bare skin the top
// has her cheek's colour, the neck inside the collar is in its shade, and a thin darker shade runs
// along the V's edges where the collar folds away from the neck: thin lines with "skin" on both
// sides, hanging inwards, as a chain's.
inline cv::Mat cream_collar() {
  cv::Mat m = open_neckline();
  const findings::FaceFrame fr = findings::face_frame(ref_face());
  const int cx = cvRound(fr.centre_x), top = at(8).y - 4, half = cvRound(0.45 * fr.face_width);
  cv::Mat lab(1, 1, CV_8UC3, cheek_colour());
  cv::cvtColor(lab, lab, cv::COLOR_BGR2Lab);
  const cv::Vec3b c = lab.at<cv::Vec3b>(0, 0);
  auto darker = [&](int by) {  // her cheek's hue and chroma, `by` lightness levels darker
    cv::Mat px(1, 1, CV_8UC3, cv::Scalar(std::max(0, c[0] - by), c[1], c[2]));
    cv::cvtColor(px, px, cv::COLOR_Lab2BGR);
    return cv::Scalar(px.at<cv::Vec3b>(0, 0));
  };
  const std::vector<cv::Point> v = {
      {cx - half, top}, {cx + half, top}, {cx + half / 2, m.rows}, {cx - half / 2, m.rows}};
  cv::Mat neck = cv::Mat::zeros(m.size(), CV_8U);
  cv::fillPoly(neck, std::vector<std::vector<cv::Point>>{v}, cv::Scalar(255));
  cv::Mat shaded = m.clone();
  cv::add(shaded, darker(45) - cheek_colour(), shaded);  // the grain stays
  shaded.copyTo(m, neck);
  for (int side = -1; side <= 1; side += 2) {
    const std::vector<cv::Point> cloth = {{cx + side * half, top},
                                          {cx + side * m.cols, top},
                                          {cx + side * m.cols, m.rows},
                                          {cx + side * half / 2, m.rows}};
    cv::fillPoly(m, std::vector<std::vector<cv::Point>>{cloth}, cheek_colour(), cv::LINE_AA);
    cv::line(m, {cx + side * half, top}, {cx + side * half / 2, m.rows}, darker(90), 2, cv::LINE_AA);
  }
  return m;
}

// A thin chain hanging from both sides of the neck to a point low on the chest.
inline cv::Mat with_chain(cv::Mat m, cv::Scalar colour) {
  const findings::FaceFrame fr = findings::face_frame(ref_face());
  const int cx = cvRound(fr.centre_x), top = at(8).y + cvRound(0.05 * fr.face_width), w = cvRound(0.3 * fr.face_width);
  const cv::Point low(cx, m.rows - 6);
  cv::line(m, {cx - w, top}, low, colour, 2, cv::LINE_AA);
  cv::line(m, {cx + w, top}, low, colour, 2, cv::LINE_AA);
  return m;
}

// A coloured band over the hair, following the head's outline from temple to temple.
inline cv::Mat with_hair_band(cv::Scalar colour) {
  cv::Mat m = ref_photo().clone();
  const findings::FaceFrame fr = findings::face_frame(ref_face());
  const cv::Point centre(cvRound(fr.centre_x), cvRound(fr.brow_top + 0.1 * fr.face_width));
  const cv::Size axes(cvRound(0.55 * fr.face_width), cvRound(0.6 * fr.face_width));
  cv::ellipse(m, centre, axes, 0, 200, 340, colour, cvRound(0.04 * fr.face_width), cv::LINE_AA);
  return m;
}

// ---- Resubmission -------------------------------------------------------------------------------
// A different photo of the same person: another scale, height and backdrop, and a slight turn.
inline cv::Mat retaken() {
  SpecPose other;
  other.face_width = 196;
  other.eye_y = 205;
  return squeeze_sideways(spec_photo(other, cv::Scalar(240, 243, 246)), 0.2);
}
inline cv::Mat mirrored() {
  cv::Mat flipped;
  cv::flip(ref_photo(), flipped, 1);
  return flipped;
}

}  // namespace rs::test::defects
