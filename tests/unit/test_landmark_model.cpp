// LandmarkModel against dlib's own shape_predictor: the flat trees must give the very same points.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
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
