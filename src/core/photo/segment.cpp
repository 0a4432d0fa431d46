#include "core/photo/segment.hpp"

#include <opencv2/imgproc.hpp>

#include "core/findings/face_frame.hpp"

namespace rs::photo {

cv::Mat person_alpha(const cv::Mat& img, const findings::FaceGeometry& face) {
  auto fr = findings::face_frame(face);
  const int w = img.cols, h = img.rows;
  const double fw = fr.face_width, cx = fr.centre_x;
  cv::Mat mask(img.size(), CV_8U, cv::Scalar(cv::GC_PR_BGD));
  // Probably person: head and hair around the brows, and the shoulders below the chin.
  cv::ellipse(mask, cv::Point(int(cx), int(fr.brow_top)), cv::Size(int(0.68 * fw), int(0.8 * fw)), 0, 0, 360,
              cv::Scalar(cv::GC_PR_FGD), cv::FILLED);
  std::vector<cv::Point> body = {{int(cx - 0.5 * fw), int(fr.chin.y)}, {int(cx + 0.5 * fw), int(fr.chin.y)},
                                 {int(cx + 1.6 * fw), h - 1}, {int(cx - 1.6 * fw), h - 1}};
  cv::fillConvexPoly(mask, body, cv::Scalar(cv::GC_PR_FGD));
  // Surely person: the face (hull of all landmarks, up to the brows) and the neck and chest.
  std::vector<cv::Point> pts, hull;
  for (const auto& p : face.landmarks) pts.emplace_back(int(p.x), int(p.y));
  cv::convexHull(pts, hull);
  cv::fillConvexPoly(mask, hull, cv::Scalar(cv::GC_FGD));
  cv::rectangle(mask, cv::Rect(cv::Point(int(cx - 0.17 * fw), int(fr.chin.y)), cv::Point(int(cx + 0.17 * fw), h - 1)),
                cv::Scalar(cv::GC_FGD), cv::FILLED);
  // Surely background: the upper corners, well outside the head.
  int side = int(cx - 0.9 * fw);
  int upto = int(fr.brow_top + 0.2 * fw);
  if (side > 2) cv::rectangle(mask, cv::Rect(0, 0, side, upto), cv::Scalar(cv::GC_BGD), cv::FILLED);
  int right = int(cx + 0.9 * fw);
  if (right < w - 2) cv::rectangle(mask, cv::Rect(right, 0, w - right, upto), cv::Scalar(cv::GC_BGD), cv::FILLED);
  cv::Mat bgd, fgd;
  cv::theRNG().state = 0x5EEDu;  // GrabCut's k-means draws from theRNG: same input, same mask
  cv::grabCut(img, mask, cv::Rect(), bgd, fgd, 4, cv::GC_INIT_WITH_MASK);
  cv::Mat person = (mask == cv::GC_FGD) | (mask == cv::GC_PR_FGD);
  // Keep the component holding the face: specks of background that look like skin go.
  cv::Mat labels;
  cv::connectedComponents(person, labels, 8, CV_32S);
  int face_label = labels.at<int>(cv::Point(int(fr.eye_mid.x), int(fr.eye_mid.y)));
  if (face_label > 0) person = labels == face_label;
  cv::Mat alpha;
  person.convertTo(alpha, CV_32F, 1.0 / 255);
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
