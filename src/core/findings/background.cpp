#include "core/findings/background.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/colour.hpp"

namespace rs::findings {

double BackgroundMap::connected_share() const {
  const int prior_n = cv::countNonZero(prior);
  if (prior_n == 0) return 0;
  cv::Mat both;
  cv::bitwise_and(flood, prior, both);
  return static_cast<double>(cv::countNonZero(both)) / prior_n;
}

cv::Mat BackgroundMap::clean() const {
  cv::Mat both;
  cv::bitwise_and(flood, prior, both);
  return both;
}

namespace {

// Tuning of the shared background map. None is a judgement a document type would change (the
// rules' thresholds are in db/spec); they decide where the wall is and where the head ends.

// The flood runs on a small copy: a photo longer than kLargePhotoSide px at kFloodLongSide px on its
// long side, a spec-sized photo at kSpecPhotoScale (half size keeps the head top within a photo
// pixel or two, which refine_top recovers).
constexpr int kLargePhotoSide = 640;
constexpr double kFloodLongSide = 400.0;
constexpr double kSpecPhotoScale = 0.5;
constexpr int kSmoothKernel = 3;  // box blur before the flood: JPEG noise must not stop it on a plain wall
// Seed patches near the top corners: a 1/25 of the short side square, inset by 1/30 of it.
constexpr int kSeedPatchDivisor = 25, kSeedInsetDivisor = 30;
constexpr int kMinSeedPatch = 3, kMinSeedInset = 2;  // px of the small copy, for tiny photos
// A border line drawn round the picture takes up to kBorderRows rows past the inset; a head top
// within kTopEdgeRows of the inset is at the top edge, and kEdgeZoneRows past the inset are the
// rows compared there.
constexpr int kBorderRows = 2, kTopEdgeRows = 1, kEdgeZoneRows = 3;
constexpr double kSeedsAgreeDeltaE = 12;  // two corners closer than this are the same wall
constexpr double kFloodStep = 4;          // per-neighbour step the flood follows (8-bit BGR levels)
// Where background ought to be, in face widths about the face (prior_mask): a window 1.6 either
// side, from 1.2 above the brows to 0.1 below the chin, minus a head ellipse 0.8 wide reaching
// 0.85 above the brows (hair) and 0.1 past the chin, minus the neck and body 0.55 either side.
constexpr double kPriorHalfWidth = 1.6, kPriorAboveBrow = 1.2, kPriorBelowChin = 0.1;
constexpr double kHeadHalfWidth = 0.8, kHeadAboveBrow = 0.85, kHeadPastChin = 0.1, kNeckHalfWidth = 0.55;
// refine_top: a column's head top is the first row whose BGR differs from the row above the band
// by more than this sum of channel steps.
constexpr int kHeadEdgeStep = 45;
constexpr double kCoarseRows = 2;  // rows of the small copy the coarse head top may be off by
// The head top is looked for in a band kHeadBandHalf face widths either side of the face centre;
// a low percentile of its columns' tops follows the crown rather than a stray strand.
constexpr double kHeadBandHalf = 0.3;
constexpr std::size_t kTopPercentileDivisor = 5;  // the 20th percentile
// A head top lower than this many face widths above the brows is the flood running down the forehead.
constexpr double kLowestHeadTop = 0.35;
// Hair at the top edge or a busy scene: the wall beside the head (0.8-1.3 face widths out) must be
// reached at the top in at least kBesideReached of it, and the band's top rows must be within
// kHairEdgeDeltaE of the hair 0.3-0.45 face widths above the brows.
constexpr double kBesideFrom = 0.8, kBesideTo = 1.3, kBesideReached = 0.3;
constexpr double kHairSampleFrom = 0.45, kHairSampleTo = 0.3, kHairEdgeDeltaE = 20;
// When the head top is not found: an estimate this many face widths above the brows.
constexpr double kEstimatedHeadTop = 0.75;

// Where background should be: a window around the head, minus an ellipse generous enough for hair,
// minus the neck and body below the chin.
cv::Mat prior_mask(const cv::Size& size, const FaceFrame& fr, double s, BackgroundMap& bm) {
  cv::Mat m = cv::Mat::zeros(size, CV_8U);
  const double fw = fr.face_width * s, cx = fr.centre_x * s, chin = fr.chin.y * s, brow = fr.brow_top * s;
  const cv::Rect window = clip(cv::Rect(cv::Point(int(cx - kPriorHalfWidth * fw), int(brow - kPriorAboveBrow * fw)),
                                        cv::Point(int(cx + kPriorHalfWidth * fw), int(chin + kPriorBelowChin * fw))),
                               size);
  m(window).setTo(255);
  const double top = brow - kHeadAboveBrow * fw;
  bm.head_centre = cv::Point2d(cx, (top + chin) / 2);
  bm.head_axes = cv::Size2d(kHeadHalfWidth * fw, (chin - top) / 2 + kHeadPastChin * fw);
  cv::ellipse(m, bm.head_centre, bm.head_axes, 0, 0, 360, cv::Scalar(0), cv::FILLED);
  cv::rectangle(m, cv::Point2d(cx - kNeckHalfWidth * fw, brow), cv::Point2d(cx + kNeckHalfWidth * fw, size.height),
                cv::Scalar(0), cv::FILLED);
  return m;
}

// The coarse head top is within a pixel or two of the small copy, so a few photo rows either side:
// per column, the first row that differs clearly from the background just above; the 20th percentile.
double refine_top(const cv::Mat& bgr, double coarse, int x0, int x1, double scale) {
  const int reach = static_cast<int>(std::ceil(kCoarseRows / scale)) + 1;
  const int y_start = std::max(0, static_cast<int>(coarse) - reach),
            y_end = std::min(bgr.rows - 1, static_cast<int>(coarse) + reach);
  if (y_start == 0 || x1 <= x0) return coarse;  // at the top edge there is no background above to compare with
  std::vector<int> tops;
  for (int x = std::max(0, x0); x < std::min(bgr.cols, x1); ++x) {
    const cv::Vec3b ref = bgr.at<cv::Vec3b>(y_start - 1, x);
    int y = y_start;
    for (; y <= y_end; ++y) {
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      if (std::abs(p[0] - ref[0]) + std::abs(p[1] - ref[1]) + std::abs(p[2] - ref[2]) > kHeadEdgeStep) break;
    }
    tops.push_back(y);
  }
  std::sort(tops.begin(), tops.end());
  return tops[tops.size() / kTopPercentileDivisor];
}

}  // namespace

BackgroundMap map_background(const cv::Mat& bgr, const FaceFrame& fr, const cv::Mat&) {
  BackgroundMap bm;
  const int long_side = std::max(bgr.cols, bgr.rows);
  // The flood runs on a small copy (a spec photo at half size) for speed; the head top found there
  // is refined on the full-size photo below.
  bm.scale = long_side > kLargePhotoSide ? kFloodLongSide / long_side : kSpecPhotoScale;
  cv::Mat small;
  if (bm.scale < 1)
    cv::resize(bgr, small, cv::Size(), bm.scale, bm.scale, cv::INTER_AREA);
  else
    small = bgr;
  cv::Mat smooth;
  cv::blur(small, smooth, cv::Size(kSmoothKernel, kSmoothKernel));
  cv::cvtColor(smooth, bm.lab, cv::COLOR_BGR2Lab);

  // Seeds: near the top corners, inset so that a border line drawn round the picture is not the
  // seed; when the two disagree (hair or a cupboard in one corner) only the brighter one.
  const int ps = std::max(kMinSeedPatch, std::min(small.cols, small.rows) / kSeedPatchDivisor);
  const int inset = std::max(kMinSeedInset, std::min(small.cols, small.rows) / kSeedInsetDivisor);
  const cv::Rect tl(inset, inset, ps, ps), tr(small.cols - ps - inset, inset, ps, ps);
  const cv::Vec3b a = channel_medians(bm.lab(tl)), b = channel_medians(bm.lab(tr));
  bm.seeds_agree = lab_distance(a, b) < kSeedsAgreeDeltaE;
  std::vector<cv::Point> seeds;
  if (bm.seeds_agree || a[0] >= b[0]) seeds.emplace_back(inset + ps / 2, inset + ps / 2);
  if (bm.seeds_agree || b[0] > a[0]) seeds.emplace_back(small.cols - 1 - inset - ps / 2, inset + ps / 2);
  bm.seed_lab = (bm.seeds_agree || a[0] >= b[0]) ? a : b;

  cv::Mat mask = cv::Mat::zeros(small.rows + 2, small.cols + 2, CV_8U);
  const cv::Scalar step(kFloodStep, kFloodStep, kFloodStep);
  for (const auto& s : seeds)
    if (!mask.at<std::uint8_t>(s.y + 1, s.x + 1))
      cv::floodFill(smooth, mask, s, cv::Scalar(), nullptr, step, step, 4 | cv::FLOODFILL_MASK_ONLY | (255 << 8));
  bm.flood = mask(cv::Rect(1, 1, small.cols, small.rows)).clone();
  bm.prior = prior_mask(small.size(), fr, bm.scale, bm);

  // Head top: in a band over the face centre, the first row the flood does not reach, per column;
  // the 20th percentile over the band follows the crown rather than a stray strand.
  const double cx = fr.centre_x * bm.scale, half = kHeadBandHalf * fr.face_width * bm.scale;
  const int x0 = std::clamp(int(cx - half), 0, small.cols - 1), x1 = std::clamp(int(cx + half), x0 + 1, small.cols);
  const int y_max = std::clamp(int(fr.brow_top * bm.scale), 0, small.rows);
  std::vector<int> tops;
  for (int x = x0; x < x1; ++x) {
    // Skip a border line at the top edge: the background starts at the first flooded row.
    int y = 0;
    while (y < std::min(y_max, inset + kBorderRows) && !bm.flood.at<std::uint8_t>(y, x)) ++y;
    if (y == std::min(y_max, inset + kBorderRows)) y = 0;  // not a border: hair reaches the edge
    while (y < y_max && bm.flood.at<std::uint8_t>(y, x)) ++y;
    tops.push_back(y);
  }
  bm.head_left = static_cast<int>(x0 / bm.scale);
  bm.head_right = static_cast<int>(x1 / bm.scale);
  std::sort(tops.begin(), tops.end());
  const int top = tops.empty() ? 0 : tops[tops.size() / kTopPercentileDivisor];
  bm.head_top = refine_top(bgr, top / bm.scale, bm.head_left, bm.head_right, bm.scale);
  // Found at the eyebrows means the flood ran down the forehead (no hair, or hair like the wall):
  // fall back to an estimate from the face so the measure can still warn.
  const double lowest_plausible = fr.brow_top - kLowestHeadTop * fr.face_width;
  bm.head_top_sure = bm.head_top <= lowest_plausible;
  // Judged on the refined top: a pale bald head whose crown the coarse flood reaches within the
  // inset is still found below it on the full-size photo, and needs no such doubt.
  if (bm.head_top * bm.scale <= inset + kTopEdgeRows) {
    // Hair at the top edge, or a busy scene the flood never entered? Only the former leaves the
    // background beside the head reached at the top.
    const int rows = std::min(small.rows, inset + kEdgeZoneRows);
    double reached = 0;
    for (double side : {-1.0, 1.0}) {
      const int a = std::clamp(int(cx + side * kBesideFrom * fr.face_width * bm.scale), 0, small.cols);
      const int b = std::clamp(int(cx + side * kBesideTo * fr.face_width * bm.scale), 0, small.cols);
      const cv::Rect zone(std::min(a, b), 0, std::abs(b - a), rows);
      if (zone.area() > 0) reached = std::max(reached, cv::countNonZero(bm.flood(zone)) / double(zone.area()));
    }
    // And the hair must run unbroken from the top edge down to the forehead: the band's top rows
    // must have the colour of the hair just above the forehead.
    const int hy0 = std::clamp(int((fr.brow_top - kHairSampleFrom * fr.face_width) * bm.scale), 0, small.rows - 1);
    const int hy1 = std::clamp(int((fr.brow_top - kHairSampleTo * fr.face_width) * bm.scale), hy0 + 1, small.rows);
    const cv::Scalar hair = cv::mean(bm.lab(cv::Rect(x0, hy0, x1 - x0, hy1 - hy0)));
    const cv::Scalar edge = cv::mean(bm.lab(cv::Rect(x0, 0, x1 - x0, rows)));
    const double differs = lab_distance(cv::Vec3b(cv::saturate_cast<uchar>(hair[0]), cv::saturate_cast<uchar>(hair[1]),
                                                  cv::saturate_cast<uchar>(hair[2])),
                                        cv::Vec3b(cv::saturate_cast<uchar>(edge[0]), cv::saturate_cast<uchar>(edge[1]),
                                                  cv::saturate_cast<uchar>(edge[2])));
    if (reached < kBesideReached || differs > kHairEdgeDeltaE) bm.head_top_sure = false;
  }
  if (!bm.head_top_sure) bm.head_top = std::max(0.0, fr.brow_top - kEstimatedHeadTop * fr.face_width);
  return bm;
}

}  // namespace rs::findings
