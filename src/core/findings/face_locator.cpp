#include "core/findings/face_locator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <optional>
#include <stdexcept>

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "core/findings/landmark_model.hpp"

namespace rs::findings {

struct FaceLocator::Model {
  LandmarkModel landmarks;  // fit() is const: shared by all threads
};

namespace {

// --- Tuning: where and at what scales faces are looked for. Implementation details of finding a
// face, not judgements: the rules' thresholds are in db/spec. ---

// dlib's HOG window is 80x80 px: a face must be at least that wide where it is looked for.
constexpr int kHogWindow = 80;
// Pyramid levels of the limited detectors: 3 (boxes of about 167-240 px) for a spec photo's face,
// 5 (about 80-166 px) for a small face enlarged to kNearFacePx.
constexpr unsigned long kSpecLevels = 3, kNearLevels = 5;
// A photo with a long side up to kSmallPhotoSide is spec-sized: its face (~207 px) is found at
// kSpecPassScale with the spec detector, other faces at kSmallPassScale and then full size. Larger
// uploads are searched at a long side of kUploadLongSide, then kUploadSmallFaceSide (a small face
// in a full-length shot).
constexpr double kSmallPhotoSide = 640, kSpecPassScale = 0.48, kSmallPassScale = 0.5;
constexpr double kUploadLongSide = 480, kUploadSmallFaceSide = 1000;
constexpr double kRetryTurn = 15;  // degrees either way when no upright face was found
// The profile cascade runs at a long side of about kProfileLongSide px (a head filling a fifth of
// the short side is still 50+ px, and the search costs a few ms), for heads of at least
// 1/kProfileMinDivisor of the short side (and the cascade's kProfileMinSide window), with
// OpenCV's scale step and kProfileNeighbours neighbours (the fixtures' turned heads give 5 to 95,
// portraits looking at the camera sometimes 4-10, and dlib finds those first).
constexpr double kProfileLongSide = 400, kProfileScaleStep = 1.1;
constexpr int kProfileMinSide = 20, kProfileMinDivisor = 5, kProfileNeighbours = 4;
// Two boxes are the same head when they overlap by more than this share of the smaller one.
constexpr float kSameHeadOverlap = 0.3f;

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

// --- Faces beside the applicant (locate_beside) ---

// The part of the photo a spec crop keeps around the applicant's face box (a spec photo is about
// 1.7 face widths wide: all of it), and the scale bringing that face to half a spec photo's 207 px
// (never enlarged, so a raw upload costs no more than a spec photo; at half size the skin mask and
// its blobs cost a quarter, and a 40 px face is still a 20 px blob).
struct BesideView {
  cv::Rect window;     // in the photo
  double scale = 1.0;  // photo px -> view px
  cv::Rect face;       // the applicant's face box, in view px
};

// The window, in widths of the applicant's face box: kBesideHalfWidth either side of its centre,
// kBesideAbove above its top and kBesideBelow below its bottom. The view brings the box to
// kBesideFacePx px (half the spec frame's face width of about 207 px), at most kBesideMaxScale.
constexpr double kBesideHalfWidth = 0.9, kBesideAbove = 0.7, kBesideBelow = 0.6;
constexpr double kBesideFacePx = 103.5, kBesideMaxScale = 0.5;
constexpr int kMinBesideView = 40;  // photo px: a smaller window holds no face beside the head
// Skin of the applicant's colour: chroma within kChromaBand (YCrCb levels) of the median of the
// middle of their face box (from 3/10 in, 2/5 wide: cheeks and nose, no hair or background; at
// least kMinMiddle px), luma from kMinLuma to kMaxLuma (not black shadow, not blown white).
constexpr double kChromaBand = 9, kMinLuma = 50, kMaxLuma = 250;
constexpr int kMinMiddle = 16;
constexpr int kMiddleInsetTenths = 3, kMiddleSizeFifths = 2;
constexpr int kBridgeKernel = 3;  // view px: an opening this wide cuts strands of hair between a small face and the head
// A blob of face size: from kMinBlobSide view px (a face of about 30 px on a spec photo) up to
// kMaxBlobWidth of the applicant's width (and twice that high); no taller than kMaxBlobAspect times
// its width nor wider than kMaxBlobFlat times its height; filled like a face (kMinBlobFill of its
// box: pasted faces of 40-140 px fill 0.74-0.82, blond hair of the applicant's colour 0.33-0.59);
// not at the ears (within kEarMargin face widths beside the box) nor below the box.
constexpr int kMinBlobSide = 12, kMaxBlobHeight = 2;
constexpr double kMaxBlobWidth = 0.85, kMaxBlobAspect = 2.5, kMaxBlobFlat = 1.6, kMinBlobFill = 0.62, kEarMargin = 0.12;
constexpr std::size_t kMaxCandidates = 3;  // dlib costs ~3 ms a candidate; a skin-coloured wall is one big blob
// confirm_face: the crop around a blob is kConfirmReach blob sides either way (a side being the
// blob's width or kConfirmHeightShare of its height), enlarged so the blob is kNearFacePx wide;
// the face dlib finds must be centred within kConfirmNear blob sides of the blob's centre.
constexpr double kConfirmReach = 1.0, kConfirmHeightShare = 0.8, kNearFacePx = 125.0, kConfirmNear = 0.6;

BesideView beside_view(cv::Size size, const FaceGeometry& a) {
  const double w = std::max(1.0f, a.box[1].x - a.box[0].x), cx = (a.box[0].x + a.box[1].x) / 2.0;
  BesideView v;
  v.window = cv::Rect(cv::Point(cvRound(cx - kBesideHalfWidth * w), cvRound(a.box[0].y - kBesideAbove * w)),
                      cv::Point(cvRound(cx + kBesideHalfWidth * w), cvRound(a.box[1].y + kBesideBelow * w))) &
             cv::Rect(cv::Point(0, 0), size);
  v.scale = std::min(kBesideMaxScale, kBesideFacePx / w);
  v.face = cv::Rect(cv::Point(cvRound((a.box[0].x - v.window.x) * v.scale), cvRound((a.box[0].y - v.window.y) * v.scale)),
                    cv::Point(cvRound((a.box[1].x - v.window.x) * v.scale), cvRound((a.box[1].y - v.window.y) * v.scale)));
  return v;
}

// Median Cr and Cb of a YCrCb patch (histograms: 256 bins each).
cv::Vec2d median_chroma(const cv::Mat& ycc) {
  std::array<int, 256> cr{}, cb{};
  for (int y = 0; y < ycc.rows; ++y)
    for (int x = 0; x < ycc.cols; ++x) {
      const auto& p = ycc.at<cv::Vec3b>(y, x);
      ++cr[p[1]];
      ++cb[p[2]];
    }
  auto median = [half = ycc.total() / 2](const std::array<int, 256>& h) {
    std::size_t sum = 0;
    for (int v = 0; v < 256; ++v)
      if ((sum += h[v]) > half) return double(v);
    return 255.0;
  };
  return {median(cr), median(cb)};
}

// Pixels of about the applicant's skin colour: chroma (YCrCb) within a band around the median of
// the middle of their face box. A generic skin box also takes blond and brown hair, which then
// joins a small face to the applicant's head; another face in the same light is near their chroma.
cv::Mat skin_pixels(const cv::Mat& bgr_view, const cv::Rect& face) {
  cv::Mat ycc;
  cv::cvtColor(bgr_view, ycc, cv::COLOR_BGR2YCrCb);
  const cv::Rect middle = cv::Rect(face.x + face.width * kMiddleInsetTenths / 10, face.y + face.height * kMiddleInsetTenths / 10,
                                   face.width * kMiddleSizeFifths / 5, face.height * kMiddleSizeFifths / 5) &
                          cv::Rect(0, 0, ycc.cols, ycc.rows);
  cv::Mat mask;
  if (middle.area() < kMinMiddle) return cv::Mat::zeros(ycc.size(), CV_8U);
  const cv::Vec2d c = median_chroma(ycc(middle));
  cv::inRange(ycc, cv::Scalar(kMinLuma, c[0] - kChromaBand, c[1] - kChromaBand),
              cv::Scalar(kMaxLuma, c[0] + kChromaBand, c[1] + kChromaBand), mask);
  // The applicant's face and the column below it (neck, chest) never join a blob.
  cv::rectangle(mask, cv::Rect(face.x, face.y, face.width, mask.rows), cv::Scalar(0), cv::FILLED);
  // Thin bridges (a strand of hair between a small face and the applicant's hair) are cut.
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kBridgeKernel, kBridgeKernel)));
  return mask;
}

// A skin blob that may be another face: of a face's size (from 12 view px of skin, a face of about
// 30 px on a spec photo, up to 0.85 of the applicant's width), filled like a face (eyes, brows and
// mouth leave small holes), and not where the applicant's own ears (beside the face box) or neck,
// chest and hands (below it) are.
bool face_sized_blob(const cv::Rect& b, int pixels, const cv::Rect& face) {
  const int min_side = kMinBlobSide, max_side = cvRound(kMaxBlobWidth * face.width);
  if (b.width < min_side || b.height < min_side || b.width > max_side || b.height > kMaxBlobHeight * max_side) return false;
  if (b.height > kMaxBlobAspect * b.width || b.width > kMaxBlobFlat * b.height) return false;
  // Only faces go on to dlib, which costs ~3 ms a candidate.
  if (pixels < kMinBlobFill * b.area()) return false;
  const double cx = b.x + b.width / 2.0, cy = b.y + b.height / 2.0, margin = kEarMargin * face.width;
  const bool ear = cx > face.x - margin && cx < face.br().x + margin && cy >= face.y && cy <= face.br().y;
  const bool below = cx >= face.x && cx <= face.br().x && cy > face.br().y;
  return !ear && !below;
}

// Candidate blobs in view px, largest first, at most three (a skin-coloured wall gives one big
// blob, not many).
std::vector<cv::Rect> skin_blobs(const cv::Mat& mask, const cv::Rect& face) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> out;
  for (int i = 1; i < n; ++i) {
    const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
                     stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (face_sized_blob(b, stats.at<int>(i, cv::CC_STAT_AREA), face)) out.push_back(b);
  }
  std::sort(out.begin(), out.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
  return out;
}

// dlib's detector on the blob's surroundings (photo px) enlarged so the blob is about 125 px wide
// (the face in it, 0.65-1.3 of the blob with hair joined or a part hidden, is then 80-166 px, the
// detector's five levels): the face box it finds there, in photo px, or nothing when the blob is
// not a face.
std::optional<cv::Rect> confirm_face(const cv::Mat& grey, const cv::Rect& blob) {
  const double side = std::max(blob.width, cvRound(blob.height * kConfirmHeightShare));
  const cv::Point2d c(blob.x + blob.width / 2.0, blob.y + blob.height / 2.0);
  const double reach = kConfirmReach * side;
  const cv::Rect crop = cv::Rect(cvRound(c.x - reach), cvRound(c.y - reach), cvRound(reach * 2), cvRound(reach * 2)) &
                        cv::Rect(0, 0, grey.cols, grey.rows);
  const double k = kNearFacePx / side;
  // A part of the face may be cut from the blob (hidden by the applicant's column): its centre
  // may lie beside the blob's, by up to kConfirmNear of the blob.
  const cv::Rect near_blob(cvRound(c.x - kConfirmNear * side), cvRound(c.y - kConfirmNear * side), cvRound(2 * kConfirmNear * side),
                           cvRound(2 * kConfirmNear * side));
  cv::Mat big;
  cv::resize(grey(crop), big, cv::Size(), k, k, k > 1 ? cv::INTER_LINEAR : cv::INTER_AREA);
  if (big.cols < kHogWindow || big.rows < kHogWindow) return std::nullopt;
  dlib::cv_image<unsigned char> img(big);
  for (const auto& r : thread_detectors().near(img)) {
    const cv::Rect box(cvRound(crop.x + r.left() / k), cvRound(crop.y + r.top() / k), cvRound(r.width() / k), cvRound(r.height() / k));
    // The face found must be the blob's, not something else in the enlarged crop.
    const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
    if (near_blob.contains(centre)) return box;
  }
  return std::nullopt;
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

FaceLocator::FaceLocator(const std::filesystem::path& model_path) {
  // The detector's weights decompress on a second core while the landmark trees are read.
  auto detectors = std::async(std::launch::async, [] { prototype_detectors(); });
  LandmarkModel landmarks = LandmarkModel::load(model_path);
  detectors.get();
  if (landmarks.parts() != 68)
    throw std::runtime_error("landmark model " + model_path.string() + ": has " + std::to_string(landmarks.parts()) +
                             " points, expected 68");
  model_ = std::make_unique<Model>(Model{std::move(landmarks)});
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

std::vector<FaceGeometry> FaceLocator::locate_beside(const cv::Mat& bgr, const cv::Mat& grey, const FaceGeometry& applicant) const {
  std::vector<FaceGeometry> out;
  if (bgr.empty() || bgr.type() != CV_8UC3 || grey.type() != CV_8UC1 || grey.size() != bgr.size()) return out;
  const BesideView v = beside_view(bgr.size(), applicant);
  if (v.window.width < kMinBesideView || v.window.height < kMinBesideView) return out;
  cv::Mat view;  // linear, not area: area at a scale just under 0.5 takes its slow general path (~1.5 ms)
  cv::resize(bgr(v.window), view, cv::Size(), v.scale, v.scale, cv::INTER_LINEAR);
  for (const cv::Rect& b : skin_blobs(skin_pixels(view, v.face), v.face)) {
    const cv::Rect in_photo(cvRound(v.window.x + b.x / v.scale), cvRound(v.window.y + b.y / v.scale), cvRound(b.width / v.scale),
                            cvRound(b.height / v.scale));
    const auto box = confirm_face(grey, in_photo);
    if (!box) continue;
    FaceGeometry f;
    f.box = {Point{static_cast<float>(box->x), static_cast<float>(box->y)},
             Point{static_cast<float>(box->br().x), static_cast<float>(box->br().y)}};
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<FaceGeometry> FaceLocator::locate_turned(const cv::Mat& grey) const {
  std::vector<FaceGeometry> out;
  cv::CascadeClassifier& cascade = thread_profile_cascade();
  if (cascade.empty() || grey.empty() || grey.type() != CV_8UC1) return out;
  // Only photos without a frontal face pay for this search.
  const double scale = std::min(1.0, kProfileLongSide / std::max(grey.cols, grey.rows));
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::equalizeHist(small, small);
  const int min_side = std::max(kProfileMinSide, std::min(small.cols, small.rows) / kProfileMinDivisor);
  std::vector<cv::Rect> found;
  for (bool flipped : {false, true}) {
    cv::Mat img = small;
    if (flipped) cv::flip(small, img, 1);
    std::vector<cv::Rect> rects;
    cascade.detectMultiScale(img, rects, kProfileScaleStep, kProfileNeighbours, 0, cv::Size(min_side, min_side));
    for (auto r : rects) {
      if (flipped) r.x = small.cols - r.x - r.width;
      found.push_back(r);
    }
  }
  std::sort(found.begin(), found.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  for (const auto& r : found) {
    FaceGeometry f;
    f.box = {Point{static_cast<float>(r.x / scale), static_cast<float>(r.y / scale)},
             Point{static_cast<float>(r.br().x / scale), static_cast<float>(r.br().y / scale)}};
    f.turned = true;
    if (!overlaps_any(out, f)) out.push_back(std::move(f));  // the same head found both ways round counts once
  }
  return out;
}

bool overlaps_any(const std::vector<FaceGeometry>& faces, const FaceGeometry& f) {
  auto rect = [](const FaceGeometry& g) { return cv::Rect2f(g.box[0].x, g.box[0].y, g.box[1].x - g.box[0].x, g.box[1].y - g.box[0].y); };
  const cv::Rect2f r = rect(f);
  for (const auto& g : faces) {
    const cv::Rect2f q = rect(g);
    if ((r & q).area() > kSameHeadOverlap * std::min(r.area(), q.area())) return true;
  }
  return false;
}

}  // namespace rs::findings
