// FaceLocator::locate_turned: heads turned away from the camera, which dlib's frontal detector
// misses, found with OpenCV's profile-face Haar cascade both ways round.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "core/findings/face_locator.hpp"

namespace rs::findings {
namespace {

// The profile cascade runs at a long side of about kProfileLongSide px (a head filling a fifth of
// the short side is still 50+ px, and the search costs a few ms), for heads of at least
// 1/kProfileMinDivisor of the short side (and the cascade's kProfileMinSide window), with
// OpenCV's scale step and kProfileNeighbours neighbours (the fixtures' turned heads give 5 to 95,
// portraits looking at the camera sometimes 4-10, and dlib finds those first).
constexpr double kProfileLongSide = 400, kProfileScaleStep = 1.1;
constexpr int kProfileMinSide = 20, kProfileMinDivisor = 5, kProfileNeighbours = 4;

// OpenCV's profile-face Haar cascade, one per thread (detectMultiScale is not const); empty when
// the file is missing.
std::filesystem::path profile_cascade_path() {
  if (const char* env = std::getenv("REVIEWSTATION_PROFILE_CASCADE"); env && *env) return env;
  return "/usr/share/opencv4/haarcascades/haarcascade_profileface.xml";
}
cv::CascadeClassifier& thread_profile_cascade() {
  thread_local cv::CascadeClassifier c = [] {
    cv::CascadeClassifier cascade;
    std::error_code ec;
    if (std::filesystem::exists(profile_cascade_path(), ec)) cascade.load(profile_cascade_path().string());
    return cascade;
  }();
  return c;
}

}  // namespace

std::vector<FaceGeometry> FaceLocator::locate_turned(const cv::Mat& grey) const {
  std::vector<FaceGeometry> out;
  cv::CascadeClassifier& cascade = thread_profile_cascade();
  if (cascade.empty() || grey.empty() || grey.type() != CV_8UC1) return out;
  // Only photos without a frontal face pay for this search.
  const double scale = std::min(1.0, kProfileLongSide / std::max(grey.cols, grey.rows));
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::equalizeHist(small, small);
  const int min_side = std::max(kProfileMinSide, std::min(small.cols, small.rows) / kProfileMinDivisor);
  std::vector<cv::Rect> found;
  for (bool flipped : {false, true}) {
    cv::Mat img = small;
    if (flipped) cv::flip(small, img, 1);
    std::vector<cv::Rect> rects;
    cascade.detectMultiScale(img, rects, kProfileScaleStep, kProfileNeighbours, 0, cv::Size(min_side, min_side));
    for (auto r : rects) {
      if (flipped) r.x = small.cols - r.x - r.width;
      found.push_back(r);
    }
  }
  std::sort(found.begin(), found.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  for (const auto& r : found) {
    FaceGeometry f;
    f.box = {Point{static_cast<float>(r.x / scale), static_cast<float>(r.y / scale)},
             Point{static_cast<float>(r.br().x / scale), static_cast<float>(r.br().y / scale)}};
    f.turned = true;
    if (!overlaps_any(out, f)) out.push_back(std::move(f));  // the same head found both ways round counts once
  }
  return out;
}

}  // namespace rs::findings
