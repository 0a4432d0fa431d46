// quality.noise: sensor/compression noise sigma by Immerkær's fast estimator (a Laplacian-
// difference kernel, mean absolute response), over flat parts of the photo only so that edges
// do not count as noise.
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class Noise final : public Measure {
 public:
  std::string_view id() const override { return "quality.noise"; }
  std::string_view unit() const override { return "grey"; }
  std::string_view reason() const override { return "BLURRED"; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const cv::Mat& g = ctx.grey();
    static const cv::Matx33f kernel(1, -2, 1, -2, 4, -2, 1, -2, 1);
    cv::Mat resp, gx, gy, grad;
    cv::filter2D(g, resp, CV_16S, kernel);
    cv::Sobel(g, gx, CV_16S, 1, 0);
    cv::Sobel(g, gy, CV_16S, 0, 1);
    cv::add(cv::abs(gx), cv::abs(gy), grad);  // L1 gradient: cheaper, and only a flatness test
    const cv::Mat flat = grad < rule.param("flat_gradient", 50);
    const int n = cv::countNonZero(flat);
    if (n < 500) return not_assessed(rule, "no flat area to measure noise on");
    const double mean_abs = cv::mean(cv::abs(resp), flat)[0];
    const double sigma = std::sqrt(M_PI / 2) * mean_abs / 6;
    return judged(rule, sigma);
  }
};
}  // namespace
std::unique_ptr<Measure> make_noise() { return std::make_unique<Noise>(); }
}  // namespace rs::findings
