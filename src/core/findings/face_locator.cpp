#include "core/findings/face_locator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

namespace rs::findings {

struct FaceLocator::Model {
  dlib::shape_predictor predictor;  // operator() is const: shared by all threads
};

namespace {

// dlib's object_detector::operator() is not const (it keeps scratch buffers), so every thread
// gets its own copies. Building them costs a few ms, once per thread.
struct Detectors {
  dlib::frontal_face_detector full = dlib::get_frontal_face_detector();
  dlib::frontal_face_detector spec;  // only the first pyramid levels: faces of spec-photo size
  Detectors() {
    dlib::scan_fhog_pyramid<dlib::pyramid_down<6>> scanner;
    scanner.copy_configuration(full.get_scanner());
    scanner.set_max_pyramid_levels(3);
    spec = dlib::frontal_face_detector(scanner, full.get_overlap_tester(), full.get_w());
  }
};

Detectors& thread_detectors() {
  thread_local Detectors d;
  return d;
}

// The HOG window is 80x80 px, so a face must be at least ~80 px wide where we detect.
struct Pass {
  double scale;
  bool spec_only;  // the fast detector with few pyramid levels
};

// A spec photo's face (~207 px; dlib's box is about as wide) is found quickly at 0.48x with three
// pyramid levels (boxes of about 167-240 px); other faces in a small photo at 0.5x and then full size.
// Raw uploads: a long side of about 480 px, then about 1000 px for a small face in a full-length shot.
std::vector<Pass> detection_passes(const cv::Size& size) {
  const double long_side = std::max(size.width, size.height);
  if (long_side <= 640) return {{0.48, true}, {0.5, false}, {1.0, false}};
  return {{480.0 / long_side, false}, {std::min(1.0, 1000.0 / long_side), false}};
}

std::vector<dlib::rectangle> detect_at(const cv::Mat& grey, const Pass& pass) {
  const double scale = pass.scale;
  // Too small at this scale to hold the detector's 80x80 window: nothing to find.
  if (grey.cols * scale < 80 || grey.rows * scale < 80) return {};
  cv::Mat small;
  if (scale < 0.999)
    cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  else
    small = grey;
  dlib::cv_image<unsigned char> img(small);
  Detectors& d = thread_detectors();
  std::vector<dlib::rectangle> found = pass.spec_only ? d.spec(img) : d.full(img);
  for (auto& r : found) {
    r = dlib::rectangle(std::lround(r.left() / scale), std::lround(r.top() / scale),
                        std::lround(r.right() / scale), std::lround(r.bottom() / scale));
  }
  return found;
}

std::vector<dlib::rectangle> detect(const cv::Mat& grey) {
  for (const Pass& p : detection_passes(grey.size())) {
    auto rects = detect_at(grey, p);
    if (!rects.empty()) return rects;
  }
  return {};
}

// Detection on the photo turned by `angle` degrees about its centre; boxes mapped back (same size,
// centre turned back), which is what the landmark fit needs.
std::vector<dlib::rectangle> detect_turned(const cv::Mat& grey, double angle) {
  const cv::Point2f c(grey.cols / 2.0f, grey.rows / 2.0f);
  const cv::Mat m = cv::getRotationMatrix2D(c, angle, 1.0);
  cv::Mat turned, back;
  cv::warpAffine(grey, turned, m, grey.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::invertAffineTransform(m, back);
  std::vector<dlib::rectangle> out;
  for (const auto& r : detect(turned)) {
    const double x = (r.left() + r.right()) / 2.0, y = (r.top() + r.bottom()) / 2.0;
    const double bx = back.at<double>(0, 0) * x + back.at<double>(0, 1) * y + back.at<double>(0, 2);
    const double by = back.at<double>(1, 0) * x + back.at<double>(1, 1) * y + back.at<double>(1, 2);
    const double hw = r.width() / 2.0, hh = r.height() / 2.0;
    out.emplace_back(std::lround(bx - hw), std::lround(by - hh), std::lround(bx + hw), std::lround(by + hh));
  }
  return out;
}

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

Point mean_of(const std::vector<Point>& pts, int from, int to) {
  Point m;
  for (int i = from; i <= to; ++i) {
    m.x += pts[i].x;
    m.y += pts[i].y;
  }
  const float n = static_cast<float>(to - from + 1);
  return {m.x / n, m.y / n};
}

}  // namespace

void fill_eyes_and_roll(FaceGeometry& face) {
  if (face.landmarks.size() != 68) return;
  // iBUG points 36-41 are the eye on the image's left (the applicant's right eye).
  face.right_eye = mean_of(face.landmarks, 36, 41);
  face.left_eye = mean_of(face.landmarks, 42, 47);
  const double dx = face.left_eye.x - face.right_eye.x;
  const double dy = face.left_eye.y - face.right_eye.y;
  face.roll_deg = std::atan2(dy, dx) * 180.0 / M_PI;  // y grows downwards: positive = clockwise
}

FaceLocator::FaceLocator(const std::filesystem::path& model_path) : model_(std::make_unique<Model>()) {
  std::ifstream in(model_path, std::ios::binary);
  if (!in) throw std::runtime_error("landmark model " + model_path.string() + ": cannot open the file");
  try {
    dlib::deserialize(model_->predictor, in);
  } catch (const std::exception& e) {
    throw std::runtime_error("landmark model " + model_path.string() + ": not a dlib shape predictor (" + e.what() + ")");
  }
  if (model_->predictor.num_parts() != 68)
    throw std::runtime_error("landmark model " + model_path.string() + ": has " +
                             std::to_string(model_->predictor.num_parts()) + " points, expected 68");
  thread_detectors();  // build the calling thread's detector now rather than on the first photo
}

FaceLocator::~FaceLocator() = default;

std::vector<FaceGeometry> FaceLocator::locate(const cv::Mat& image) const {
  std::vector<FaceGeometry> faces;
  if (image.empty() || image.depth() != CV_8U) return faces;
  cv::Mat grey;
  if (image.channels() == 3)
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4)
    cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  else if (image.channels() == 1)
    grey = image;
  else
    return faces;
  if (!grey.isContinuous()) grey = grey.clone();

  std::vector<dlib::rectangle> rects = detect(grey);
  // Only when nothing was found (so normal photos pay nothing): a washed-out or very dark photo
  // with its contrast stretched, then the photo turned by +-15 degrees (the HOG detector is trained
  // on upright faces; the landmarks are still fitted on the original photo).
  if (rects.empty()) {
    cv::Mat stretched;
    cv::equalizeHist(grey, stretched);
    rects = detect(stretched);
    for (double angle : {15.0, -15.0})
      if (rects.empty()) rects = detect_turned(grey, angle);
  }
  std::sort(rects.begin(), rects.end(), [](const auto& a, const auto& b) { return a.area() > b.area(); });

  dlib::cv_image<unsigned char> full(grey);
  for (const auto& r : rects) {
    dlib::full_object_detection shape = model_->predictor(full, r);
    FaceGeometry f;
    f.box = {Point{static_cast<float>(r.left()), static_cast<float>(r.top())},
             Point{static_cast<float>(r.right()), static_cast<float>(r.bottom())}};
    f.landmarks.reserve(shape.num_parts());
    for (unsigned long i = 0; i < shape.num_parts(); ++i)
      f.landmarks.push_back({static_cast<float>(shape.part(i).x()), static_cast<float>(shape.part(i).y())});
    fill_eyes_and_roll(f);
    faces.push_back(std::move(f));
  }
  return faces;
}

std::vector<FaceGeometry> FaceLocator::locate_turned(const cv::Mat& grey) const {
  std::vector<FaceGeometry> out;
  cv::CascadeClassifier& cascade = thread_profile_cascade();
  if (cascade.empty() || grey.empty() || grey.type() != CV_8UC1) return out;
  // About 400 px on the long side: a head filling a fifth of the short side is still 50+ px, the
  // cascade's 20x20 window has room, and the search costs a few ms (only photos without a frontal
  // face pay it).
  const double scale = std::min(1.0, 400.0 / std::max(grey.cols, grey.rows));
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::equalizeHist(small, small);
  const int min_side = std::max(20, std::min(small.cols, small.rows) / 5);
  std::vector<cv::Rect> found;
  for (bool flipped : {false, true}) {
    cv::Mat img = small;
    if (flipped) cv::flip(small, img, 1);
    std::vector<cv::Rect> rects;
    // 4 neighbours: the turned heads of the fixtures' yaw series give 5 to 95, portraits of
    // faces looking at the camera sometimes 4-10 (they never get here: dlib finds them first).
    cascade.detectMultiScale(img, rects, 1.1, 4, 0, cv::Size(min_side, min_side));
    for (auto r : rects) {
      if (flipped) r.x = small.cols - r.x - r.width;
      found.push_back(r);
    }
  }
  std::sort(found.begin(), found.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  for (const auto& r : found) {
    // The same head found both ways round counts once.
    bool seen = false;
    for (const auto& f : out) {
      const cv::Rect prev(cv::Point(cvRound(f.box[0].x * scale), cvRound(f.box[0].y * scale)),
                          cv::Point(cvRound(f.box[1].x * scale), cvRound(f.box[1].y * scale)));
      seen = seen || (prev & r).area() > 0.3 * std::min(prev.area(), r.area());
    }
    if (seen) continue;
    FaceGeometry f;
    f.box = {Point{static_cast<float>(r.x / scale), static_cast<float>(r.y / scale)},
             Point{static_cast<float>(r.br().x / scale), static_cast<float>(r.br().y / scale)}};
    f.turned = true;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace rs::findings
