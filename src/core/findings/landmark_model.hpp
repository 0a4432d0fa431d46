#pragma once
// The 68-point landmark fit: dlib's shape predictor file (a cascade of regression trees, Kazemi and
// Sullivan 2014), evaluated on a flat copy of its trees.
//
// Why not dlib::shape_predictor itself: it keeps every tree leaf (136 floats) in its own heap block,
// 100 MB in all, and adds each leaf as soon as its tree is walked, so a fit waits on ~5,000 cache
// misses one after another (3.5 ms cold on the 2-core VM). Here each cascade level's splits and
// leaves are contiguous, all 500 trees are walked first (the features do not change within a level),
// and the leaves are then summed with the next ones prefetched: 1.5 ms, the same points (tested).
//
// dlib headers stay in landmark_model.cpp (they compile slowly).
#include <filesystem>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/finding.hpp"

namespace rs::findings {

// A face box with inclusive corners, as dlib's detector gives it.
struct LandmarkBox {
  long left = 0, top = 0, right = 0, bottom = 0;
};

class LandmarkModel {
 public:
  // Reads a dlib shape predictor file; throws std::runtime_error naming the file and the problem
  // (missing, not a regular file, not a shape predictor, cut short, trees of unequal shape, counts
  // beyond the caps or beyond what the file's size can hold, indices that point nowhere). Reads
  // dlib's containers itself: no count in the file is allocated before it is checked.
  static LandmarkModel load(const std::filesystem::path& file);

  LandmarkModel(LandmarkModel&&) noexcept;
  LandmarkModel& operator=(LandmarkModel&&) noexcept;
  ~LandmarkModel();

  int parts() const;

  struct Trees;  // the flat trees (opaque: defined in landmark_model.cpp)

  // The landmarks of the face in `box` on an 8-bit single-channel image, in its pixel coordinates
  // (whole pixels, as dlib rounds them). Const and thread-safe.
  std::vector<Point> fit(const cv::Mat& grey, const LandmarkBox& box) const;

 private:
  explicit LandmarkModel(std::unique_ptr<Trees> trees);
  std::unique_ptr<Trees> trees_;
};

}  // namespace rs::findings
