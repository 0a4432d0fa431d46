// Photos that cannot be assessed: each yields assessable=false and exactly one
// "photo.cannot_assess" finding naming the cause; none may throw or crash.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/findings/decode.hpp"
#include "test_findings_support.hpp"

using namespace rs::findings;
using rs::test::encode;

namespace {
void put_be32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<std::uint8_t>(x >> s));
}

// A PNG whose IHDR claims width x height, with a token IDAT and IEND (CRCs are not checked first).
std::vector<std::uint8_t> png_header_only(std::uint32_t w, std::uint32_t h) {
  std::vector<std::uint8_t> v = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  put_be32(v, 13);
  for (char c : std::string("IHDR")) v.push_back(c);
  put_be32(v, w);
  put_be32(v, h);
  for (std::uint8_t b : {8, 2, 0, 0, 0}) v.push_back(b);
  put_be32(v, 0);  // CRC
  put_be32(v, 0);
  for (char c : std::string("IEND")) v.push_back(c);
  put_be32(v, 0xAE426082);
  return v;
}

// The cannot-assess cause for `bytes`, checking the engine's contract on the way.
std::string cause(const std::vector<std::uint8_t>& bytes) {
  Analysis a = rs::test::engine().analyse(bytes, "id_card");
  CHECK_FALSE(a.assessable);
  REQUIRE(a.findings.size() == 1);
  CHECK(a.findings[0].rule_id == "photo.cannot_assess");
  CHECK(a.findings[0].verdict == Verdict::CannotAssess);
  CHECK(a.findings[0].detail_key.rfind("cannot_assess.", 0) == 0);
  return a.findings[0].detail;
}

cv::Mat small_colour() {
  cv::Mat m(60, 50, CV_8UC3);
  cv::randu(m, 0, 255);
  return m;
}
}  // namespace

TEST_CASE("cannot assess: empty, text, truncated and corrupt files") {
  CHECK(cause({}).find("0 bytes") != std::string::npos);
  const std::string text = "order_no,name\n1,张三\n";
  CHECK(cause(std::vector<std::uint8_t>(text.begin(), text.end())).find("text") != std::string::npos);

  auto jpg = encode(small_colour(), ".jpg");
  jpg.resize(jpg.size() / 2);
  CHECK(cause(jpg).find("truncated") != std::string::npos);

  std::ifstream in("/usr/lib/python3/dist-packages/skimage/data/truncated.jpg", std::ios::binary);
  if (in) {
    std::vector<std::uint8_t> sk((std::istreambuf_iterator<char>(in)), {});
    CHECK(cause(sk).find("truncated") != std::string::npos);
  }

  // A valid JPEG header followed by noise instead of image data.
  auto noisy = encode(small_colour(), ".jpg");
  for (std::size_t i = noisy.size() / 3; i + 2 < noisy.size(); ++i) noisy[i] = static_cast<std::uint8_t>(i * 7919u);
  Analysis a = rs::test::engine().analyse(noisy, "id_card");  // must not throw; either cause is fine
  CHECK(a.findings.size() >= 1);
}

TEST_CASE("cannot assess: wrong pixel formats, rotation and bombs") {
  cv::Mat deep(40, 40, CV_16UC3, cv::Scalar(1000, 20000, 40000));
  CHECK(cause(encode(deep, ".png")).find("16-bit") != std::string::npos);

  cv::Mat grey(40, 40, CV_8UC1, cv::Scalar(128));
  CHECK(cause(encode(grey, ".png")).find("greyscale") != std::string::npos);
  CHECK(cause(encode(grey, ".jpg")).find("greyscale") != std::string::npos);
  cv::Mat grey3;
  cv::cvtColor(grey, grey3, cv::COLOR_GRAY2BGR);
  CHECK(cause(encode(grey3, ".png")).find("greyscale") != std::string::npos);

  // CMYK: a JPEG whose frame header declares four components.
  auto cmyk = encode(small_colour(), ".jpg");
  for (std::size_t i = 2; i + 10 < cmyk.size(); ++i)
    if (cmyk[i] == 0xFF && cmyk[i + 1] == 0xC0) {
      cmyk[i + 9] = 4;
      break;
    }
  CHECK(cause(cmyk).find("CMYK") != std::string::npos);

  // EXIF orientation 6 (rotate 90°) in an APP1 segment right after SOI.
  auto jpg = encode(small_colour(), ".jpg");
  const std::vector<std::uint8_t> exif = {0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0,    0,    'I', 'I',
                                          42,   0,    8,    0,    0,   0,   1,   0,   0x12, 0x01, 3,   0,
                                          1,    0,    0,    0,    6,   0,   0,   0,   0,    0,    0,   0};
  jpg.insert(jpg.begin() + 2, exif.begin(), exif.end());
  CHECK(cause(jpg).find("EXIF-rotated") != std::string::npos);

  CHECK(cause(png_header_only(30000, 30000)).find("too large") != std::string::npos);
  CHECK(cause(png_header_only(0, 10)).find("zero") != std::string::npos);
}

TEST_CASE("header reading reports size, format and JPEG quality") {
  cv::Mat m(441, 358, CV_8UC3);
  cv::randu(m, 0, 255);
  for (int q : {30, 70, 90}) {
    HeaderResult h = read_header(encode(m, ".jpg", q));
    REQUIRE_FALSE(h.error);
    CHECK(h.header.format == "jpeg");
    CHECK(h.header.width == 358);
    CHECK(h.header.height == 441);
    CHECK(h.header.jpeg_quality == doctest::Approx(q).epsilon(0.05));
  }
  HeaderResult png = read_header(encode(m, ".png"));
  CHECK(png.header.format == "png");
  CHECK_FALSE(png.header.truncated);
}

TEST_CASE("an unknown document type cannot be assessed, it does not throw") {
  Analysis a = rs::test::engine().analyse(encode(small_colour(), ".png"), "library_card");
  CHECK_FALSE(a.assessable);
  REQUIRE(a.findings.size() == 1);
  CHECK(a.findings[0].detail.find("library_card") != std::string::npos);
}

TEST_CASE("odd but valid photos are analysed without throwing") {
  std::vector<cv::Mat> odd;
  odd.emplace_back(1, 1, CV_8UC3, cv::Scalar(10, 200, 30));
  odd.emplace_back(9, 2000, CV_8UC3, cv::Scalar(90, 100, 110));
  cv::Mat noise(300, 300, CV_8UC3);
  cv::randu(noise, 0, 255);
  odd.push_back(noise);
  // Faces half outside the frame, tiny, and huge.
  for (double cx : {10.0, 350.0}) {
    rs::test::SpecPose p;
    p.centre_x = cx;
    odd.push_back(rs::test::spec_photo(p));
  }
  rs::test::SpecPose tiny, huge;
  tiny.face_width = 60;
  huge.face_width = 420;
  huge.eye_y = 300;
  odd.push_back(rs::test::spec_photo(tiny));
  odd.push_back(rs::test::spec_photo(huge));
  for (const auto& m : odd) {
    CAPTURE(m.cols);
    CAPTURE(m.rows);
    Analysis a;
    CHECK_NOTHROW(a = rs::test::analyse(m));
    CHECK(a.assessable);
    for (const auto& f : a.findings) CHECK(f.detail.find("failed") == std::string::npos);  // no measure threw
  }
}

TEST_CASE("the landmark model: a missing or corrupt file is named in the error") {
  CHECK_THROWS_WITH_AS(FaceLocator("/nonexistent/shape_predictor.dat"),
                       doctest::Contains("/nonexistent/shape_predictor.dat"), std::runtime_error);
  const auto bad = std::filesystem::temp_directory_path() / "rs_bad_model.dat";
  std::ofstream(bad) << "not a dlib model";
  CHECK_THROWS_WITH_AS(FaceLocator{bad}, doctest::Contains("rs_bad_model.dat"), std::runtime_error);
  std::filesystem::remove(bad);
  EngineConfig cfg;
  cfg.landmark_model = "/nonexistent/model.dat";
  CHECK_THROWS_WITH_AS(Engine::load(cfg), doctest::Contains("/nonexistent/model.dat"), std::runtime_error);
}

TEST_CASE("FaceLocator is safe to call from several threads at once") {
  const cv::Mat photo = rs::test::spec_photo();
  const auto expected = rs::test::locator().locate(photo);
  REQUIRE(expected.size() == 1);
  std::vector<std::vector<FaceGeometry>> got(4);
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t) pool.emplace_back([&, t] { got[t] = rs::test::locator().locate(photo); });
  for (auto& t : pool) t.join();
  for (const auto& g : got) {
    REQUIRE(g.size() == 1);
    CHECK(g[0].landmarks[30].x == doctest::Approx(expected[0].landmarks[30].x));
    CHECK(g[0].roll_deg == doctest::Approx(expected[0].roll_deg));
  }
}
