#pragma once
// Everything one analysis shares between its measures: the decoded photo, the faces, the spec, and
// intermediate results computed on first use (Lab image, skin model, background map). One context
// per photo and per thread, so the lazy members need no locking.
#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/background.hpp"
#include "core/findings/decode.hpp"
#include "core/findings/face_frame.hpp"
#include "core/findings/face_light.hpp"
#include "core/findings/levelled_face.hpp"
#include "core/findings/pose.hpp"
#include "core/findings/skin.hpp"
#include "core/findings/spec.hpp"

namespace rs::findings {

class PhotoContext {
 public:
  // `grey` may be given when the caller already made it (the face locator needs it too).
  PhotoContext(cv::Mat bgr, PhotoHeader header, std::size_t file_bytes, std::vector<FaceGeometry> faces,
               const Spec& spec, cv::Mat grey = {});

  const cv::Mat& bgr() const { return bgr_; }
  const cv::Mat& grey() const;
  const cv::Mat& lab() const;  // 8-bit OpenCV Lab of the whole photo
  const PhotoHeader& header() const { return header_; }
  std::size_t file_bytes() const { return file_bytes_; }
  const Spec& spec() const { return spec_; }
  cv::Size size() const { return bgr_.size(); }
  // True when the photo has the spec's pixel size, so frame-relative geometry rules apply.
  bool in_spec_frame() const { return bgr_.cols == spec_.frame.width && bgr_.rows == spec_.frame.height; }

  const std::vector<FaceGeometry>& faces() const { return faces_; }
  bool has_face() const { return !faces_.empty() && faces_.front().landmarks.size() == 68; }
  bool has_turned_face() const { return !faces_.empty() && faces_.front().turned; }
  const FaceGeometry& face() const { return faces_.front(); }
  const FaceFrame& frame() const { return frame_; }

  const SkinModel& skin() const;
  const BackgroundMap& background() const;
  // Face skin mask (photo size): the jaw outline closed over the forehead, minus eyes, brows,
  // nostrils and mouth. Lighting measures read only these pixels.
  const cv::Mat& skin_mask() const;
  cv::Rect face_rect() const;
  // The face levelled and scaled to LevelledFace::kIed between the eyes (empty without a face).
  const LevelledFace& levelled() const;
  // The generic 3D face fitted to the landmarks (pose.yaw and pose.pitch both draw it).
  const HeadPose& head_pose() const;  // bounding rect of skin_mask's polygon
  // Grey-level histogram of the face skin pixels, normalised to sum 1 (all zero without a face).
  const std::array<double, 256>& skin_histogram() const;
  // The face's own skin in the levelled face, for the lighting and exposure measures (face_light.hpp).
  const FaceLight& face_light() const;

 private:
  cv::Mat bgr_;
  PhotoHeader header_;
  std::size_t file_bytes_;
  std::vector<FaceGeometry> faces_;
  const Spec& spec_;
  FaceFrame frame_;
  mutable cv::Mat grey_, lab_, skin_mask_;
  mutable std::optional<SkinModel> skin_;
  mutable std::optional<BackgroundMap> background_;
  mutable std::optional<std::array<double, 256>> histogram_;
  mutable std::optional<LevelledFace> levelled_;
  mutable std::optional<HeadPose> head_pose_;
  mutable std::optional<FaceLight> face_light_;
};

}  // namespace rs::findings
