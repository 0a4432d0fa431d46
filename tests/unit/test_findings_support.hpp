#pragma once
// Test photos for the rule engine, synthesised from the one frontal face Debian ships
// (python3-skimage's astronaut.png): put into GA 461 spec geometry with a simple affine from the
// landmarks, the backdrop replaced by white, then altered to carry one known defect at a time.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include <doctest/doctest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/findings/engine.hpp"
#include "core/findings/face_locator.hpp"
#include "core/util/paths.hpp"

namespace rs::test {

inline const std::filesystem::path kAstronaut = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png";

inline const findings::FaceLocator& locator() {
  static const findings::FaceLocator loc(landmark_model_path());
  return loc;
}

inline const findings::Engine& engine() {
  static const auto e = findings::Engine::load();
  return *e;
}

// True when ../shared/fixtures/photos is there. The tests of real photos carry
// `* doctest::skip(!rs::test::fixtures_present())`: without the folder doctest reports them as
// skipped, never as passed.
inline bool fixtures_present() {
  return std::filesystem::exists(std::filesystem::path(RS_FIXTURES_DIR) / "labels.json");
}

// A photo of ../shared/fixtures/photos analysed as uploaded. A photo missing from a folder that is
// there fails the test (the fixtures changed under it); without the folder the test is skipped.
inline std::optional<findings::Analysis> fixture_analysis(const char* name) {
  const std::filesystem::path photo = std::filesystem::path(RS_FIXTURES_DIR) / name;
  if (!std::filesystem::exists(photo)) {
    if (fixtures_present()) FAIL_CHECK("fixture photo " << photo.string() << " is missing from the fixtures");
    return std::nullopt;
  }
  std::ifstream in(photo, std::ios::binary);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  return engine().analyse(bytes, "id_card");
}

struct SpecPose {
  double face_width = 207;  // px between landmarks 0 and 16
  double eye_y = 214;       // eye line, px from the top
  double centre_x = 179;    // face centre, px from the left
  double roll_deg = 0;      // extra clockwise rotation after levelling the eyes
};

// Similarity transform taking the face to the requested spec pose in a 358x441 frame.
inline cv::Mat to_spec(const cv::Mat& bgr, const findings::FaceGeometry& f, const SpecPose& p = {},
                       cv::Size frame = {358, 441}, int border = cv::BORDER_REPLICATE) {
  const auto& lm = f.landmarks;
  const double width = std::hypot(lm[16].x - lm[0].x, lm[16].y - lm[0].y);
  const double scale = p.face_width / width;
  const cv::Point2f eye_mid((f.left_eye.x + f.right_eye.x) / 2, (f.left_eye.y + f.right_eye.y) / 2);
  const cv::Point2f face_mid((lm[0].x + lm[16].x) / 2, (lm[0].y + lm[16].y) / 2);
  // Rotate about the eye midpoint so the eye line is level (plus the extra roll), then scale.
  cv::Mat m = cv::getRotationMatrix2D(eye_mid, f.roll_deg - p.roll_deg, scale);
  auto apply = [&](cv::Point2f q) {
    return cv::Point2f(static_cast<float>(m.at<double>(0, 0) * q.x + m.at<double>(0, 1) * q.y + m.at<double>(0, 2)),
                       static_cast<float>(m.at<double>(1, 0) * q.x + m.at<double>(1, 1) * q.y + m.at<double>(1, 2)));
  };
  const cv::Point2f e = apply(eye_mid), c = apply(face_mid);
  m.at<double>(0, 2) += p.centre_x - c.x;
  m.at<double>(1, 2) += p.eye_y - e.y;
  cv::Mat out;
  cv::warpAffine(bgr, out, m, frame, cv::INTER_LINEAR, border);
  return out;
}

inline std::vector<std::uint8_t> encode(const cv::Mat& bgr, const std::string& ext = ".png", int jpeg_quality = 92) {
  std::vector<std::uint8_t> out;
  std::vector<int> params;
  if (ext == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
  cv::imencode(ext, bgr, out, params);
  return out;
}

inline findings::Analysis analyse(const cv::Mat& bgr, const std::string& ext = ".png") {
  return engine().analyse(encode(bgr, ext), "id_card");
}

inline const findings::Finding* finding(const findings::Analysis& a, std::string_view rule) {
  for (const auto& f : a.findings)
    if (f.rule_id == rule) return &f;
  return nullptr;
}

// Verdict, value and reason of one rule; a missing finding fails the check instead of crashing.
inline findings::Verdict verdict_of(const findings::Analysis& a, std::string_view rule) {
  const findings::Finding* f = finding(a, rule);
  if (!f) {
    FAIL_CHECK("no finding for " << rule);
    return findings::Verdict::CannotAssess;
  }
  return f->verdict;
}
inline double value_of(const findings::Analysis& a, std::string_view rule) {
  const findings::Finding* f = finding(a, rule);
  if (!f) FAIL_CHECK("no finding for " << rule);
  return f ? f->value : std::nan("");
}
inline std::string reason_of(const findings::Analysis& a, std::string_view rule) {
  const findings::Finding* f = finding(a, rule);
  if (!f) FAIL_CHECK("no finding for " << rule);
  return f ? f->reason_code : std::string();
}

// The astronaut in spec geometry; the person is cut out with GrabCut (once) and put on `backdrop`.
inline cv::Mat person_mask_of(const cv::Mat& spec) {
  cv::Mat mask(spec.size(), CV_8U, cv::Scalar(cv::GC_PR_BGD));
  // Certain foreground: the face; probable foreground: an ellipse around head and a body block.
  cv::ellipse(mask, cv::Point(179, 170), cv::Size(150, 175), 0, 0, 360, cv::Scalar(cv::GC_PR_FGD), cv::FILLED);
  cv::rectangle(mask, cv::Rect(10, 330, 338, 111), cv::Scalar(cv::GC_PR_FGD), cv::FILLED);
  cv::ellipse(mask, cv::Point(179, 240), cv::Size(85, 100), 0, 0, 360, cv::Scalar(cv::GC_FGD), cv::FILLED);
  cv::rectangle(mask, cv::Rect(0, 0, 358, 4), cv::Scalar(cv::GC_BGD), cv::FILLED);
  cv::Mat bgd, fgd;
  // GrabCut seeds its colour models with OpenCV's global random generator: fix it, so the reference
  // photo does not depend on which tests ran before.
  cv::theRNG().state = 0x5eed5eedULL;
  cv::grabCut(spec, mask, cv::Rect(), bgd, fgd, 4, cv::GC_INIT_WITH_MASK);
  cv::Mat person = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD);
  cv::GaussianBlur(person, person, cv::Size(3, 3), 0);
  return person;
}

inline cv::Mat on_backdrop(const cv::Mat& spec, const cv::Mat& person, const cv::Mat& backdrop) {
  cv::Mat out = backdrop.clone();
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x) {
      const float a = person.at<std::uint8_t>(y, x) / 255.0f;
      const auto& p = spec.at<cv::Vec3b>(y, x);
      auto& o = out.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) o[c] = cv::saturate_cast<std::uint8_t>(a * p[c] + (1 - a) * o[c]);
    }
  return out;
}

inline const cv::Mat& astronaut_raw() {
  static const cv::Mat m = cv::imread(kAstronaut.string(), cv::IMREAD_COLOR);
  return m;
}

inline const findings::FaceGeometry& astronaut_face() {
  static const findings::FaceGeometry f = locator().locate(astronaut_raw()).at(0);
  return f;
}

// The compliant reference photo: spec geometry, white backdrop.
inline cv::Mat spec_photo(const SpecPose& pose = {}, cv::Scalar backdrop = {250, 250, 250}) {
  const cv::Mat spec = to_spec(astronaut_raw(), astronaut_face(), pose);
  const cv::Mat person = person_mask_of(spec);
  return on_backdrop(spec, person, cv::Mat(spec.size(), CV_8UC3, backdrop));
}

}  // namespace rs::test
