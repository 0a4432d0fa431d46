#pragma once
// Finds faces and their 68 landmarks: dlib's HOG frontal detector, then the iBUG 68-point shape
// model (LandmarkModel). Both are loaded once; locate() is const and safe to call from many threads.
// Each finder has its own file: face_locator_frontal.cpp (locate), face_locator_profile.cpp
// (locate_turned) and face_locator_beside.cpp (locate_beside); dlib headers stay inside
// face_locator_frontal.cpp because they compile slowly.
#include <filesystem>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::findings {

class FaceLocator {
 public:
  // Loads dlib's 68-landmark model; throws std::runtime_error naming the file if missing/corrupt.
  explicit FaceLocator(const std::filesystem::path& model_path);
  ~FaceLocator();
  FaceLocator(const FaceLocator&) = delete;
  FaceLocator& operator=(const FaceLocator&) = delete;

  // All faces in a BGR (or 8-bit grey) image, largest first, each with box, 68 landmarks, eye
  // centres and roll, in the image's pixel coordinates. Thread-safe.
  std::vector<FaceGeometry> locate(const cv::Mat& bgr) const;

  // Faces turned away from the camera (in profile), which the frontal detector misses: OpenCV's
  // profile Haar cascade on an 8-bit grey image downscaled to a long side of about 400 px, both
  // ways round. Boxes only (no landmarks: the 68-point model cannot fit a profile), largest
  // first, FaceGeometry::turned set. Empty when the
  // cascade file (Debian opencv-data, or $REVIEWSTATION_PROFILE_CASCADE) is not installed.
  // Meant for photos where locate() found nothing. Thread-safe.
  std::vector<FaceGeometry> locate_turned(const cv::Mat& grey) const;

  // Smaller faces beside the applicant's head (a bystander, a face on a poster) that locate()
  // misses: skin-coloured blobs outside the applicant's face column, in the part of the photo a
  // spec crop keeps, each confirmed by dlib's detector on the blob enlarged to about 125 px.
  // Boxes only (no landmarks), largest first; the applicant's own ears, neck and hands are not
  // searched. `bgr` is the 8-bit BGR photo, `grey` its grey version. Thread-safe.
  std::vector<FaceGeometry> locate_beside(const cv::Mat& bgr, const cv::Mat& grey, const FaceGeometry& applicant) const;

 private:
  struct Model;
  std::unique_ptr<Model> model_;
};

// Eye centres and roll from 68 landmarks (pure; used by locate and by tests).
void fill_eyes_and_roll(FaceGeometry& face);

// True when `f`'s box overlaps one of `faces`' boxes by more than 0.3 of the smaller box: the same
// head found twice (by two searches, or by one search both ways round).
bool overlaps_any(const std::vector<FaceGeometry>& faces, const FaceGeometry& f);

}  // namespace rs::findings
