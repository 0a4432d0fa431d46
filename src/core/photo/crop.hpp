#pragma once
// Auto-crop: puts an uploaded portrait into a document type's GA 461 frame (Ga461Frame, from its
// spec in db/spec: the pixel size, the face width, the eye line level and high enough above the
// bottom edge, the head top a few px below the top edge) horizontally centred, from its 68
// landmarks. This is the "adjusted to the official requirements" step before a raw upload enters
// the queue.
//
// Layering: photo/ is the lower layer and includes nothing from findings/ (face_geometry.hpp);
// the rule engine uses the crop (geometry.in_frame, eval --crop).
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "core/photo/face_geometry.hpp"
#include "core/photo/ga461_frame.hpp"

namespace rs::photo {

// Where the face lands: a similarity transform (rotation about the eye midpoint, uniform scale,
// translation). Pure: from landmarks alone.
struct CropTransform {
  double angle_deg = 0;  // rotation applied to level the eye line
  double scale = 1;
  cv::Matx23d matrix;  // source pixel -> spec pixel
};

// Head height above the brows as a share of face width, for a head with ordinary hair. Used
// when the top of the hair is not measured.
constexpr double kBrowToHeadTop = 0.62;

// The lowest row the crop lets the eye line reach: the frame's eye-line limit, with a margin.
double lowest_eye_line(const Ga461Frame& frame);

// The face scaled to the frame's ideal face width, levelled, centred, and its estimated head top
// at the frame's ideal head top (the eye line takes priority).
CropTransform spec_transform(const FaceGeometry& face, const Ga461Frame& frame);

// spec_transform refined by the measured top of the hair (GrabCut on a taller frame).
CropTransform measured_spec_transform(const cv::Mat& bgr, const FaceGeometry& face, const Ga461Frame& frame);
FaceGeometry transformed(const FaceGeometry& face, const cv::Matx23d& m);

// Applies measured_spec_transform; pixels from outside the source are filled with the replicated edge.
cv::Mat crop_to_spec(const cv::Mat& bgr, const FaceGeometry& face, const Ga461Frame& frame);

// Maps a point through a transform (for tests and overlays).
Point apply(const cv::Matx23d& m, Point p);

// JPEG at the given quality; the adjusted photo is written at its frame's jpeg_quality (the spec's
// file.jpeg_quality "ideal").
std::vector<std::uint8_t> encode_jpeg(const cv::Mat& bgr, int quality);

}  // namespace rs::photo
