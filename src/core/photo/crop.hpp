#pragma once
// Auto-crop: puts an uploaded portrait into the GA 461 geometry (358x441 px, face width 207 px,
// eye line level and at least 207 px above the bottom edge, head top 7-21 px below the top edge,
// horizontally centred) from its 68 landmarks. This is the "adjusted to the official
// requirements" step before a raw upload enters the queue.
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::photo {

struct SpecFrame {
  int width = 358, height = 441;
  double face_width = 207;   // GA 461: 207 ± 14 px, landmarks 0-16
  double head_top = 14;      // target px from the top edge to the top of the head (7-21)
  double max_eye_y = 441 - 207 - 6;  // eye line at least 207 px above the bottom, with a margin
};

// Where the face lands: a similarity transform (rotation about the eye midpoint, uniform scale,
// translation). Pure: from landmarks alone.
struct CropTransform {
  double angle_deg = 0;  // rotation applied to level the eye line
  double scale = 1;
  cv::Matx23d matrix;    // source pixel -> spec pixel
};

// Head height above the brows as a share of face width, for a head with ordinary hair. Used
// when the top of the hair is not measured.
constexpr double kBrowToHeadTop = 0.62;

CropTransform spec_transform(const findings::FaceGeometry& face, const SpecFrame& spec = {});

// spec_transform refined by the measured top of the hair (GrabCut on a taller frame).
CropTransform measured_spec_transform(const cv::Mat& bgr, const findings::FaceGeometry& face, const SpecFrame& spec = {});
findings::FaceGeometry transformed(const findings::FaceGeometry& face, const cv::Matx23d& m);

// Applies measured_spec_transform; pixels from outside the source are filled with the replicated edge.
cv::Mat crop_to_spec(const cv::Mat& bgr, const findings::FaceGeometry& face, const SpecFrame& spec = {});

// Maps a point through a transform (for tests and overlays).
findings::Point apply(const cv::Matx23d& m, findings::Point p);

// JPEG at the given quality. GA 461 asks for about 70 (typical file 14-20 KB); the spec files
// ideal is 75, which keeps a 358x441 portrait near 20 KB without visible blocking.
std::vector<std::uint8_t> encode_jpeg(const cv::Mat& bgr, int quality = 75);

}  // namespace rs::photo
