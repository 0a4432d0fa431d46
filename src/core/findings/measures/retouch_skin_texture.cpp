// retouch.skin_texture: fine texture on the skin over fine texture at the eyes. "Beauty" filters
// smooth the skin but keep the eyes sharp, so the ratio drops; plain blur lowers both and leaves
// the ratio (blur is quality.sharpness's business). Measured at a fixed inter-eye distance.
#include <opencv2/imgproc.hpp>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
double masked_median(const cv::Mat& m, const cv::Mat& mask) {
  int hist[256] = {0}, n = 0;
  for (int y = 0; y < m.rows; ++y)
    for (int x = 0; x < m.cols; ++x)
      if (mask.at<std::uint8_t>(y, x)) {
        ++hist[m.at<std::uint8_t>(y, x)];
        ++n;
      }
  // Interpolated within the median's bin: detail values are small integers.
  int acc = 0;
  for (int v = 0; v < 256; ++v) {
    if (acc + hist[v] >= n / 2.0) return v + (n / 2.0 - acc) / std::max(1, hist[v]);
    acc += hist[v];
  }
  return 255;
}

constexpr int kMinFacePx = 64;                  // face rectangle area below which texture is not judged
constexpr double kTenths = 10.0;                // detail in tenths of a grey level: smoothed skin leaves well under one
constexpr double kFineSigma = 1.2;              // px at params.ied_px: the blur whose residue is "fine texture"
constexpr double kEyeBoxIed = 0.45;             // the eye boxes' side, in params.ied_px
constexpr int kMinSkinPx = 50, kMinEyePx = 20;  // pixels the two masks need
constexpr double kMinEyeEnergy = 0.1;           // the divisor's floor (grey levels) for eyes with no detail

class SkinTexture final : public Measure {
 public:
  std::string_view id() const override { return "retouch.skin_texture"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "RETOUCHED"; }
  std::vector<std::string_view> params() const override { return {"ied_px"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const cv::Rect r = ctx.face_rect();
    if (r.area() < kMinFacePx) return not_assessed(rule, Cause::FaceTooSmall);
    const double scale = rule.param("ied_px") / std::max(1.0, ctx.frame().ied);
    cv::Mat face, smooth, detail, skin;
    const auto interp = scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR;
    cv::resize(ctx.grey()(r), face, cv::Size(), scale, scale, interp);
    cv::resize(ctx.skin_mask()(r), skin, face.size(), 0, 0, cv::INTER_NEAREST);
    // In float and in tenths of a grey level: smoothed skin leaves detail well below one level.
    cv::Mat facef;
    face.convertTo(facef, CV_32F, kTenths);
    cv::GaussianBlur(facef, smooth, cv::Size(0, 0), kFineSigma);
    cv::absdiff(facef, smooth, detail);
    detail.convertTo(detail, CV_8U);
    // Eyes: boxes around both eye outlines.
    cv::Mat eyes = cv::Mat::zeros(face.size(), CV_8U);
    for (const auto& e : {ctx.face().right_eye, ctx.face().left_eye}) {
      const Point local{float((e.x - r.x) * scale), float((e.y - r.y) * scale)};
      cv::rectangle(eyes, square_at(local, kEyeBoxIed * rule.param("ied_px"), face.size()), cv::Scalar(255),
                    cv::FILLED);
    }
    if (cv::countNonZero(skin) < kMinSkinPx || cv::countNonZero(eyes) < kMinEyePx)
      return not_assessed(rule, Cause::SkinOrEyesHidden);
    // Skin: the median detail, so that the nose, lip and jaw edges inside the mask do not count;
    // eyes: the mean, which the eyes' edges dominate.
    const double skin_energy = masked_median(detail, skin) / kTenths, eye_energy = cv::mean(detail, eyes)[0] / kTenths;
    const double v = skin_energy / std::max(kMinEyeEnergy, eye_energy);
    Finding f = judged(rule, v);
    f.detail = "skin " + fmt(skin_energy, 2) + ", eyes " + fmt(eye_energy, 2);
    f.geometry.push_back(rect_shape(r, fmt(v, 2)));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_skin_texture() { return std::make_unique<SkinTexture>(); }
}  // namespace rs::findings
