// LandmarkModel against dlib's own shape_predictor: the flat trees must give the very same points.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <climits>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/findings/landmark_model.hpp"
#include "core/util/paths.hpp"
#include "test_findings_support.hpp"

using rs::findings::LandmarkBox;
using rs::findings::LandmarkModel;

namespace {

const LandmarkModel& flat_model() {
  static const LandmarkModel m = LandmarkModel::load(rs::landmark_model_path());
  return m;
}

const dlib::shape_predictor& dlib_model() {
  static const dlib::shape_predictor sp = [] {
    dlib::shape_predictor p;
    std::ifstream in(rs::landmark_model_path(), std::ios::binary);
    dlib::deserialize(p, in);
    return p;
  }();
  return sp;
}

// Every point of both fits on `grey` in `box`; returns how many differ.
int differing_points(const cv::Mat& grey, const dlib::rectangle& box) {
  const auto ours = flat_model().fit(grey, {box.left(), box.top(), box.right(), box.bottom()});
  const dlib::full_object_detection theirs = dlib_model()(dlib::cv_image<unsigned char>(grey), box);
  REQUIRE(ours.size() == theirs.num_parts());
  int differ = 0;
  for (std::size_t i = 0; i < ours.size(); ++i)
    if (ours[i].x != float(theirs.part(i).x()) || ours[i].y != float(theirs.part(i).y())) ++differ;
  return differ;
}

cv::Mat grey_of(const std::filesystem::path& file) {
  cv::Mat bgr = cv::imread(file.string(), cv::IMREAD_COLOR), grey;
  REQUIRE_MESSAGE(!bgr.empty(), file.string());
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

}  // namespace

TEST_CASE("landmark model: the same 68 points as dlib's shape predictor") {
  CHECK(flat_model().parts() == 68);
  const cv::Mat astronaut = grey_of(rs::test::kAstronaut);
  auto detector = dlib::get_frontal_face_detector();
  const auto faces = detector(dlib::cv_image<unsigned char>(astronaut));
  REQUIRE(faces.size() == 1);
  const dlib::rectangle f = faces[0];
  CHECK(differing_points(astronaut, f) == 0);
  // Boxes the detector did not give: shifted, shrunk, and running off the photo's edge (the
  // feature pixels outside the photo read as 0 in both).
  CHECK(differing_points(astronaut, dlib::translate_rect(f, 17, -9)) == 0);
  CHECK(differing_points(astronaut, dlib::shrink_rect(f, 20)) == 0);
  CHECK(differing_points(astronaut, dlib::translate_rect(f, -f.left() - f.width() / 2, -f.top() - 10)) == 0);
  // A different face and size: the spec photo made from it, flipped.
  cv::Mat spec_grey, flipped;
  cv::cvtColor(rs::test::spec_photo(), spec_grey, cv::COLOR_BGR2GRAY);
  cv::flip(spec_grey, flipped, 1);
  const auto spec_faces = detector(dlib::cv_image<unsigned char>(flipped));
  REQUIRE(!spec_faces.empty());
  CHECK(differing_points(flipped, spec_faces[0]) == 0);
}

TEST_CASE("landmark model: a wrong image gives no points") {
  cv::Mat colour(100, 100, CV_8UC3, cv::Scalar(1, 2, 3));
  CHECK(flat_model().fit(colour, {10, 10, 80, 80}).empty());
  CHECK(flat_model().fit(cv::Mat(), {10, 10, 80, 80}).empty());
}

TEST_CASE("landmark model: a missing or wrong file is refused, naming the file") {
  const auto dir = std::filesystem::temp_directory_path() / "rs_landmark_model_test";
  std::filesystem::create_directories(dir);
  auto message_of = [](const std::filesystem::path& file) {
    try {
      LandmarkModel::load(file);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("(loaded)");
  };
  const std::string missing = message_of(dir / "nothing_here.dat");
  CHECK(missing.find("nothing_here.dat") != std::string::npos);
  CHECK(missing.find("cannot open") != std::string::npos);

  const auto text = dir / "not_a_model.dat";
  std::ofstream(text) << "this is not a shape predictor";
  const std::string wrong = message_of(text);
  CHECK(wrong.find("not_a_model.dat") != std::string::npos);
  CHECK(wrong.find("shape predictor") != std::string::npos);

  // The real file cut short: refused, not a crash or a half-loaded model.
  const auto cut = dir / "cut_short.dat";
  {
    std::ifstream in(rs::landmark_model_path(), std::ios::binary);
    std::vector<char> head(1 << 20);
    in.read(head.data(), std::streamsize(head.size()));
    std::ofstream(cut, std::ios::binary).write(head.data(), in.gcount());
  }
  const std::string truncated = message_of(cut);
  CHECK(truncated.find("cut_short.dat") != std::string::npos);
  CHECK(truncated != "(loaded)");
  std::filesystem::remove_all(dir);
}

namespace {
// A two-point model in dlib's file format, written field by field so that a test can set any count
// or index to a hostile value. The counts are written as set; at most the real items follow, so a
// huge count stands in front of a few bytes, as in a crafted file.
struct TinyModel {
  int version = 1;
  long shape_rows = -4;         // dlib writes a matrix's sizes negated
  bool shape_rows_min = false;  // rows written as -2^63, which dlib's own reader negates (overflow)
  unsigned long levels = 1, trees = 1, splits = 1, leaves = 2, anchor_levels = 1, anchors = 2, delta_levels = 1,
                deltas = 2;
  long leaf_rows = -4;
  unsigned long split_b = 1, anchor_1 = 1;
  float leaf_value = 0.1f;  // leaf 0 moves both points right by this (unit box), leaf 1 left

  void write(const std::filesystem::path& file) const {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    dlib::serialize(version, out);
    if (shape_rows_min)
      out.write("\x88\0\0\0\0\0\0\0\x80", 9);  // negative, 8 bytes of magnitude 2^63
    else
      dlib::serialize(shape_rows, out);
    dlib::serialize(-1L, out);
    for (float v : {0.3f, 0.4f, 0.7f, 0.4f}) dlib::serialize(v, out);
    dlib::serialize(levels, out);
    for (unsigned long l = 0; l < std::min(levels, 1ul); ++l) {
      dlib::serialize(trees, out);
      for (unsigned long t = 0; t < std::min(trees, 1ul); ++t) {
        dlib::serialize(splits, out);
        for (unsigned long s = 0; s < std::min(splits, 1ul); ++s) {
          dlib::serialize(0ul, out);  // go left when feature 0 - feature split_b > 0
          dlib::serialize(split_b, out);
          dlib::serialize(0.0f, out);
        }
        dlib::serialize(leaves, out);
        for (unsigned long k = 0; k < std::min(leaves, 2ul); ++k) {
          dlib::serialize(leaf_rows, out);
          dlib::serialize(-1L, out);
          const float dx = k == 0 ? leaf_value : -0.1f;
          for (float v : {dx, 0.0f, dx, 0.0f}) dlib::serialize(v, out);
        }
      }
    }
    dlib::serialize(anchor_levels, out);
    for (unsigned long l = 0; l < std::min(anchor_levels, 1ul); ++l) {
      dlib::serialize(anchors, out);  // feature pixel k sits on point k
      for (unsigned long k = 0; k < std::min(anchors, 2ul); ++k) dlib::serialize(k == 0 ? 0ul : anchor_1, out);
    }
    dlib::serialize(delta_levels, out);
    for (unsigned long l = 0; l < std::min(delta_levels, 1ul); ++l) {
      dlib::serialize(deltas, out);
      for (unsigned long k = 0; k < std::min(deltas, 2ul); ++k) dlib::serialize(dlib::vector<float, 2>(0, 0), out);
    }
  }
};

std::string load_error(const std::filesystem::path& file) {
  try {
    LandmarkModel::load(file);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(loaded)";
}

struct ModelDir {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "rs_landmark_model_crafted";
  ModelDir() { std::filesystem::create_directories(dir); }
  ~ModelDir() { std::filesystem::remove_all(dir); }
};
}  // namespace

TEST_CASE("landmark model: a crafted two-point model reads as dlib reads it") {
  ModelDir d;
  const auto file = d.dir / "tiny.dat";
  TinyModel{}.write(file);
  const LandmarkModel tiny = LandmarkModel::load(file);
  CHECK(tiny.parts() == 2);
  dlib::shape_predictor theirs;
  std::ifstream in(file, std::ios::binary);
  dlib::deserialize(theirs, in);
  // Bright left half: feature 0 (on point 0) minus feature 1 > 0, leaf 0, both points move right.
  cv::Mat bright_left(100, 100, CV_8UC1, cv::Scalar(0)), bright_right;
  bright_left(cv::Rect(0, 0, 50, 100)).setTo(255);
  cv::flip(bright_left, bright_right, 1);
  const dlib::rectangle box(0, 0, 99, 99);
  for (const cv::Mat& grey : {bright_left, bright_right}) {
    const auto ours = tiny.fit(grey, {0, 0, 99, 99});
    const auto dlibs = theirs(dlib::cv_image<unsigned char>(grey), box);
    REQUIRE(ours.size() == 2);
    for (int i = 0; i < 2; ++i) {
      CHECK(ours[i].x == float(dlibs.part(i).x()));
      CHECK(ours[i].y == float(dlibs.part(i).y()));
    }
  }
  CHECK(tiny.fit(bright_left, {0, 0, 99, 99})[0].x == 40);   // (0.3 + 0.1) x 99
  CHECK(tiny.fit(bright_right, {0, 0, 99, 99})[0].x == 20);  // (0.3 - 0.1) x 99
}

TEST_CASE("landmark model: huge counts, wrapping indices and bad values are refused before allocating") {
  ModelDir d;
  const auto file = d.dir / "crafted.dat";
  struct Case {
    const char* what;
    void (*craft)(TinyModel&);
    const char* message;
  };
  const Case cases[] = {
      {"2^40 levels", [](TinyModel& m) { m.levels = m.anchor_levels = m.delta_levels = 1ul << 40; },
       "implausible number of cascade levels"},
      {"2^40 trees", [](TinyModel& m) { m.trees = 1ul << 40; }, "implausible number of trees in a cascade level"},
      {"9,000 trees in a tiny file", [](TinyModel& m) { m.trees = 9000; }, "do not fit in the rest of the file"},
      {"2^40 splits", [](TinyModel& m) { m.splits = 1ul << 40; }, "implausible number of splits"},
      {"4,000 splits in a tiny file", [](TinyModel& m) { m.splits = 4000; }, "do not fit in the rest of the file"},
      {"2^40 leaves", [](TinyModel& m) { m.leaves = 1ul << 40; }, "implausible number of leaves"},
      {"a leaf of 2^40 values", [](TinyModel& m) { m.leaf_rows = -(1l << 40); }, "a leaf of 1099511627776 values"},
      {"a shape of LONG_MIN rows", [](TinyModel& m) { m.shape_rows_min = true; }, "a malformed size of mean shape"},
      {"a shape of 1,999 values in a tiny file", [](TinyModel& m) { m.shape_rows = -1998; },
       "do not fit in the rest of the file"},
      {"2^40 feature pixels", [](TinyModel& m) { m.anchors = 1ul << 40; }, "implausible number of feature pixels"},
      {"an anchor of 2^63 + 1 (negative as a long)", [](TinyModel& m) { m.anchor_1 = (1ul << 63) + 1; },
       "anchored to a point that does not exist"},
      {"an anchor on point 2 of 2", [](TinyModel& m) { m.anchor_1 = 2; }, "anchored to a point that does not exist"},
      {"a split on feature 5 of 2", [](TinyModel& m) { m.split_b = 5; },
       "a split on a feature pixel that does not exist"},
      {"a split on feature 2^32", [](TinyModel& m) { m.split_b = 1ul << 32; }, "a split on feature index above 65535"},
      {"a NaN leaf", [](TinyModel& m) { m.leaf_value = std::numeric_limits<float>::quiet_NaN(); },
       "a leaf value that is not a finite number"},
      {"an infinite leaf", [](TinyModel& m) { m.leaf_value = std::numeric_limits<float>::infinity(); },
       "a leaf value that is not a finite number"},
      {"a leaf of 1e30", [](TinyModel& m) { m.leaf_value = 1e30f; }, "a leaf value of"},
      {"3 leaves for 1 split", [](TinyModel& m) { m.leaves = 3; }, "trees of unequal shape"},
      {"offsets for 1 of 2 feature pixels", [](TinyModel& m) { m.deltas = 1; }, "inconsistent feature pixels"},
      {"feature pixels for 2 levels of 1", [](TinyModel& m) { m.anchor_levels = 2; },
       "feature pixels for a different number of levels"},
      {"version 2", [](TinyModel& m) { m.version = 2; }, "not a dlib shape predictor (version 2)"},
  };
  const auto t0 = std::chrono::steady_clock::now();
  for (const Case& c : cases) {
    CAPTURE(c.what);
    TinyModel m;
    c.craft(m);
    m.write(file);
    const std::string error = load_error(file);
    CHECK(error.find("crafted.dat") != std::string::npos);
    CHECK_MESSAGE(error.find(c.message) != std::string::npos, error);
  }
  // No case allocated what its count asked for (terabytes): all of them together take moments.
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 2.0);
}

TEST_CASE("landmark model: every truncation of a model is refused, and a FIFO does not hang the load") {
  ModelDir d;
  const auto whole = d.dir / "whole.dat";
  TinyModel{}.write(whole);
  std::ifstream in(whole, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(bytes.size() > 20);
  const auto cut = d.dir / "cut.dat";
  int loaded = 0;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    std::ofstream(cut, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(n));
    if (load_error(cut) == "(loaded)") ++loaded;
  }
  CHECK(loaded == 0);
  CHECK(load_error(whole) == "(loaded)");

  const auto fifo = d.dir / "fifo.dat";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(load_error(fifo).find("not a regular file") != std::string::npos);
  CHECK(load_error("/dev/zero").find("not a regular file") != std::string::npos);
}
