#include "core/findings/skin.hpp"

#include <algorithm>
#include <cmath>

namespace rs::findings {
namespace {
// Chroma deviations are divided by at least this (8-bit a, b levels): on very even cheeks the
// measured deviation is tiny and would make every other pixel of the face "not skin".
constexpr float kMinChromaSd = 2.5f;
// Lightness counts as skin from kShadeFloor of the cheeks' (shadow) to kLightSds deviations plus
// kLightMargin levels above it (highlights): shading changes lightness much more than chroma.
constexpr double kShadeFloor = 0.45;
constexpr float kLightSds = 3.0f, kLightMargin = 45.0f;
constexpr int kMinSamples = 8;  // cheek pixels needed for a model
// Median absolute deviation to a normal distribution's standard deviation (a property of the
// normal distribution, not a tuning), plus half a level for the 8-bit quantisation.
constexpr float kMadToSd = 1.4826f, kQuantisation = 0.5f;
}  // namespace

bool SkinModel::is_skin(const cv::Vec3b& p, double sigmas) const {
  if (!valid) return false;
  const double da = (p[1] - mean[1]) / std::max(sd[1], kMinChromaSd);
  const double db = (p[2] - mean[2]) / std::max(sd[2], kMinChromaSd);
  // Shading changes lightness much more than chroma, so lightness gets a wide, one-sided margin.
  const bool light_ok = p[0] > kShadeFloor * mean[0] && p[0] < mean[0] + kLightSds * sd[0] + kLightMargin;
  return light_ok && da * da + db * db < sigmas * sigmas;
}

double SkinModel::share(const cv::Mat& lab, const cv::Rect& roi, const cv::Mat& mask) const {
  const cv::Rect r = clip(roi, lab.size());
  int n = 0, skin = 0;
  for (int y = r.y; y < r.y + r.height; ++y) {
    const auto* row = lab.ptr<cv::Vec3b>(y);
    const std::uint8_t* m = mask.empty() ? nullptr : mask.ptr<std::uint8_t>(y);
    for (int x = r.x; x < r.x + r.width; ++x) {
      if (m && !m[x]) continue;
      ++n;
      skin += is_skin(row[x]);
    }
  }
  return n ? static_cast<double>(skin) / n : 0.0;
}

SkinModel skin_model(const cv::Mat& lab, const FaceFrame& frame) {
  SkinModel m;
  const double side = cheek_patch_side(frame.ied);
  cv::Mat samples;
  for (const Point& c : {frame.right_cheek, frame.left_cheek}) {
    const cv::Rect r = square_at(c, side, lab.size());
    if (r.area() < 4) continue;
    samples.push_back(lab(r).clone().reshape(3, r.area()));
  }
  if (samples.rows < kMinSamples) return m;
  // Median-centred statistics so that a freckle or a strand of hair does not move the model: the
  // channel medians, and the medians of each channel's distance from them (MAD).
  const cv::Vec3b med = channel_medians(samples);
  cv::Mat dev;
  cv::absdiff(samples, cv::Scalar(med[0], med[1], med[2]), dev);
  const cv::Vec3b mad = channel_medians(dev);
  for (int c = 0; c < 3; ++c) {
    m.mean[c] = med[c];
    m.sd[c] = kMadToSd * static_cast<float>(mad[c]) + kQuantisation;
  }
  m.valid = true;
  return m;
}

}  // namespace rs::findings
