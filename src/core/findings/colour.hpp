#pragma once
// Colour helpers for pixels in OpenCV's 8-bit CIELAB encoding (cv::COLOR_BGR2Lab on an 8-bit
// image): L is stored as L*·255/100 (0-255), a and b as a*+128 and b*+128. The measures that
// compare colours go through these, so that the scale is written in one place.
#include <cmath>
#include <vector>

#include <opencv2/core.hpp>

namespace rs::findings {

// CIELAB from OpenCV's 8-bit encoding.
inline double lab_L(double l8) { return l8 * 100.0 / 255.0; }
inline double lab_ab(double ab8) { return ab8 - 128.0; }

// The median of each channel on its own, of 8-bit 3-channel pixels (Lab, YCrCb, BGR): the value at
// index n/2 of the channel's sorted values (the upper one of the middle two when n is even), so a
// freckle, a strand of hair or a highlight does not move it. The result need not be a pixel of the
// input. `image` is CV_8UC3; `mask`, when given, is CV_8U of the same size and only its non-zero
// pixels count. Throws std::invalid_argument for the wrong types or when no pixel counts.
cv::Vec3b channel_medians(const cv::Mat& image, const cv::Mat& mask = {});
cv::Vec3b channel_medians(const std::vector<cv::Vec3b>& pixels);

// How lab_distance counts a difference of the first (L) channel against one of a or b: `units`
// per `levels` of it. Kept as a ratio of two whole numbers, so that the arithmetic is exactly the
// one the spec's tolerances were tuned with.
struct LightnessScale {
  double units;
  double levels;
};
// CIE 1976 ΔE of 8-bit pixels: the stored L difference in L* units (100 per 255 stored levels).
inline constexpr LightnessScale kDeltaE76{100, 255};
// CIE 1976 ΔE of colours already in L*, a*, b* (a spec's target colour, a mean converted by lab_L).
inline constexpr LightnessScale kDeltaE76OfCielab{1, 1};

// Euclidean distance of two colours on the same Lab scale (8-bit pixels, or their medians and
// means; a and b count in a*, b* units, their offset cancels): sqrt(dL² + da² + db²) with dL the
// first channel's difference scaled by `lightness`. The default gives ΔE76 of 8-bit pixels.
inline double lab_distance(const cv::Vec3d& p, const cv::Vec3d& q, LightnessScale lightness = kDeltaE76) {
  const double dl = (p[0] - q[0]) * lightness.units / lightness.levels;
  const double da = p[1] - q[1], db = p[2] - q[2];
  return std::sqrt(dl * dl + da * da + db * db);
}

}  // namespace rs::findings
