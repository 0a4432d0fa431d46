// quality.noise: sensor/compression noise sigma by Immerkær's fast estimator (a Laplacian-
// difference kernel, mean absolute response), over flat parts of the photo only so that edges
// do not count as noise.
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
constexpr long kMinFlatPixels = 500;  // flat pixels needed for a noise estimate

class Noise final : public Measure {
 public:
  std::string_view id() const override { return "quality.noise"; }
  std::string_view unit() const override { return "grey"; }
  std::string_view reason() const override { return "BLURRED"; }
  std::vector<std::string_view> params() const override { return {"flat_gradient"}; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const FlatResponse r = flat_response(ctx.grey(), int(std::ceil(rule.param("flat_gradient"))));
    if (r.pixels < kMinFlatPixels) return not_assessed(rule, Cause::NoFlatArea);
    const double mean_abs = r.abs_sum / double(r.pixels);
    const double sigma = std::sqrt(M_PI / 2) * mean_abs / 6;  // Immerkaer's formula (the kernel's norm), not a tuning
    return judged(rule, sigma);
  }

 private:
  struct FlatResponse {
    double abs_sum = 0;  // of Immerkaer's kernel's response, over the flat pixels
    long pixels = 0;     // flat pixels: L1 Sobel gradient under the limit
  };
  // One pass over a copy with a mirrored 1-px border (OpenCV's default border, so the figures are
  // those of filter2D and Sobel on the photo): five whole-photo passes with temporaries took ~1 ms.
  static FlatResponse flat_response(const cv::Mat& grey, int flat_below) {
    cv::Mat p;
    cv::copyMakeBorder(grey, p, 1, 1, 1, 1, cv::BORDER_REFLECT_101);
    FlatResponse out;
    for (int y = 0; y < grey.rows; ++y) {
      const std::uint8_t *a = p.ptr<std::uint8_t>(y), *b = p.ptr<std::uint8_t>(y + 1), *c = p.ptr<std::uint8_t>(y + 2);
      long row_sum = 0, row_pixels = 0;
      for (int x = 0; x < grey.cols; ++x) {
        const int a0 = a[x], a1 = a[x + 1], a2 = a[x + 2], b0 = b[x], b1 = b[x + 1], b2 = b[x + 2], c0 = c[x],
                  c1 = c[x + 1], c2 = c[x + 2];
        const int gx = (a2 - a0) + 2 * (b2 - b0) + (c2 - c0);
        const int gy = (c0 - a0) + 2 * (c1 - a1) + (c2 - a2);
        const int flat = std::abs(gx) + std::abs(gy) < flat_below;
        const int response =
            (a0 + a2 + c0 + c2) - 2 * (a1 + b0 + b2 + c1) + 4 * b1;  // kernel 1 -2 1 / -2 4 -2 / 1 -2 1
        row_sum += flat * std::abs(response);
        row_pixels += flat;
      }
      out.abs_sum += double(row_sum);
      out.pixels += row_pixels;
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<Measure> make_noise() { return std::make_unique<Noise>(); }
}  // namespace rs::findings
