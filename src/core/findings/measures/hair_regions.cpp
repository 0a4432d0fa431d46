// Hair where it must not be (heuristics; they warn rather than fail when the evidence is weak):
// hair.eyebrows - the forehead band just above each eyebrow is not skin (bangs);
// hair.ears     - beside the face at ear height neither skin (an ear) nor background;
// hair.shoulders - beside the neck below the jaw, hair-coloured pixels (sampled above the forehead).
// Value: the share of the region that looks like hair (the larger of the two sides).
#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
enum class Zone { Eyebrows, Ears, Shoulders };

double lab_dist(const cv::Vec3b& p, const cv::Vec3f& q) {
  const double dl = (p[0] - q[0]) * 0.5;  // lightness matters less than colour
  return std::sqrt(dl * dl + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
}

class HairZone final : public Measure {
 public:
  explicit HairZone(Zone z) : z_(z) {}
  std::string_view id() const override {
    return z_ == Zone::Eyebrows ? "hair.eyebrows" : z_ == Zone::Ears ? "hair.ears" : "hair.shoulders";
  }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override {
    return z_ == Zone::Eyebrows ? "HAIR_EYEBROWS" : z_ == Zone::Ears ? "HAIR_EARS" : "HAIR_SHOULDERS";
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.skin().valid) return not_assessed(rule, "cheeks not visible, no skin reference");
    const auto regions = zones(ctx, rule);
    double worst = 0;
    Finding f;
    std::vector<Shape> shapes;
    for (const auto& poly : regions) {
      const double share = hair_share(ctx, poly, rule);
      worst = std::max(worst, share);
      std::vector<Point> pts;
      for (const auto& p : poly) pts.push_back({float(p.x), float(p.y)});
      pts.push_back(pts.front());
      shapes.push_back(polyline_shape(std::move(pts), fmt(share * 100, 0) + "%"));
    }
    f = judged(rule, worst);
    f.geometry = std::move(shapes);
    return f;
  }

 private:
  std::vector<std::vector<cv::Point>> zones(const PhotoContext& ctx, const RuleSpec& rule) const {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    auto P = [](double x, double y) { return cv::Point(cvRound(x), cvRound(y)); };
    std::vector<std::vector<cv::Point>> out;
    if (z_ == Zone::Eyebrows) {
      const double lo = rule.param("band_from", 0.06) * ied, hi = rule.param("band_to", 0.3) * ied;
      for (auto [a, b] : {std::pair{17, 21}, std::pair{22, 26}}) {
        std::vector<cv::Point> band;
        for (int i = a; i <= b; ++i) band.push_back(P(lm[i].x, lm[i].y - lo));
        for (int i = b; i >= a; --i) band.push_back(P(lm[i].x, lm[i].y - hi));
        out.push_back(band);
      }
    } else if (z_ == Zone::Ears) {
      const double w = rule.param("width", 0.35) * ied, gap = rule.param("gap", 0.04) * ied;
      const double top = std::min(lm[0].y, lm[16].y) - rule.param("above", 0.15) * ied;
      out.push_back({P(lm[0].x - gap - w, top), P(lm[0].x - gap, top), P(lm[2].x - gap, lm[2].y), P(lm[2].x - gap - w, lm[2].y)});
      out.push_back({P(lm[16].x + gap, top), P(lm[16].x + gap + w, top), P(lm[14].x + gap + w, lm[14].y), P(lm[14].x + gap, lm[14].y)});
    } else {
      // Beside the lower jaw and just below it: long hair hangs here, short hair leaves background.
      const double w = rule.param("width", 0.55) * ied, gap = 0.05 * ied, drop = rule.param("below_chin", 0.15) * ied;
      const double top = lm[3].y, bottom = lm[8].y + drop;
      out.push_back({P(lm[3].x - gap - w, top), P(lm[3].x - gap, top), P(lm[5].x - gap, bottom), P(lm[5].x - gap - w, bottom)});
      out.push_back({P(lm[13].x + gap, top), P(lm[13].x + gap + w, top), P(lm[11].x + gap + w, bottom), P(lm[11].x + gap, bottom)});
    }
    return out;
  }

  // Hair colour: the middle of the band between the head top and the hairline, when it was found.
  std::optional<cv::Vec3f> hair_colour(const PhotoContext& ctx) const {
    const BackgroundMap& bg = ctx.background();
    if (!bg.head_top_sure) return std::nullopt;
    const FaceFrame& fr = ctx.frame();
    const double y0 = bg.head_top + 0.15 * (fr.brow_top - bg.head_top), y1 = bg.head_top + 0.45 * (fr.brow_top - bg.head_top);
    const cv::Rect r = clip(cv::Rect(cv::Point(int(fr.centre_x - 0.2 * fr.face_width), int(y0)), cv::Point(int(fr.centre_x + 0.2 * fr.face_width), int(y1))), ctx.size());
    if (r.area() < 10) return std::nullopt;
    const cv::Scalar m = cv::mean(ctx.lab()(r));
    return cv::Vec3f(float(m[0]), float(m[1]), float(m[2]));
  }

  double hair_share(const PhotoContext& ctx, const std::vector<cv::Point>& poly, const RuleSpec& rule) const {
    const cv::Rect r = clip(cv::boundingRect(poly), ctx.size());
    if (r.area() < 4) return 0;
    cv::Mat mask = cv::Mat::zeros(r.size(), CV_8U);
    std::vector<cv::Point> local;
    for (const auto& p : poly) local.emplace_back(p.x - r.x, p.y - r.y);
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{local}, cv::Scalar(255));
    const BackgroundMap& bg = ctx.background();
    const cv::Vec3f seed(bg.seed_lab[0], bg.seed_lab[1], bg.seed_lab[2]);
    const auto hair = hair_colour(ctx);
    const double bg_tol = rule.param("background_tolerance", 14), hair_tol = rule.param("hair_tolerance", 18);
    long n = 0, hits = 0;
    for (int y = 0; y < r.height; ++y)
      for (int x = 0; x < r.width; ++x) {
        if (!mask.at<std::uint8_t>(y, x)) continue;
        ++n;
        const cv::Vec3b p = ctx.lab().at<cv::Vec3b>(y + r.y, x + r.x);
        if (z_ == Zone::Eyebrows) {
          // The forehead is lit differently from the cheeks: a wider chroma tolerance there.
          hits += !ctx.skin().is_skin(p, rule.param("skin_sigmas", 4.5));
          continue;
        }
        const int fx = static_cast<int>((x + r.x) * bg.scale), fy = static_cast<int>((y + r.y) * bg.scale);
        const bool background = bg.flood.at<std::uint8_t>(std::min(fy, bg.flood.rows - 1), std::min(fx, bg.flood.cols - 1)) ||
                                lab_dist(p, seed) < bg_tol;
        if (background || ctx.skin().is_skin(p)) continue;
        // Beside the neck clothing is expected, so only hair-coloured pixels count there (or, when
        // the hair colour is unknown, pixels clearly darker than the skin).
        if (z_ == Zone::Shoulders) {
          const bool hairy = hair ? lab_dist(p, *hair) <= hair_tol : p[0] < 0.6 * ctx.skin().mean[0];
          if (!hairy) continue;
        }
        ++hits;
      }
    return n ? static_cast<double>(hits) / n : 0;
  }

  Zone z_;
};
}  // namespace
std::unique_ptr<Measure> make_hair_eyebrows() { return std::make_unique<HairZone>(Zone::Eyebrows); }
std::unique_ptr<Measure> make_hair_ears() { return std::make_unique<HairZone>(Zone::Ears); }
std::unique_ptr<Measure> make_hair_shoulders() { return std::make_unique<HairZone>(Zone::Shoulders); }
}  // namespace rs::findings
