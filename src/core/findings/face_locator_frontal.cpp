// FaceLocator::locate: dlib's HOG frontal face detector at a few scales (then on a contrast-
// stretched and a turned copy when nothing was found), and the 68 landmarks on each face found. The
// shape model, like the detector, was trained on upright faces: a head tilted by 20-40 degrees got
// eyes fitted on the forehead, so a tilted face is fitted again on a copy turned upright.
#include <algorithm>
#include <array>
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
// A face whose first fit reads a tilt beyond kRefitRoll degrees is fitted again on a window of
// kRefitWindow box sides turned upright about the box centre (the model fits upright faces best;
// below ~10 degrees the fit does not change). At most kRefits times, each from the last fit's roll.
constexpr double kRefitRoll = 10, kRefitWindow = 2.0;
constexpr int kRefits = 2;

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

// A face found: its detector box in the photo's pixels, and the angle (degrees, OpenCV's sense) the
// photo was turned by when the detector found it upright there (0 for an upright face).
struct Detection {
  dlib::rectangle box;
  double turn = 0;
};

std::vector<Detection> upright(const std::vector<dlib::rectangle>& rects) {
  std::vector<Detection> out;
  for (const auto& r : rects) out.push_back({r, 0});
  return out;
}

// Detection on the photo turned by `angle` degrees about its centre; boxes mapped back (same size,
// centre turned back), with the angle, so the landmarks are fitted on the face turned upright.
std::vector<Detection> detect_turned(const cv::Mat& grey, double angle) {
  const cv::Point2f c(grey.cols / 2.0f, grey.rows / 2.0f);
  const cv::Mat m = cv::getRotationMatrix2D(c, angle, 1.0);
  cv::Mat turned, back;
  cv::warpAffine(grey, turned, m, grey.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::invertAffineTransform(m, back);
  std::vector<Detection> out;
  for (const auto& r : detect(turned)) {
    const double x = (r.left() + r.right()) / 2.0, y = (r.top() + r.bottom()) / 2.0;
    const double bx = back.at<double>(0, 0) * x + back.at<double>(0, 1) * y + back.at<double>(0, 2);
    const double by = back.at<double>(1, 0) * x + back.at<double>(1, 1) * y + back.at<double>(1, 2);
    const double hw = r.width() / 2.0, hh = r.height() / 2.0;
    out.push_back(
        {dlib::rectangle(std::lround(bx - hw), std::lround(by - hh), std::lround(bx + hw), std::lround(by + hh)),
         angle});
  }
  return out;
}

// The 68 landmarks of the face in `box` fitted on a window about the box centre turned by `turn`
// degrees (OpenCV's sense: the angle that brings the face upright), mapped back to the photo.
std::vector<Point> fit_turned(const LandmarkModel& model, const cv::Mat& grey, const dlib::rectangle& box,
                              double turn) {
  if (turn == 0) return model.fit(grey, {box.left(), box.top(), box.right(), box.bottom()});
  const cv::Point2f c((box.left() + box.right()) / 2.0f, (box.top() + box.bottom()) / 2.0f);
  const int half = static_cast<int>(std::lround(kRefitWindow * std::max(box.width(), box.height()) / 2));
  cv::Mat m = cv::getRotationMatrix2D(c, turn, 1.0);
  m.at<double>(0, 2) += half - c.x;  // the window's top left corner is c - (half, half)
  m.at<double>(1, 2) += half - c.y;
  cv::Mat window, back;
  cv::warpAffine(grey, window, m, cv::Size(2 * half, 2 * half), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  cv::invertAffineTransform(m, back);
  const long hw = static_cast<long>(box.width() / 2), hh = static_cast<long>(box.height() / 2);
  std::vector<Point> pts = model.fit(window, {half - hw, half - hh, half + hw, half + hh});
  for (auto& p : pts) {
    const double x = p.x, y = p.y;
    p = {static_cast<float>(back.at<double>(0, 0) * x + back.at<double>(0, 1) * y + back.at<double>(0, 2)),
         static_cast<float>(back.at<double>(1, 0) * x + back.at<double>(1, 1) * y + back.at<double>(1, 2))};
  }
  return pts;
}

// The head's tilt from a fit (degrees, clockwise positive): the median of four lines, the eyes, the
// brows' ends, the jaw's ends and the nose bridge to the chin turned by 90 degrees. The eye line
// alone tilts by 10 degrees and more on a head turned far to one side (its far eye is fitted
// poorly), and turning such a face "upright" by it spoilt the fit.
double tilt(const std::vector<Point>& lm, double eye_roll) {
  auto angle = [](Point a, Point b) { return std::atan2(b.y - a.y, b.x - a.x) * 180 / M_PI; };
  std::array<double, 4> r = {eye_roll, angle(lm[17], lm[26]), angle(lm[0], lm[16]),
                             std::atan2(-(lm[8].x - lm[27].x), lm[8].y - lm[27].y) * 180 / M_PI};
  std::sort(r.begin(), r.end());
  return (r[1] + r[2]) / 2;
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

  std::vector<Detection> found = upright(detect(grey));
  // Only when nothing was found (so normal photos pay nothing): a washed-out or very dark photo
  // with its contrast stretched, then the photo turned by +-15 degrees (the HOG detector is trained
  // on upright faces).
  if (found.empty()) {
    cv::Mat stretched;
    cv::equalizeHist(grey, stretched);
    found = upright(detect(stretched));
    for (double angle : {kRetryTurn, -kRetryTurn})
      if (found.empty()) found = detect_turned(grey, angle);
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.box.area() > b.box.area(); });

  for (const auto& d : found) {
    const auto& r = d.box;
    FaceGeometry f;
    f.box = {Point{static_cast<float>(r.left()), static_cast<float>(r.top())},
             Point{static_cast<float>(r.right()), static_cast<float>(r.bottom())}};
    f.landmarks = fit_turned(model_->landmarks, grey, r, d.turn);
    fill_eyes_and_roll(f);
    // A tilted head: fitted again turned upright by the tilt just read (tilts of normal photos,
    // under kRefitRoll, cost nothing).
    for (int i = 0; i < kRefits && f.landmarks.size() == 68; ++i) {
      const double t = tilt(f.landmarks, f.roll_deg);
      if (std::abs(t) <= kRefitRoll) break;
      f.landmarks = fit_turned(model_->landmarks, grey, r, t);
      fill_eyes_and_roll(f);
    }
    faces.push_back(std::move(f));
  }
  return faces;
}

}  // namespace rs::findings
