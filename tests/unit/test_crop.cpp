// Auto-crop into GA 461 geometry, checked by locating the face again in the result.
#include <doctest/doctest.h>

#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/findings/face_frame.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/spec.hpp"
#include "core/photo/crop.hpp"
#include "core/photo/segment.hpp"
#include "core/util/paths.hpp"

using namespace rs;

namespace {
const findings::FaceLocator& locator() {
  static const findings::FaceLocator l(landmark_model_path());
  return l;
}
const char* kAstronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png";

// The ID card's frame from db/spec (358x441 px, face 193-221 px wide, ideal 207, head top 7-21 px,
// ideal 14, eye line at least 207 px above the bottom).
const findings::Ga461Frame& id_card() {
  static const findings::Ga461Frame f = findings::load_spec(data_dir() / "db" / "spec", "id_card").frame;
  return f;
}

// A synthetic face: 68 landmarks on a level line, jaw 100 px wide, eyes at y=200.
findings::FaceGeometry synthetic_face(double roll_deg) {
  findings::FaceGeometry f;
  f.landmarks.resize(68);
  const double a = roll_deg * M_PI / 180, c = std::cos(a), s = std::sin(a);
  auto put = [&](int i, double x, double y) {
    f.landmarks[i] = {float(300 + c * x - s * y), float(200 + s * x + c * y)};
  };
  for (int i = 0; i <= 16; ++i) put(i, -50 + 100.0 * i / 16, 10 + 60 * std::sin(M_PI * i / 16));
  for (int i = 17; i <= 26; ++i) put(i, -40 + 80.0 * (i - 17) / 9, -15);
  for (int i = 27; i <= 35; ++i) put(i, 0, 10 + 3 * (i - 27));
  for (int i = 36; i <= 41; ++i) put(i, -22 + (i - 36), 0);
  for (int i = 42; i <= 47; ++i) put(i, 22 + (i - 42), 0);
  for (int i = 48; i <= 67; ++i) put(i, -15 + 30.0 * ((i - 48) % 10) / 9, 45);
  findings::fill_eyes_and_roll(f);
  return f;
}
}  // namespace

TEST_CASE("spec_transform levels the eye line, scales the face to 207 px and centres it") {
  REQUIRE(id_card().face_width_ideal == 207);
  REQUIRE(id_card().width == 358);
  for (double roll : {0.0, 9.0, -14.0}) {
    auto face = synthetic_face(roll);
    auto t = photo::spec_transform(face, id_card());
    CHECK(t.angle_deg == doctest::Approx(roll).epsilon(0.01));
    CHECK(t.scale == doctest::Approx(207.0 / 100.0).epsilon(0.001));
    auto l = photo::apply(t.matrix, face.left_eye), r = photo::apply(t.matrix, face.right_eye);
    CHECK(std::abs(l.y - r.y) < 0.01);  // level
    auto j0 = photo::apply(t.matrix, face.landmarks[0]), j16 = photo::apply(t.matrix, face.landmarks[16]);
    CHECK(std::hypot(j16.x - j0.x, j16.y - j0.y) == doctest::Approx(207).epsilon(0.001));
    CHECK((j0.x + j16.x) / 2 == doctest::Approx(179).epsilon(0.001));
    CHECK(l.y <= 441 - 207);  // eye line at least 207 px above the bottom
  }
}

TEST_CASE("spec_transform puts the eye line first when the head estimate would push it too low") {
  auto face = synthetic_face(0);
  findings::Ga461Frame spec = id_card();
  spec.head_top_ideal = 200;  // absurd target: the eyes would fall below the limit
  auto t = photo::spec_transform(face, spec);
  CHECK(photo::apply(t.matrix, face.left_eye).y == doctest::Approx(photo::lowest_eye_line(spec)).epsilon(0.001));
  CHECK(photo::lowest_eye_line(spec) < 441 - 207);  // above the eye-line limit, with a margin
}

TEST_CASE("the crop follows the frame it is given: another document's face width and size") {
  findings::Ga461Frame other = id_card();
  other.width = 400;
  other.height = 500;
  other.face_width_ideal = 240;
  other.eye_line_min = 230;
  auto face = synthetic_face(5);
  auto t = photo::spec_transform(face, other);
  auto j0 = photo::apply(t.matrix, face.landmarks[0]), j16 = photo::apply(t.matrix, face.landmarks[16]);
  CHECK(std::hypot(j16.x - j0.x, j16.y - j0.y) == doctest::Approx(240).epsilon(0.001));
  CHECK((j0.x + j16.x) / 2 == doctest::Approx(200).epsilon(0.001));
  CHECK(photo::apply(t.matrix, face.left_eye).y <= photo::lowest_eye_line(other));
  CHECK_THROWS_AS(photo::spec_transform(face, findings::Ga461Frame{}), std::invalid_argument);  // no frame, no crop
}

TEST_CASE("cropping astronaut.png yields GA 461 geometry, measured on the result") {
  cv::Mat img = cv::imread(kAstronaut, cv::IMREAD_COLOR);
  REQUIRE_FALSE(img.empty());
  auto faces = locator().locate(img);
  REQUIRE(faces.size() >= 1);
  cv::Mat spec = photo::crop_to_spec(img, faces[0], id_card());
  CHECK(spec.cols == 358);
  CHECK(spec.rows == 441);
  auto again = locator().locate(spec);
  REQUIRE(again.size() >= 1);
  auto fr = findings::face_frame(again[0]);
  CHECK(fr.face_width >= 193);
  CHECK(fr.face_width <= 221);
  CHECK(441 - fr.eye_mid.y >= 207);
  CHECK(std::abs(fr.centre_x - 179) < 7);
  CHECK(std::abs(again[0].roll_deg) < 2.5);
  auto top = photo::head_top_row(photo::person_alpha(spec, again[0]), again[0]);
  REQUIRE(top);
  CHECK(*top >= 7);
  CHECK(*top <= 21);
}

TEST_CASE("a rolled portrait comes out level") {
  cv::Mat img = cv::imread(kAstronaut, cv::IMREAD_COLOR);
  cv::Mat rolled;
  cv::warpAffine(img, rolled, cv::getRotationMatrix2D(cv::Point2f(256, 200), 12, 1.0), img.size(), cv::INTER_LINEAR,
                 cv::BORDER_REPLICATE);
  auto upright = locator().locate(img);
  auto faces = locator().locate(rolled);
  REQUIRE(faces.size() >= 1);
  REQUIRE(upright.size() >= 1);
  CHECK(std::abs(std::abs(faces[0].roll_deg - upright[0].roll_deg) - 12) < 2);
  auto again = locator().locate(photo::crop_to_spec(rolled, faces[0], id_card()));
  REQUIRE(again.size() >= 1);
  CHECK(std::abs(again[0].roll_deg) < 2.5);
}

TEST_CASE("crop refuses landmarks it cannot use") {
  findings::FaceGeometry empty;
  CHECK_THROWS_AS(photo::spec_transform(empty, id_card()), std::invalid_argument);
}
