#include "core/findings/context.hpp"

#include <opencv2/imgproc.hpp>

namespace rs::findings {

PhotoContext::PhotoContext(cv::Mat bgr, PhotoHeader header, std::size_t file_bytes, std::vector<FaceGeometry> faces,
                           const Spec& spec, cv::Mat grey)
    : bgr_(std::move(bgr)),
      header_(std::move(header)),
      file_bytes_(file_bytes),
      faces_(std::move(faces)),
      spec_(spec),
      grey_(grey.size() == bgr_.size() && grey.type() == CV_8U ? std::move(grey) : cv::Mat()) {
  if (has_face()) frame_ = face_frame(faces_.front());
}

const cv::Mat& PhotoContext::grey() const {
  if (grey_.empty()) cv::cvtColor(bgr_, grey_, cv::COLOR_BGR2GRAY);
  return grey_;
}

const cv::Mat& PhotoContext::lab() const {
  if (lab_.empty()) cv::cvtColor(bgr_, lab_, cv::COLOR_BGR2Lab);
  return lab_;
}

const SkinModel& PhotoContext::skin() const {
  if (!skin_) skin_ = has_face() ? skin_model(lab(), frame_) : SkinModel{};
  return *skin_;
}

const BackgroundMap& PhotoContext::background() const {
  if (!background_) background_ = map_background(bgr_, frame_);
  return *background_;
}

namespace {
// The face skin mask, in inter-eye distances: the outline closes kForeheadLift above the brows (the
// forehead proper may be hair); cut out are a band from kBrowAbove above to kBrowBelow below each
// brow line, and the eyes, nostrils and lips, their landmark outlines grown about their centres
// by the factors below (lids and lashes, nostril wings, lip edges).
constexpr double kForeheadLift = 0.12, kBrowAbove = 0.12, kBrowBelow = 0.1;
constexpr double kEyeGrow = 1.8, kNostrilGrow = 1.5, kLipGrow = 1.15;

std::vector<cv::Point> face_outline(const FaceGeometry& f, const FaceFrame& fr) {
  std::vector<cv::Point> poly;
  for (int i = 0; i <= 16; ++i) poly.emplace_back(cvRound(f.landmarks[i].x), cvRound(f.landmarks[i].y));
  // Close over the forehead: a little above the brows (the forehead proper may be hair).
  const int lift = cvRound(kForeheadLift * fr.ied);
  for (int i = 26; i >= 17; --i) poly.emplace_back(cvRound(f.landmarks[i].x), cvRound(f.landmarks[i].y) - lift);
  return poly;
}

void cut(cv::Mat& m, std::vector<cv::Point> poly, double grow) {
  if (poly.empty()) return;
  cv::Point2d c(0, 0);
  for (const auto& p : poly) c += cv::Point2d(p);
  c *= 1.0 / poly.size();
  for (auto& p : poly) p = cv::Point(cvRound(c.x + (p.x - c.x) * grow), cvRound(c.y + (p.y - c.y) * grow));
  cv::fillPoly(m, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(0));
}
}  // namespace

const cv::Mat& PhotoContext::skin_mask() const {
  if (!skin_mask_.empty() || !has_face()) return skin_mask_;
  skin_mask_ = cv::Mat::zeros(bgr_.size(), CV_8U);
  const auto& f = face();
  cv::fillPoly(skin_mask_, std::vector<std::vector<cv::Point>>{face_outline(f, frame_)}, cv::Scalar(255));
  cut(skin_mask_, landmark_polygon(f, 36, 41), kEyeGrow);  // eyes, with lashes and lids
  cut(skin_mask_, landmark_polygon(f, 42, 47), kEyeGrow);
  auto brow_r = landmark_polygon(f, 17, 21), brow_l = landmark_polygon(f, 22, 26);
  const int up = cvRound(kBrowAbove * frame_.ied), down = cvRound(kBrowBelow * frame_.ied);
  for (auto* brow : {&brow_r, &brow_l}) {  // a band around each brow line
    std::vector<cv::Point> band;
    for (const auto& p : *brow) band.emplace_back(p.x, p.y - up);
    for (auto it = brow->rbegin(); it != brow->rend(); ++it) band.emplace_back(it->x, it->y + down);
    cv::fillPoly(skin_mask_, std::vector<std::vector<cv::Point>>{band}, cv::Scalar(0));
  }
  cut(skin_mask_, landmark_polygon(f, 31, 35), kNostrilGrow);  // nostrils
  cut(skin_mask_, landmark_polygon(f, 48, 59), kLipGrow);      // lips
  return skin_mask_;
}

const std::array<double, 256>& PhotoContext::skin_histogram() const {
  if (histogram_) return *histogram_;
  histogram_.emplace();
  histogram_->fill(0);
  if (!has_face()) return *histogram_;
  const cv::Rect r = face_rect();
  const cv::Mat& g = grey();
  const cv::Mat& m = skin_mask();
  long n = 0;
  for (int y = r.y; y < r.y + r.height; ++y) {
    const auto* gp = g.ptr<std::uint8_t>(y);
    const auto* mp = m.ptr<std::uint8_t>(y);
    for (int x = r.x; x < r.x + r.width; ++x)
      if (mp[x]) {
        (*histogram_)[gp[x]] += 1;
        ++n;
      }
  }
  if (n)
    for (auto& v : *histogram_) v /= n;
  return *histogram_;
}

const LevelledFace& PhotoContext::levelled() const {
  if (!levelled_) levelled_ = has_face() ? levelled_face(grey(), face()) : LevelledFace{};
  return *levelled_;
}

const FaceLight& PhotoContext::face_light() const {
  if (!face_light_) face_light_ = make_face_light(*this);
  return *face_light_;
}

const HeadPose& PhotoContext::head_pose() const {
  if (!head_pose_) head_pose_ = has_face() ? rs::findings::head_pose(face(), size()) : HeadPose{};
  return *head_pose_;
}

cv::Rect PhotoContext::face_rect() const {
  if (!has_face()) return {};
  return clip(cv::boundingRect(face_outline(face(), frame_)), bgr_.size());
}

}  // namespace rs::findings
