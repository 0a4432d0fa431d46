// accessory.necklace: a chain or string of beads is a thin line, darker or brighter than the skin it
// lies on, running down the neck and collar on both sides of the face's centre line. Below the chin
// (from params.from to params.to face widths), each half is searched for thin ridges (black-hat
// and white-hat transforms of about a chain's width) that have skin on both sides (a collar or a
// shirt's edge has skin on one side only), run long (params.min_length face widths), hang
// down towards the centre line (a collar's points spread outwards, its seams run flat) and lie on
// one shade: a chain has the same skin on both sides, while the crease along a skin-coloured
// collar (cream, beige) has the neck on one side and the lighter fabric on the other (hv_test2's
// collar read 0.15 against 0.2 before this test; params.max_side_step, grey levels).
// On dark clothing (a black turtleneck) there is no skin for the chain to lie on: a line also
// counts when the ring around it is, apart from skin, one even, dark cloth (at least
// 1 - params.min_skin_ring of the ring; its grey's robust spread at most params.cloth_max_sd, its
// median under params.cloth_max_grey of the skin's grey) and the line is brighter than the cloth by
// params.contrast: a gold chain or a string of beads over the cloth. A seam or a fold
// of the cloth is darker than the cloth, not brighter, and hair's highlights lie on hair whose
// grey is far from even.
// Value: the shorter of the two halves' line lengths, in face widths (a necklace hangs on both
// sides; a lock of hair or a crease usually on one).
// A heuristic: it asks the reviewer to look (warn) rather than failing.
#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr int kMinKernel = 3;           // px: the hat transforms' smallest (odd) kernel
constexpr int kMinRing = 2;             // px: the skin ring around a line is half the kernel, at least this
constexpr double kSideOffsetRings = 2;  // side_step samples this many rings out from the line
constexpr int kMinRegionKernels = 3;    // a half searched must be this many kernels wide and high
constexpr double kMadToSd = 1.4826;     // median absolute deviation to a normal distribution's sd

// Skin (by the cheek model) in `r`, 255 where the pixel's colour is the face's skin.
cv::Mat skin_in(const PhotoContext& ctx, const cv::Rect& r) {
  cv::Mat skin(r.size(), CV_8U);
  for (int y = 0; y < r.height; ++y)
    for (int x = 0; x < r.width; ++x)
      skin.at<std::uint8_t>(y, x) = ctx.skin().is_skin(ctx.lab().at<cv::Vec3b>(y + r.y, x + r.x)) ? 255 : 0;
  return skin;
}

// Share of the ring (`k` px wide, past the line's 1-px rim) around component `label` (bounding box `b`) that is skin:
// about 1 for a chain lying on the neck, about a half for the edge of a collar or the jaw's shadow.
double ring_skin_share(const cv::Mat& labels, int label, const cv::Rect& b, const cv::Mat& skin, int k) {
  const cv::Rect around = clip(cv::Rect(b.x - k, b.y - k, b.width + 2 * k, b.height + 2 * k), labels.size());
  const cv::Mat line = labels(around) == label;
  cv::Mat ring, soft_edge;
  cv::dilate(line, ring, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * k + 1, 2 * k + 1)));
  cv::dilate(line, soft_edge, cv::Mat());  // the line's blurred rim takes after the line, not the skin
  ring &= ~soft_edge;
  const double n = cv::countNonZero(ring);
  return n > 0 ? cv::countNonZero(ring & skin(around)) / n : 0;
}

// The grey of the cloth in the ring (`k` px wide, past the line's 1-px rim) around component
// `label` (bounding box `b`): the ring's pixels that are not skin, their share of the ring, their
// median and robust spread (1.4826 median absolute deviations: the neck's shaded rim, which the
// cheeks' model does not call skin, is a minority there and does not move them), and the grey of
// the line itself.
struct RingCloth {
  double share = 0, median = 0, spread = 0, line_mean = 0;
};
double median_of(std::vector<int> v) {
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
  return v[v.size() / 2];
}
RingCloth ring_cloth(const cv::Mat& labels, int label, const cv::Rect& b, const cv::Mat& grey, const cv::Mat& skin,
                     int k) {
  const cv::Rect around = clip(cv::Rect(b.x - k, b.y - k, b.width + 2 * k, b.height + 2 * k), labels.size());
  const cv::Mat line = labels(around) == label;
  cv::Mat ring, soft_edge;
  cv::dilate(line, ring, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * k + 1, 2 * k + 1)));
  cv::dilate(line, soft_edge, cv::Mat());
  ring &= ~soft_edge;
  RingCloth c;
  const double n = cv::countNonZero(ring);
  const cv::Mat cloth = ring & ~skin(around);
  const double m = cv::countNonZero(cloth);
  if (n == 0 || m == 0) return c;
  c.share = m / n;
  std::vector<int> g;
  for (int y = 0; y < cloth.rows; ++y)
    for (int x = 0; x < cloth.cols; ++x)
      if (cloth.at<std::uint8_t>(y, x)) g.push_back(grey(around).at<std::uint8_t>(y, x));
  c.median = median_of(g);
  for (int& v : g) v = std::abs(v - cvRound(c.median));
  c.spread = kMadToSd * median_of(g);
  c.line_mean = cv::mean(grey(around), line)[0];
  return c;
}

// Thin dark or bright ridges of `r` (grey contrast at least `contrast` against a `k`-px neighbourhood).
cv::Mat thin_ridges(const PhotoContext& ctx, const cv::Rect& r, int k, double contrast) {
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k));
  cv::Mat dark, bright, out;
  cv::morphologyEx(ctx.grey()(r), dark, cv::MORPH_BLACKHAT, kernel);
  cv::morphologyEx(ctx.grey()(r), bright, cv::MORPH_TOPHAT, kernel);
  cv::threshold(cv::max(dark, bright), out, contrast, 255, cv::THRESH_BINARY);
  return out;
}

// Median difference in grey between the two sides of component `label` (bounding box `b`), each
// side sampled `off` px from the line along the normal of its main axis: small for a chain lying
// on one skin, large for the edge between the neck and a lighter collar.
double side_step(const cv::Mat& grey, const cv::Mat& labels, int label, const cv::Rect& b, double off) {
  const cv::Moments m = cv::moments(labels(b) == label, true);
  if (m.m00 <= 0) return 0;
  const double angle = 0.5 * std::atan2(2 * m.mu11, m.mu20 - m.mu02);  // of the main axis, image y down
  const double nx = -std::sin(angle) * off, ny = std::cos(angle) * off;
  const cv::Rect img({0, 0}, grey.size());
  std::vector<int> steps;
  for (int y = b.y; y < b.y + b.height; ++y)
    for (int x = b.x; x < b.x + b.width; ++x) {
      if (labels.at<int>(y, x) != label) continue;
      const cv::Point p1(cvRound(x + nx), cvRound(y + ny)), p2(cvRound(x - nx), cvRound(y - ny));
      if (img.contains(p1) && img.contains(p2))
        steps.push_back(std::abs(grey.at<std::uint8_t>(p1) - grey.at<std::uint8_t>(p2)));
    }
  if (steps.empty()) return 0;
  std::nth_element(steps.begin(), steps.begin() + std::ptrdiff_t(steps.size() / 2), steps.end());
  return steps[steps.size() / 2];
}

struct Lines {
  double length = 0;            // summed extent of the kept lines, px
  std::vector<cv::Rect> boxes;  // photo coordinates
};

// From the rule's params (line_rule), scaled to this face.
struct LineRule {
  double min_len = 0, max_width = 0, min_skin_ring = 0;
  double min_slope = 0;      // |dy/dx| of the line; a collar's seam and the jaw's shadow run flatter
  double max_side_step = 0;  // grey levels between the line's two sides (2 rings out)
  // A bright line on dark, even cloth: brighter than the ring by `contrast`, the ring's grey
  // spread at most `cloth_max_sd` and its median under `cloth_max_grey`.
  double contrast = 0, cloth_max_sd = 0, cloth_max_grey = 0;
  int ring = 0;
  bool left = true;  // the half searched: on the left, a hanging chain runs down and to the right
};

// True when the component runs down towards the face's centre line, steeply enough: a chain hangs
// from the sides of the neck inwards; a collar's points spread outwards.
bool hangs_inwards(const cv::Mat& labels, int label, const cv::Rect& b, const LineRule& rule) {
  const cv::Moments m = cv::moments(labels(b) == label, true);
  if (m.m00 <= 0) return false;
  const double cxy = m.mu11 / m.m00, cxx = m.mu20 / m.m00, cyy = m.mu02 / m.m00;
  const double angle = 0.5 * std::atan2(2 * cxy, cxx - cyy);  // of the main axis, image y down
  const double dx = std::cos(angle), dy = std::sin(angle);
  if (std::abs(dy) < rule.min_slope * std::abs(dx)) return false;
  return rule.left ? dx * dy > 0 : dx * dy < 0;
}

// True when component `label` lies mostly on even, dark cloth and is brighter than it (see the
// file's comment); where its ring is not cloth it is skin (a chain coming down from the neck).
bool on_dark_cloth(const cv::Mat& labels, int label, const cv::Rect& b, const cv::Mat& grey, const cv::Mat& skin,
                   const LineRule& rule) {
  const RingCloth c = ring_cloth(labels, label, b, grey, skin, rule.ring);
  return c.share >= 1 - rule.min_skin_ring && c.line_mean >= c.median + rule.contrast &&
         c.spread <= rule.cloth_max_sd && c.median < rule.cloth_max_grey;
}

// Long, thin connected lines of `mask` (in `r`, whose grey is `grey`) lying on skin or on dark
// cloth: extent (bounding-box diagonal) at least min_len px, mean width (area / extent) at most
// max_width px, skin all around or even dark cloth all around, the same shade on both sides.
Lines long_thin_on_skin(const cv::Mat& mask, const cv::Mat& grey, const cv::Mat& skin, const cv::Rect& r,
                        const LineRule& rule) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8);
  Lines out;
  for (int i = 1; i < n; ++i) {
    const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const double extent = std::hypot(b.width, b.height);
    if (extent < rule.min_len || stats.at<int>(i, cv::CC_STAT_AREA) > rule.max_width * extent) continue;
    if (!hangs_inwards(labels, i, b, rule)) continue;
    const double skin_share = ring_skin_share(labels, i, b, skin, rule.ring);
    if (skin_share < rule.min_skin_ring && !on_dark_cloth(labels, i, b, grey, skin, rule)) continue;
    if (side_step(grey, labels, i, b, kSideOffsetRings * rule.ring) > rule.max_side_step) continue;
    out.length += extent;
    out.boxes.push_back(b + r.tl());
  }
  return out;
}

// The line tests from the rule's params, for a face `fw` px wide and ridges of `k` px, on a face
// whose skin has grey `skin_grey`.
LineRule line_rule(const RuleSpec& rule, double fw, int k, double skin_grey) {
  LineRule r;
  r.min_len = rule.param("min_length") * fw;
  r.max_width = rule.param("max_width") * k;
  r.min_skin_ring = rule.param("min_skin_ring");
  r.min_slope = rule.param("min_slope");
  r.max_side_step = rule.param("max_side_step");
  r.ring = std::max(kMinRing, k / 2);
  r.contrast = rule.param("contrast");
  r.cloth_max_sd = rule.param("cloth_max_sd");
  r.cloth_max_grey = rule.param("cloth_max_grey") * skin_grey;
  return r;
}

class Necklace final : public Measure {
 public:
  std::string_view id() const override { return "accessory.necklace"; }
  std::string_view unit() const override { return "face widths"; }
  std::string_view reason() const override { return "ACCESSORY"; }
  std::vector<std::string_view> params() const override {
    return {"min_length", "max_width", "min_skin_ring", "min_slope", "max_side_step", "half_width",
            "from",       "to",        "line_width",    "contrast",  "cloth_max_sd",  "cloth_max_grey"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinColour);
    const FaceFrame& fr = ctx.frame();
    const double fw = fr.face_width, half = rule.param("half_width") * fw;
    const int top = cvRound(fr.chin.y + rule.param("from") * fw), bottom = cvRound(fr.chin.y + rule.param("to") * fw);
    const int k = std::max(kMinKernel, cvRound(rule.param("line_width") * fw)) | 1;
    LineRule lines_rule = line_rule(rule, fw, k, ctx.skin().grey());
    double shorter = -1;
    std::vector<Shape> shapes;
    for (int side = 0; side < 2; ++side) {
      const int x0 = cvRound(side == 0 ? fr.centre_x - half : fr.centre_x),
                x1 = cvRound(side == 0 ? fr.centre_x : fr.centre_x + half);
      lines_rule.left = side == 0;
      const cv::Rect r = clip(cv::Rect(cv::Point(x0, top), cv::Point(x1, bottom)), ctx.size());
      if (r.width < kMinRegionKernels * k || r.height < kMinRegionKernels * k)
        return not_assessed(rule, Cause::TooLittleNeck);
      const Lines lines = long_thin_on_skin(thin_ridges(ctx, r, k, rule.param("contrast")), ctx.grey()(r),
                                            skin_in(ctx, r), r, lines_rule);
      shorter = shorter < 0 ? lines.length : std::min(shorter, lines.length);
      shapes.push_back(rect_shape(r));
      for (const cv::Rect& b : lines.boxes) shapes.push_back(rect_shape(b, "?"));
    }
    Finding f = judged(rule, shorter / fw);
    f.geometry = std::move(shapes);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_necklace() { return std::make_unique<Necklace>(); }
}  // namespace rs::findings
