#include "core/findings/landmark_model.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <streambuf>
#include <string>

#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>

#include "core/util/file_read.hpp"

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
namespace fs = std::filesystem;

[[noreturn]] void refuse(const fs::path& file, const std::string& problem) {
  throw std::runtime_error("landmark model " + file.string() + ": " + problem);
}

// The model file as the stream ModelReader reads, 64 KB at a time (sbumpc stays inline within a
// block). Streamed rather than read whole: the file is ~100 MB, its trees ~65 MB.
class FileBuf : public std::streambuf {
 public:
  explicit FileBuf(int fd) : fd_(fd) {}

 protected:
  int_type underflow() override {
    ssize_t got;
    do got = ::read(fd_, block_.data(), block_.size());
    while (got < 0 && errno == EINTR);
    if (got <= 0) return traits_type::eof();  // an error reads as the end: the model is then cut short
    setg(block_.data(), block_.data(), block_.data() + got);
    return traits_type::to_int_type(block_[0]);
  }

 private:
  int fd_;
  std::array<char, std::size_t{64} << 10> block_;
};

// Caps far above dlib's 68-point model (15 levels of 500 trees of depth 4, 136 values per leaf,
// 500 feature pixels a level, ~100 MB) and far below what would exhaust memory.
constexpr std::uint64_t kMostFileBytes = std::uint64_t{1} << 30;
constexpr std::uint64_t kMostLevels = 100;
constexpr std::uint64_t kMostTrees = 10'000;      // per level
constexpr std::uint64_t kMostSplits = 4'095;      // per tree: depth 12
constexpr std::uint64_t kMostValues = 2 * 1'000;  // per shape: 1,000 points
constexpr std::uint64_t kMostFeatures = 0x10000;  // per level: splits keep their indices in 16 bits
constexpr float kMostMagnitude = 1e4f;            // shapes, offsets and leaves live in the unit face box

// The fewest bytes dlib's format spends on an item: an integer is a control byte and at least one
// byte of its value (0 too), a float two integers (mantissa, exponent).
constexpr std::uint64_t kLeastInteger = 2, kLeastFloat = 2 * kLeastInteger;

// Reads dlib's serialised shape predictor (dlib/serialize.h, float_details.h), without dlib's
// deserialize. Its containers allocate (and construct) as many items as the count in the file says
// before reading one, so a file saying 2^40 trees asks for terabytes; its signed integers negate
// the value read, which overflows for -2^63 (undefined behaviour on a crafted file). Here every
// integer is decoded into 64 unsigned bits and range-checked, and every count is checked against a
// cap and against the bytes left in the file (each item takes at least a few) before anything is
// allocated, so the memory a model takes stays below about twice its file's size.
class ModelReader {
 public:
  ModelReader(const fs::path& file, std::streambuf& in, std::uint64_t size) : file_(file), in_(in), size_(size) {}

  [[noreturn]] void refuse(const std::string& problem) const { ::rs::findings::refuse(file_, problem); }

  // A count of items that take at least `least_bytes` each in the file.
  std::uint64_t count(const char* what, std::uint64_t most, std::uint64_t least_bytes) {
    const std::uint64_t n = index();
    if (n > most) refuse(std::string("implausible number of ") + what + " (" + std::to_string(n) + ")");
    require_bytes(n, least_bytes, what);
    return n;
  }

  // Refuses unless `n` more items of at least `least_bytes` each fit in what is left of the file.
  void require_bytes(std::uint64_t n, std::uint64_t least_bytes, const char* what) const {
    const std::uint64_t left = at_ < size_ ? size_ - at_ : 0;
    if (least_bytes != 0 && n > left / least_bytes)
      refuse(std::string("cut short: ") + std::to_string(n) + " " + what + " do not fit in the rest of the file");
  }

  // A column vector's length (dlib writes a matrix as -rows, -columns, then the values; older
  // files wrote the sizes positive).
  std::uint64_t column(const char* what) {
    const auto [rows, rows_negative] = integer(8, "matrix size");
    const auto [cols, cols_negative] = integer(8, "matrix size");
    if (rows > std::uint64_t(LONG_MAX) || cols > std::uint64_t(LONG_MAX))
      refuse(std::string("a malformed size of ") + what);
    if (cols != 1 && rows != 0) refuse(std::string("a ") + what + " that is not a column");
    if (rows > kMostValues) refuse(std::string("a ") + what + " of " + std::to_string(rows) + " values");
    require_bytes(rows, kLeastFloat, "values");
    return rows;
  }

  // An unsigned integer (indices, counts).
  std::uint64_t index() {
    const auto [value, negative] = integer(8, "index or count");
    if (negative) refuse("a negative index or count");
    return value;
  }

  int version() {
    const auto [value, negative] = integer(4, "version");
    return negative || value > 1000 ? -1 : int(value);
  }

  // A finite float of at most `most` in magnitude, as dlib::float_details decodes it:
  // mantissa x 2^exponent.
  float number(const char* what, float most = kMostMagnitude) {
    const int next = in_.sgetc();
    if (next == std::char_traits<char>::eof()) refuse("cut short in a number");
    if (next & 0x70) refuse(std::string("a ") + what + " in dlib's old text format");
    const auto [mantissa, m_negative] = integer(8, what);
    const auto [exponent, e_negative] = integer(2, what);
    // Exponents 32000-32002 stand for inf, -inf and NaN; anything near them is no photo's model.
    if (mantissa > std::uint64_t(INT64_MAX) || exponent > 1000)
      refuse(std::string("a ") + what + " that is not a finite number");
    const auto m = static_cast<std::int64_t>(mantissa);
    const float v = std::ldexp(static_cast<float>(m_negative ? -m : m), e_negative ? -int(exponent) : int(exponent));
    if (!std::isfinite(v) || std::fabs(v) > most) refuse(std::string("a ") + what + " of " + std::to_string(v));
    return v;
  }

 private:
  struct Integer {
    std::uint64_t magnitude;
    bool negative;
  };

  // dlib's integer: a control byte (bit 7: negative; low 4 bits: how many little-endian bytes of
  // the magnitude follow, 1 to the type's size; bits 4-6 reserved), then those bytes.
  // `what` names it in a refusal (a C string: no std::string is built for the 16 million that pass).
  Integer integer(unsigned most_bytes, const char* what) {
    const int control = in_.sbumpc();
    if (control == std::char_traits<char>::eof()) refuse(std::string("cut short in a ") + what);
    const unsigned size = unsigned(control) & 0x0Fu;
    if (size == 0 || size > most_bytes) refuse(std::string("a malformed ") + what);
    // Byte by byte: sbumpc is inline while the stream's buffer lasts (sgetn is a virtual call).
    std::uint64_t magnitude = 0;
    for (unsigned i = 0; i < size; ++i) {
      const int byte = in_.sbumpc();
      if (byte == std::char_traits<char>::eof()) refuse(std::string("cut short in a ") + what);
      magnitude |= std::uint64_t(byte) << (8 * i);
    }
    at_ += 1 + size;
    return {magnitude, (control & 0x80) != 0};
  }

  const fs::path& file_;
  std::streambuf& in_;
  std::uint64_t size_;
  std::uint64_t at_ = 0;  // bytes read so far
};

// One tree: its splits and leaves appended to the level's flat arrays. The first tree of the file
// sets the shape every other tree must have (the walk in fit() relies on it).
void read_tree(ModelReader& r, LandmarkModel::Trees& t, LandmarkModel::Trees::Level& level, bool first) {
  const std::size_t dims = std::size_t(t.initial_shape.size());
  const std::uint64_t splits = r.count("splits in a tree", kMostSplits, 2 * kLeastInteger + kLeastFloat);
  if (first) t.splits_per_tree = splits;
  if (splits != t.splits_per_tree) r.refuse("trees of unequal shape");
  for (std::uint64_t k = 0; k < splits; ++k) {
    const std::uint64_t a = r.index(), b = r.index();
    if (a > 0xffff || b > 0xffff) r.refuse("a split on feature index above 65535");
    // Pixel differences lie in -255..255; any finite threshold is harmless.
    level.splits.push_back({std::uint16_t(a), std::uint16_t(b), r.number("split threshold", FLT_MAX)});
  }
  const std::uint64_t leaves = r.count("leaves in a tree", kMostSplits + 1, 2 * kLeastInteger + dims * kLeastFloat);
  if (first) t.leaves_per_tree = leaves;
  // A full binary tree: leaves = splits + 1.
  if (leaves != t.leaves_per_tree || leaves != splits + 1) r.refuse("trees of unequal shape");
  for (std::uint64_t k = 0; k < leaves; ++k) {
    if (r.column("leaf") != dims) r.refuse("a leaf of the wrong size");
    for (std::size_t d = 0; d < dims; ++d) level.leaves.push_back(r.number("leaf value"));
  }
}

// One cascade level's trees, read straight into flat arrays.
LandmarkModel::Trees::Level read_level(ModelReader& r, LandmarkModel::Trees& t) {
  const std::size_t dims = std::size_t(t.initial_shape.size());
  const std::uint64_t trees = r.count("trees in a cascade level", kMostTrees, 2 * kLeastInteger);
  if (trees == 0) r.refuse("a cascade level without trees");
  const bool first_level = t.levels.empty();
  if (first_level) t.trees = trees;
  if (trees != t.trees) r.refuse("cascade levels with different numbers of trees");
  LandmarkModel::Trees::Level level;
  for (std::uint64_t k = 0; k < trees; ++k) {
    read_tree(r, t, level, first_level && k == 0);
    if (k == 0) {
      // Now the size of every tree is known: the rest must fit in the file before space is taken.
      const std::uint64_t least = 2 * kLeastInteger + t.splits_per_tree * (2 * kLeastInteger + kLeastFloat) +
                                  t.leaves_per_tree * (2 * kLeastInteger + dims * kLeastFloat);
      r.require_bytes(trees - 1, least, "trees");
      level.splits.reserve(trees * t.splits_per_tree);
      level.leaves.reserve(trees * t.leaves_per_tree * dims);
    }
  }
  return level;
}

void read_trees(ModelReader& r, LandmarkModel::Trees& t) {
  if (const int version = r.version(); version != 1)
    r.refuse("not a dlib shape predictor (version " + std::to_string(version) + ")");
  const std::uint64_t values = r.column("mean shape");
  if (values == 0 || values % 2) r.refuse("no shape in the file");
  t.initial_shape.set_size(long(values));
  for (std::uint64_t i = 0; i < values; ++i) t.initial_shape(long(i)) = r.number("mean shape value");
  const std::uint64_t parts = values / 2;
  const std::uint64_t levels = r.count("cascade levels", kMostLevels, kLeastInteger);
  if (levels == 0) r.refuse("implausible number of cascade levels (0)");
  for (std::uint64_t i = 0; i < levels; ++i) t.levels.push_back(read_level(r, t));
  // Where each level's feature pixels lie: the nearest landmark, then the offset from it.
  if (r.count("feature pixel levels", kMostLevels, kLeastInteger) != levels)
    r.refuse("feature pixels for a different number of levels");
  for (auto& level : t.levels) {
    level.anchor.resize(r.count("feature pixels", kMostFeatures, kLeastInteger));
    for (unsigned long& a : level.anchor) {
      // Compared unsigned: the old check, long(a) >= parts, let 2^63 + 1 through as a negative.
      const std::uint64_t point = r.index();
      if (point >= parts) r.refuse("a feature pixel anchored to a point that does not exist");
      a = static_cast<unsigned long>(point);
    }
  }
  if (r.count("feature offset levels", kMostLevels, kLeastInteger) != levels)
    r.refuse("feature pixels for a different number of levels");
  for (auto& level : t.levels) {
    if (r.count("feature offsets", kMostFeatures, 2 * kLeastFloat) != level.anchor.size())
      r.refuse("inconsistent feature pixels");
    level.deltas.resize(level.anchor.size());
    for (auto& d : level.deltas) {
      d.x() = r.number("feature offset");
      d.y() = r.number("feature offset");
    }
    for (const auto& s : level.splits)
      if (s.a >= level.anchor.size() || s.b >= level.anchor.size())
        r.refuse("a split on a feature pixel that does not exist");
  }
}

}  // namespace

LandmarkModel::LandmarkModel(std::unique_ptr<Trees> trees) : trees_(std::move(trees)) {}
LandmarkModel::LandmarkModel(LandmarkModel&&) noexcept = default;
LandmarkModel& LandmarkModel::operator=(LandmarkModel&&) noexcept = default;
LandmarkModel::~LandmarkModel() = default;

LandmarkModel LandmarkModel::load(const std::filesystem::path& file) {
  // Opened as read_regular_file opens: a FIFO or a device named by REVIEWSTATION_LANDMARKS must not
  // hang or feed the reader for ever. Its size bounds every count in it (ModelReader).
  const util::RegularFile opened = util::open_regular_file(file);
  if (!opened.ok())
    throw std::runtime_error("landmark model: cannot open the file: " + opened.error());  // names the file
  if (opened.size() > kMostFileBytes) refuse(file, "larger than 1 GB, not a landmark model");
  FileBuf in(opened.fd());
  auto trees = std::make_unique<Trees>();
  ModelReader reader(file, in, opened.size());
  read_trees(reader, *trees);
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
