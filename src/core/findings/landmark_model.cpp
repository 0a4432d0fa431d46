#include "core/findings/landmark_model.hpp"

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>

namespace rs::findings {

struct LandmarkModel::Trees {
  // One cascade level: its trees' splits and leaves side by side, and where its feature pixels lie
  // relative to the shape (nearest landmark and offset, as dlib stores them).
  struct Level {
    struct Split {
      std::uint16_t a, b;  // feature pixel indices: go left when pixel a - pixel b > thresh
      float thresh;
    };
    std::vector<Split> splits;  // trees x splits_per_tree, each tree in breadth-first order
    std::vector<float> leaves;  // trees x leaves_per_tree x shape values
    std::vector<unsigned long> anchor;
    std::vector<dlib::vector<float, 2>> deltas;
  };

  dlib::matrix<float, 0, 1> initial_shape;  // x0 y0 x1 y1 ... in the unit face box
  std::vector<Level> levels;
  std::size_t trees = 0, splits_per_tree = 0, leaves_per_tree = 0;
};

namespace {

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& problem) {
  throw std::runtime_error("landmark model " + file.string() + ": " + problem);
}

// One level's trees (dlib's regression_tree objects) copied into flat arrays.
LandmarkModel::Trees::Level flatten(const std::filesystem::path& file, const std::vector<dlib::impl::regression_tree>& forest, LandmarkModel::Trees& t) {
  if (forest.empty()) refuse(file, "a cascade level without trees");
  if (t.trees == 0) {
    t.trees = forest.size();
    t.splits_per_tree = forest[0].splits.size();
    t.leaves_per_tree = forest[0].leaf_values.size();
  }
  const std::size_t dims = std::size_t(t.initial_shape.size());
  LandmarkModel::Trees::Level level;
  level.splits.reserve(t.trees * t.splits_per_tree);
  level.leaves.reserve(t.trees * t.leaves_per_tree * dims);
  if (forest.size() != t.trees) refuse(file, "cascade levels with different numbers of trees");
  for (const auto& tree : forest) {
    // A full binary tree: leaves = splits + 1, all trees alike (the walk in fit() relies on it).
    if (tree.splits.size() != t.splits_per_tree || tree.leaf_values.size() != t.leaves_per_tree ||
        t.leaves_per_tree != t.splits_per_tree + 1)
      refuse(file, "trees of unequal shape");
    for (const auto& s : tree.splits) {
      if (s.idx1 > 0xffff || s.idx2 > 0xffff) refuse(file, "a split on feature index above 65535");
      level.splits.push_back({std::uint16_t(s.idx1), std::uint16_t(s.idx2), s.thresh});
    }
    for (const auto& leaf : tree.leaf_values) {
      if (std::size_t(leaf.size()) != dims) refuse(file, "a leaf of the wrong size");
      level.leaves.insert(level.leaves.end(), leaf.begin(), leaf.end());
    }
  }
  return level;
}

void read_trees(const std::filesystem::path& file, std::istream& in, LandmarkModel::Trees& t) {
  int version = 0;
  dlib::deserialize(version, in);
  if (version != 1) refuse(file, "not a dlib shape predictor (version " + std::to_string(version) + ")");
  dlib::deserialize(t.initial_shape, in);
  if (t.initial_shape.size() == 0 || t.initial_shape.size() % 2) refuse(file, "no shape in the file");
  // The forests one level at a time (dlib writes a vector as its size, then its items), so the
  // loader never holds dlib's copy of all of them at once.
  unsigned long levels = 0;
  dlib::deserialize(levels, in);
  if (levels == 0 || levels > 100) refuse(file, "implausible number of cascade levels (" + std::to_string(levels) + ")");
  for (unsigned long i = 0; i < levels; ++i) {
    std::vector<dlib::impl::regression_tree> forest;
    dlib::deserialize(forest, in);
    t.levels.push_back(flatten(file, forest, t));
  }
  std::vector<std::vector<unsigned long>> anchor;
  std::vector<std::vector<dlib::vector<float, 2>>> deltas;
  dlib::deserialize(anchor, in);
  dlib::deserialize(deltas, in);
  if (anchor.size() != levels || deltas.size() != levels) refuse(file, "feature pixels for a different number of levels");
  for (unsigned long i = 0; i < levels; ++i) {
    if (anchor[i].size() != deltas[i].size() || anchor[i].size() > 0x10000) refuse(file, "inconsistent feature pixels");
    for (const auto& s : t.levels[i].splits)
      if (s.a >= anchor[i].size() || s.b >= anchor[i].size()) refuse(file, "a split on a feature pixel that does not exist");
    for (unsigned long a : anchor[i])
      if (long(a) >= t.initial_shape.size() / 2) refuse(file, "a feature pixel anchored to a point that does not exist");
    t.levels[i].anchor = std::move(anchor[i]);
    t.levels[i].deltas = std::move(deltas[i]);
  }
}

}  // namespace

LandmarkModel::LandmarkModel(std::unique_ptr<Trees> trees) : trees_(std::move(trees)) {}
LandmarkModel::LandmarkModel(LandmarkModel&&) noexcept = default;
LandmarkModel& LandmarkModel::operator=(LandmarkModel&&) noexcept = default;
LandmarkModel::~LandmarkModel() = default;

LandmarkModel LandmarkModel::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse(file, "cannot open the file");
  auto trees = std::make_unique<Trees>();
  try {
    read_trees(file, in, *trees);
  } catch (const dlib::serialization_error& e) {
    refuse(file, std::string("not a dlib shape predictor, or cut short (") + e.what() + ")");
  }
  return LandmarkModel(std::move(trees));
}

int LandmarkModel::parts() const { return int(trees_->initial_shape.size() / 2); }

std::vector<Point> LandmarkModel::fit(const cv::Mat& grey, const LandmarkBox& box) const {
  std::vector<Point> out;
  if (grey.empty() || grey.type() != CV_8UC1) return out;
  const Trees& t = *trees_;
  const dlib::rectangle rect(box.left, box.top, box.right, box.bottom);
  const dlib::cv_image<unsigned char> image(grey);
  const std::size_t dims = std::size_t(t.initial_shape.size()), splits = t.splits_per_tree;
  dlib::matrix<float, 0, 1> shape = t.initial_shape;
  std::vector<float> features;
  std::vector<const float*> leaf(t.trees);
  for (const Trees::Level& level : t.levels) {
    dlib::impl::extract_feature_pixel_values(image, rect, shape, t.initial_shape, level.anchor, level.deltas, features);
    // Walk every tree first: which leaves to add is known before any leaf is read.
    for (std::size_t k = 0; k < t.trees; ++k) {
      const Trees::Level::Split* s = &level.splits[k * splits];
      std::size_t i = 0;
      while (i < splits) i = features[s[i].a] - features[s[i].b] > s[i].thresh ? 2 * i + 1 : 2 * i + 2;
      leaf[k] = &level.leaves[(k * t.leaves_per_tree + (i - splits)) * dims];
    }
    // Then add the leaves, fetching a few trees ahead so the memory reads overlap.
    constexpr std::size_t ahead = 8;
    float* __restrict sum = &shape(0);
    for (std::size_t k = 0; k < t.trees; ++k) {
      if (k + ahead < t.trees) {
        const char* next = reinterpret_cast<const char*>(leaf[k + ahead]);
        for (std::size_t b = 0; b < dims * sizeof(float); b += 64) __builtin_prefetch(next + b);
      }
      const float* __restrict add = leaf[k];
      for (std::size_t d = 0; d < dims; ++d) sum[d] += add[d];
    }
  }
  const dlib::point_transform_affine to_image = dlib::impl::unnormalizing_tform(rect);
  out.reserve(dims / 2);
  for (std::size_t i = 0; i < dims / 2; ++i) {
    const dlib::point p = to_image(dlib::impl::location(shape, i));  // dlib::point rounds to whole pixels
    out.push_back({float(p.x()), float(p.y())});
  }
  return out;
}

}  // namespace rs::findings
