// Checks around the eyes:
// eyes.visible  - contrast inside the eye outlines (iris and sclera); hair, a hand or dark lenses
//                 over the eyes flatten it. Value: (90th - 10th percentile grey) / skin grey.
// eyes.red      - share of eye pixels that are strongly red (flash red-eye).
// glasses.glare - share of near-white pixels around the eyes outside the eye outlines (flash
//                 reflections on lenses).
// glasses.present - edge strength across the nose bridge between the eyes, where frames cross,
//                 over the edge strength of the cheeks (a heuristic; people who wear glasses may).
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
enum class EyeCheck { Visible, Red, Glare, Glasses };

cv::Mat polygon_mask(const cv::Size& size, const cv::Rect& r, const std::vector<cv::Point>& poly, double grow) {
  cv::Mat m = cv::Mat::zeros(size, CV_8U);
  cv::Point2d c(0, 0);
  for (const auto& p : poly) c += cv::Point2d(p);
  c *= 1.0 / poly.size();
  std::vector<cv::Point> local;
  for (const auto& p : poly) local.emplace_back(cvRound(c.x + (p.x - c.x) * grow) - r.x, cvRound(c.y + (p.y - c.y) * grow) - r.y);
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{local}, cv::Scalar(255));
  return m;
}

class EyeRegion final : public Measure {
 public:
  explicit EyeRegion(EyeCheck c) : c_(c) {}
  std::string_view id() const override {
    switch (c_) {
      case EyeCheck::Visible: return "eyes.visible";
      case EyeCheck::Red: return "eyes.red";
      case EyeCheck::Glare: return "glasses.glare";
      case EyeCheck::Glasses: return "glasses.present";
    }
    return "";
  }
  std::string_view unit() const override { return c_ == EyeCheck::Visible || c_ == EyeCheck::Glasses ? "ratio" : "share"; }
  std::string_view reason() const override {
    switch (c_) {
      case EyeCheck::Visible: return "FEATURES_HIDDEN";
      case EyeCheck::Red: return "LIGHTING";
      case EyeCheck::Glare: return "FACE_GLARE";
      case EyeCheck::Glasses: return "ACCESSORY";
    }
    return "";
  }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (c_ == EyeCheck::Glasses) return glasses(ctx, rule);
    double worst = c_ == EyeCheck::Visible ? 1e9 : 0;
    Finding f;
    std::vector<Shape> shapes;
    for (auto [a, b] : {std::pair{36, 41}, std::pair{42, 47}}) {
      const auto poly = landmark_polygon(ctx.face(), a, b);
      const Point centre = a == 36 ? ctx.face().right_eye : ctx.face().left_eye;
      const cv::Rect box = square_at(centre, ctx.frame().ied * (c_ == EyeCheck::Glare ? 0.75 : 0.5), ctx.size());
      if (box.area() < 9) return not_assessed(rule, "eyes too small");
      const double v = one_eye(ctx, rule, box, poly);
      worst = c_ == EyeCheck::Visible ? std::min(worst, v) : std::max(worst, v);
      shapes.push_back(rect_shape(box, c_ == EyeCheck::Visible ? fmt(v, 2) : fmt(v * 100, 1) + "%"));
    }
    f = judged(rule, worst);
    f.geometry = std::move(shapes);
    return f;
  }

 private:
  double one_eye(const PhotoContext& ctx, const RuleSpec& rule, const cv::Rect& box, const std::vector<cv::Point>& poly) const {
    const cv::Mat inside = polygon_mask(box.size(), box, poly, c_ == EyeCheck::Glare ? 1.6 : 0.9);
    if (c_ == EyeCheck::Visible) {
      std::vector<std::uint8_t> v;
      for (int y = 0; y < box.height; ++y)
        for (int x = 0; x < box.width; ++x)
          if (inside.at<std::uint8_t>(y, x)) v.push_back(ctx.grey().at<std::uint8_t>(y + box.y, x + box.x));
      if (v.size() < 5) return 0;
      std::sort(v.begin(), v.end());
      const double skin = ctx.skin().valid ? lab_L(ctx.skin().mean[0]) * 2.55 : 150;
      return (v[v.size() * 9 / 10] - v[v.size() / 10]) / std::max(20.0, skin);
    }
    long n = 0, hits = 0;
    const double min_grey = rule.param("min_grey", 245), red_ratio = rule.param("red_ratio", 1.8);
    for (int y = 0; y < box.height; ++y)
      for (int x = 0; x < box.width; ++x) {
        const bool in = inside.at<std::uint8_t>(y, x);
        if (c_ == EyeCheck::Red ? !in : in) continue;  // red: inside the eye; glare: around it
        ++n;
        const cv::Vec3b p = ctx.bgr().at<cv::Vec3b>(y + box.y, x + box.x);
        if (c_ == EyeCheck::Red)
          hits += p[2] > 120 && p[2] > red_ratio * p[1] && p[2] > red_ratio * p[0];
        else
          hits += ctx.grey().at<std::uint8_t>(y + box.y, x + box.x) >= min_grey;
      }
    return n ? double(hits) / n : 0;
  }

  Finding glasses(const PhotoContext& ctx, const RuleSpec& rule) const {
    const auto& lm = ctx.face().landmarks;
    const double ied = ctx.frame().ied;
    // The bridge: between the inner eye corners, from the eye line up to the brows.
    const cv::Rect bridge = clip(cv::Rect(cv::Point(cvRound(lm[39].x + 0.05 * ied), cvRound(std::min(lm[21].y, lm[22].y))),
                                          cv::Point(cvRound(lm[42].x - 0.05 * ied), cvRound((lm[39].y + lm[42].y) / 2))), ctx.size());
    const cv::Rect cheek = square_at(ctx.frame().right_cheek, 0.3 * ied, ctx.size());
    if (bridge.area() < 9 || cheek.area() < 9) return not_assessed(rule, "bridge of the nose not visible");
    auto edge = [&](const cv::Rect& r) {
      cv::Mat gy;
      cv::Sobel(ctx.grey()(r), gy, CV_32F, 0, 1);  // frames cross the bridge horizontally
      return cv::mean(cv::abs(gy))[0];
    };
    const double v = edge(bridge) / std::max(2.0, edge(cheek));
    Finding f = judged(rule, v);
    f.geometry.push_back(rect_shape(bridge, fmt(v, 1)));
    return f;
  }

  EyeCheck c_;
};
}  // namespace
std::unique_ptr<Measure> make_eyes_visible() { return std::make_unique<EyeRegion>(EyeCheck::Visible); }
std::unique_ptr<Measure> make_eyes_red() { return std::make_unique<EyeRegion>(EyeCheck::Red); }
std::unique_ptr<Measure> make_glasses_glare() { return std::make_unique<EyeRegion>(EyeCheck::Glare); }
std::unique_ptr<Measure> make_glasses_present() { return std::make_unique<EyeRegion>(EyeCheck::Glasses); }
}  // namespace rs::findings
