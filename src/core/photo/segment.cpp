#include "core/photo/segment.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "core/findings/face_frame.hpp"

namespace rs::photo {
namespace {

// GrabCut's cost grows with the pixel count; a face about this wide is enough to tell hair,
// skin and clothes from the background, and keeps one cut near 100 ms.
constexpr double kWorkFaceWidth = 96;

findings::FaceGeometry scaled_face(const findings::FaceGeometry& face, double s) {
  findings::FaceGeometry f = face;
  for (auto& p : f.landmarks) p = {float(p.x * s), float(p.y * s)};
  f.left_eye = {float(face.left_eye.x * s), float(face.left_eye.y * s)};
  f.right_eye = {float(face.right_eye.x * s), float(face.right_eye.y * s)};
  f.box = {findings::Point{float(face.box[0].x * s), float(face.box[0].y * s)},
           findings::Point{float(face.box[1].x * s), float(face.box[1].y * s)}};
  return f;
}

// Seeds from the landmarks: what is surely person, probably person, surely background.
cv::Mat grabcut_seeds(const cv::Size& size, const findings::FaceGeometry& face) {
  auto fr = findings::face_frame(face);
  const int w = size.width, h = size.height;
  const double fw = fr.face_width, cx = fr.centre_x;
  cv::Mat mask(size, CV_8U, cv::Scalar(cv::GC_PR_BGD));
  // Probably person: head and hair around the brows, and the shoulders below the chin.
  cv::ellipse(mask, cv::Point(int(cx), int(fr.brow_top)), cv::Size(int(0.68 * fw), int(0.8 * fw)), 0, 0, 360,
              cv::Scalar(cv::GC_PR_FGD), cv::FILLED);
  // The shoulders: from the jaw outwards and down to the frame's sides; in a portrait they reach
  // the sides a little above the chin. Left as "probably background", dark clothes beside the
  // neck would teach the background model that dark means background.
  const double jaw_y = (face.landmarks[4].y + face.landmarks[12].y) / 2;
  const double side_y = std::max(jaw_y, fr.chin.y - 0.3 * fw);
  std::vector<cv::Point> body = {{int(cx - 0.4 * fw), int(jaw_y)}, {int(cx + 0.4 * fw), int(jaw_y)},
                                 {int(cx + 1.6 * fw), int(side_y + 0.5 * fw)}, {int(cx + 1.6 * fw), h - 1},
                                 {int(cx - 1.6 * fw), h - 1}, {int(cx - 1.6 * fw), int(side_y + 0.5 * fw)}};
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{body}, cv::Scalar(cv::GC_PR_FGD));
  // Surely person: the face (hull of all landmarks), the neck and chest, and the shoulders where
  // they meet the bottom edge well below the chin (a portrait always shows them there).
  std::vector<cv::Point> pts, hull;
  for (const auto& p : face.landmarks) pts.emplace_back(int(p.x), int(p.y));
  cv::convexHull(pts, hull);
  cv::fillConvexPoly(mask, hull, cv::Scalar(cv::GC_FGD));
  cv::rectangle(mask, cv::Rect(cv::Point(int(cx - 0.17 * fw), int(fr.chin.y)), cv::Point(int(cx + 0.17 * fw), h - 1)),
                cv::Scalar(cv::GC_FGD), cv::FILLED);
  const int band = std::max(2, int(0.06 * fw));
  if (h - 1 - band > fr.chin.y + 0.5 * fw)
    cv::rectangle(mask, cv::Rect(cv::Point(int(cx - 0.6 * fw), h - band), cv::Point(int(cx + 0.6 * fw), h - 1)),
                  cv::Scalar(cv::GC_FGD), cv::FILLED);
  // Surely background: the upper corners, well outside the head.
  int side = int(cx - 0.9 * fw);
  int upto = int(fr.brow_top + 0.2 * fw);
  if (side > 2) cv::rectangle(mask, cv::Rect(0, 0, side, upto), cv::Scalar(cv::GC_BGD), cv::FILLED);
  int right = int(cx + 0.9 * fw);
  if (right < w - 2) cv::rectangle(mask, cv::Rect(right, 0, w - right, upto), cv::Scalar(cv::GC_BGD), cv::FILLED);
  return mask;
}

// Background pockets enclosed by the person (a white shirt between lapels) belong to the person.
cv::Mat fill_holes(const cv::Mat& person) {
  cv::Mat padded;
  cv::copyMakeBorder(person, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::floodFill(padded, cv::Point(0, 0), cv::Scalar(128));
  cv::Mat outside = padded(cv::Rect(1, 1, person.cols, person.rows)) == 128;
  cv::Mat filled;
  cv::bitwise_not(outside, filled);
  return filled;
}
}  // namespace

cv::Mat person_alpha(const cv::Mat& img, const findings::FaceGeometry& face) {
  auto fr_full = findings::face_frame(face);
  const double s = std::min(1.0, kWorkFaceWidth / std::max(1.0, fr_full.face_width));
  cv::Mat small;
  if (s < 1) cv::resize(img, small, cv::Size(), s, s, cv::INTER_AREA);
  else small = img;
  const auto f = scaled_face(face, small.cols / double(img.cols));
  auto fr = findings::face_frame(f);
  cv::Mat mask = grabcut_seeds(small.size(), f);
  cv::Mat bgd, fgd;
  cv::theRNG().state = 0x5EEDu;  // GrabCut's k-means draws from theRNG: same input, same mask
  cv::grabCut(small, mask, cv::Rect(), bgd, fgd, 4, cv::GC_INIT_WITH_MASK);
  cv::Mat person = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD);
  // Keep the component holding the face: specks of background that look like skin go.
  cv::Mat labels;
  cv::connectedComponents(person, labels, 8, CV_32S);
  cv::Point eye(std::clamp(int(fr.eye_mid.x), 0, small.cols - 1), std::clamp(int(fr.eye_mid.y), 0, small.rows - 1));
  int face_label = labels.at<int>(eye);
  if (face_label > 0) person = labels == face_label;
  person = fill_holes(person);
  cv::Mat alpha;
  person.convertTo(alpha, CV_32F, 1.0 / 255);
  if (s < 1) cv::resize(alpha, alpha, img.size(), 0, 0, cv::INTER_LINEAR);
  cv::GaussianBlur(alpha, alpha, cv::Size(0, 0), 1.0);
  return alpha;
}

std::optional<int> head_top_row(const cv::Mat& alpha, const findings::FaceGeometry& face) {
  auto fr = findings::face_frame(face);
  int x0 = std::max(0, int(fr.centre_x - 0.3 * fr.face_width));
  int x1 = std::min(alpha.cols, int(fr.centre_x + 0.3 * fr.face_width));
  if (x1 <= x0) return std::nullopt;
  const int need = std::max(3, (x1 - x0) / 10);
  for (int y = 0; y < int(fr.brow_top) && y < alpha.rows; ++y) {
    int n = 0;
    const float* row = alpha.ptr<float>(y);
    for (int x = x0; x < x1; ++x) n += row[x] > 0.5f;
    if (n >= need) return y == 0 ? std::nullopt : std::optional<int>(y);
  }
  return std::nullopt;
}

}  // namespace rs::photo
