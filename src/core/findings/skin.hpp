#pragma once
// The applicant's own skin colour, sampled on both cheeks (CIELAB, OpenCV 8-bit scale:
// L = L*·255/100, a = a*+128, b = b*+128). Hair, occlusion and shadow measures compare pixels to it.
#include <opencv2/core.hpp>

#include "core/findings/face_frame.hpp"

namespace rs::findings {

struct SkinModel {
  bool valid = false;
  cv::Vec3f mean{0, 0, 0};
  cv::Vec3f sd{0, 0, 0};
  // `sigmas`: how many robust deviations of chroma still count as skin (lit differently, freckles).
  bool is_skin(const cv::Vec3b& lab, double sigmas = 3.0) const;
  // Share (0..1) of pixels in `roi` of `lab` that look like skin, counting only where mask != 0
  // (an empty mask counts every pixel).
  double share(const cv::Mat& lab, const cv::Rect& roi, const cv::Mat& mask = {}) const;
};

SkinModel skin_model(const cv::Mat& lab, const FaceFrame& frame);

// CIELAB from OpenCV's 8-bit encoding.
inline double lab_L(double l8) { return l8 * 100.0 / 255.0; }
inline double lab_ab(double ab8) { return ab8 - 128.0; }

}  // namespace rs::findings
