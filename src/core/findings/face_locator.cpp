#include "core/findings/face_locator.hpp"

#include <algorithm>
#include <future>
#include <stdexcept>
#include <string>

#include "core/findings/face_locator_parts.hpp"

namespace rs::findings {
namespace {
// Two boxes are the same head when they overlap by more than this share of the smaller one.
constexpr float kSameHeadOverlap = 0.3f;
}  // namespace

FaceLocator::FaceLocator(const std::filesystem::path& model_path) {
  // The detector's weights decompress on a second core while the landmark trees are read.
  auto detectors = std::async(std::launch::async, [] { load_face_detectors(); });
  LandmarkModel landmarks = LandmarkModel::load(model_path);
  detectors.get();
  if (landmarks.parts() != 68)
    throw std::runtime_error("landmark model " + model_path.string() + ": has " + std::to_string(landmarks.parts()) +
                             " points, expected 68");
  model_ = std::make_unique<Model>(Model{std::move(landmarks)});
}

FaceLocator::~FaceLocator() = default;

bool overlaps_any(const std::vector<FaceGeometry>& faces, const FaceGeometry& f) {
  auto rect = [](const FaceGeometry& g) {
    return cv::Rect2f(g.box[0].x, g.box[0].y, g.box[1].x - g.box[0].x, g.box[1].y - g.box[0].y);
  };
  const cv::Rect2f r = rect(f);
  for (const auto& g : faces) {
    const cv::Rect2f q = rect(g);
    if ((r & q).area() > kSameHeadOverlap * std::min(r.area(), q.area())) return true;
  }
  return false;
}

}  // namespace rs::findings
