// FaceLocator::locate: dlib's HOG frontal face detector at a few scales (then on a contrast-
// stretched and a turned copy when nothing was found), and the 68 landmarks on each face found.
#include <algorithm>
#include <cmath>
#include <vector>

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/imgproc.hpp>

#include "core/findings/face_locator.hpp"
#include "core/findings/face_locator_parts.hpp"

namespace rs::findings {
namespace {

// --- Tuning: where and at what scales faces are looked for. Implementation details of finding a
// face, not judgements: the rules' thresholds are in db/spec. ---

// Pyramid levels of the limited detectors: 3 (boxes of about 167-240 px) for a spec photo's face,
// 5 (about 80-166 px) for a small face enlarged to about 125 px (detect_faces_near).
constexpr unsigned long kSpecLevels = 3, kNearLevels = 5;
// A photo with a long side up to kSmallPhotoSide is spec-sized: its face (~207 px) is found at
// kSpecPassScale with the spec detector, other faces at kSmallPassScale and then full size. Larger
// uploads are searched at a long side of kUploadLongSide, then kUploadSmallFaceSide (a small face
// in a full-length shot).
constexpr double kSmallPhotoSide = 640, kSpecPassScale = 0.48, kSmallPassScale = 0.5;
constexpr double kUploadLongSide = 480, kUploadSmallFaceSide = 1000;
constexpr double kRetryTurn = 15;  // degrees either way when no upright face was found

struct Detectors {
  dlib::frontal_face_detector full;
  dlib::frontal_face_detector spec;  // only the first pyramid levels: faces of spec-photo size
  dlib::frontal_face_detector near;  // five levels (boxes of about 80-166 px): a candidate enlarged to ~125 px

  static Detectors build() {
    Detectors d;
    d.full = dlib::get_frontal_face_detector();
    d.spec = limited(d.full, kSpecLevels);
    d.near = limited(d.full, kNearLevels);
    return d;
  }
  static dlib::frontal_face_detector limited(const dlib::frontal_face_detector& full, unsigned long levels) {
    dlib::scan_fhog_pyramid<dlib::pyramid_down<6>> scanner;
    scanner.copy_configuration(full.get_scanner());
    scanner.set_max_pyramid_levels(levels);
    return dlib::frontal_face_detector(scanner, full.get_overlap_tester(), full.get_w());
  }
};

// dlib builds its frontal detector by decompressing the weights compiled into its header: about
// 0.6 s. That happens once per process (while the landmark model loads); threads copy the result.
const Detectors& prototype_detectors() {
  static const Detectors d = Detectors::build();
  return d;
}

// dlib's object_detector::operator() is not const (it keeps scratch buffers), so every thread
// gets its own copies of the prototype (about 0.1 ms).
Detectors& thread_detectors() {
  thread_local Detectors d = prototype_detectors();
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
  if (long_side <= kSmallPhotoSide) return {{kSpecPassScale, true}, {kSmallPassScale, false}, {1.0, false}};
  return {{kUploadLongSide / long_side, false}, {std::min(1.0, kUploadSmallFaceSide / long_side), false}};
}

std::vector<dlib::rectangle> detect_at(const cv::Mat& grey, const Pass& pass) {
  const double scale = pass.scale;
  // Too small at this scale to hold the detector's 80x80 window: nothing to find.
  if (grey.cols * scale < kHogWindow || grey.rows * scale < kHogWindow) return {};
  cv::Mat small;
  if (scale < 0.999)
    cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  else
    small = grey;
  dlib::cv_image<unsigned char> img(small);
  Detectors& d = thread_detectors();
  std::vector<dlib::rectangle> found = pass.spec_only ? d.spec(img) : d.full(img);
  for (auto& r : found) {
    r = dlib::rectangle(std::lround(r.left() / scale), std::lround(r.top() / scale), std::lround(r.right() / scale),
                        std::lround(r.bottom() / scale));
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

void load_face_detectors() { prototype_detectors(); }

std::vector<cv::Rect> detect_faces_near(const cv::Mat& grey) {
  dlib::cv_image<unsigned char> img(grey);
  std::vector<cv::Rect> out;
  for (const auto& r : thread_detectors().near(img))
    out.emplace_back(static_cast<int>(r.left()), static_cast<int>(r.top()), static_cast<int>(r.width()),
                     static_cast<int>(r.height()));
  return out;
}

void fill_eyes_and_roll(FaceGeometry& face) {
  if (face.landmarks.size() != 68) return;
  // iBUG points 36-41 are the eye on the image's left (the applicant's right eye).
  face.right_eye = mean_of(face.landmarks, 36, 41);
  face.left_eye = mean_of(face.landmarks, 42, 47);
  const double dx = face.left_eye.x - face.right_eye.x;
  const double dy = face.left_eye.y - face.right_eye.y;
  face.roll_deg = std::atan2(dy, dx) * 180.0 / M_PI;  // y grows downwards: positive = clockwise
}

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
    for (double angle : {kRetryTurn, -kRetryTurn})
      if (rects.empty()) rects = detect_turned(grey, angle);
  }
  std::sort(rects.begin(), rects.end(), [](const auto& a, const auto& b) { return a.area() > b.area(); });

  for (const auto& r : rects) {
    FaceGeometry f;
    f.box = {Point{static_cast<float>(r.left()), static_cast<float>(r.top())},
             Point{static_cast<float>(r.right()), static_cast<float>(r.bottom())}};
    f.landmarks = model_->landmarks.fit(grey, {r.left(), r.top(), r.right(), r.bottom()});
    fill_eyes_and_roll(f);
    faces.push_back(std::move(f));
  }
  return faces;
}

}  // namespace rs::findings
