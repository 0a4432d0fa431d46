// hair.shoulders: beside the lower jaw and just below it, the share of hair-coloured pixels (hair
// colour sampled above the forehead) that hang down from the zone's top, the larger side. Long
// hair hangs here; short hair leaves background. The zone starts params.above_chin inter-eye
// distances above the chin: a chin-length bob (ppp_011) fills the cheeks' sides higher up and ends
// there. It stops just below the chin, and only hair connected to the zone's top edge counts:
// a dark jacket's shoulder rising into the zone from below (hv_test0, ppp_010) has the colour of
// dark hair but background or neck above it. A heuristic: it warns rather than fails when the
// evidence is weak.
#include <opencv2/imgproc.hpp>

#include "core/findings/measures/hair_support.hpp"

namespace rs::findings {
namespace {
constexpr double kJawGap = 0.05;  // inter-eye distances between the jaw line and a zone (the jaw's own shadow)
// Without a hair colour, hair is what is clearly darker than the skin: under this share of its lightness.
constexpr double kDarkerThanSkin = 0.6;

class HairShoulders final : public Measure {
 public:
  std::string_view id() const override { return "hair.shoulders"; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "HAIR_SHOULDERS"; }
  std::vector<std::string_view> params() const override {
    return {"background_tolerance", "hair_tolerance", "width", "above_chin", "below_chin"};
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, Cause::NoSkinReference);
    const double bg_tol = rule.param("background_tolerance"), hair_tol = rule.param("hair_tolerance");
    const auto hair = hair_colour(ctx);
    const double dark = kDarkerThanSkin * ctx.skin().mean[0];
    auto hairy = [&](const cv::Vec3b& p, int x, int y) {
      if (is_background(ctx, p, x, y, bg_tol) || ctx.skin().is_skin(p)) return false;
      // Clothing is expected beside the neck, so only hair-coloured pixels count (or, when the hair
      // colour is unknown, pixels clearly darker than the skin).
      return hair ? lab_distance(p, *hair, kHairLightness) <= hair_tol : p[0] < dark;
    };
    double worst = 0;
    std::vector<Shape> outlines;
    for (const cv::Rect& zone : strips(ctx, rule)) {
      const double share = hanging_share(ctx, zone, hairy);
      worst = std::max(worst, share);
      outlines.push_back(rect_shape(zone, fmt(share * 100, 0) + "%"));
    }
    Finding f = judged(rule, worst);
    f.geometry = std::move(outlines);
    return f;
  }

 private:
  // A band of `width` beside each side of the jaw, upright from `above_chin` over the chin to
  // `below_chin` under it; its inner edge is where the jaw line is at the band's top.
  static std::vector<cv::Rect> strips(const PhotoContext& ctx, const RuleSpec& rule) {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    const double w = rule.param("width") * ied, gap = kJawGap * ied;
    const double top = lm[8].y - rule.param("above_chin") * ied, bottom = lm[8].y + rule.param("below_chin") * ied;
    const double right = jaw_x(lm, 0, 1, top) - gap, left = jaw_x(lm, 16, -1, top) + gap;
    auto R = [&](double x0, double x1) {
      return clip(cv::Rect(cv::Point(cvRound(x0), cvRound(top)), cv::Point(cvRound(x1), cvRound(bottom))), ctx.size());
    };
    return {R(right - w, right), R(left, left + w)};
  }

  // The jaw contour's x at height y, walking from landmark `from` (0 or 16) towards the chin (8).
  static double jaw_x(const std::vector<Point>& lm, int from, int step, double y) {
    for (int i = from; i != 8; i += step) {
      const Point a = lm[i], b = lm[i + step];
      if (y >= a.y && y <= b.y && b.y > a.y) return a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
    }
    return y < lm[from].y ? lm[from].x : lm[8].x;
  }

  // Share of the zone's pixels that are hairy and 8-connected, through hairy pixels, to the
  // zone's top row: hair hangs from above, clothing rises from below.
  template <class Hairy>
  static double hanging_share(const PhotoContext& ctx, const cv::Rect& zone, Hairy hairy) {
    if (zone.area() < kMinZonePixels) return 0;
    cv::Mat mask(zone.size(), CV_8U);
    for (int y = 0; y < zone.height; ++y)
      for (int x = 0; x < zone.width; ++x)
        mask.at<std::uint8_t>(y, x) =
            hairy(ctx.lab().at<cv::Vec3b>(y + zone.y, x + zone.x), x + zone.x, y + zone.y) ? 255 : 0;
    cv::Mat labels;
    const int n = cv::connectedComponents(mask, labels, 8, CV_32S);
    std::vector<bool> hangs(n, false);
    for (int x = 0; x < zone.width; ++x) hangs[labels.at<int>(0, x)] = mask.at<std::uint8_t>(0, x) != 0;
    long hits = 0;
    for (int y = 0; y < zone.height; ++y)
      for (int x = 0; x < zone.width; ++x) hits += hangs[labels.at<int>(y, x)];
    return static_cast<double>(hits) / zone.area();
  }
};
}  // namespace
std::unique_ptr<Measure> make_hair_shoulders() { return std::make_unique<HairShoulders>(); }
}  // namespace rs::findings
