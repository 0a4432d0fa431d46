#include "core/photo/segment.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "core/photo/face_frame.hpp"

namespace rs::photo {
namespace {

// GrabCut's cost grows with the pixel count; a face about this wide is enough to tell hair,
// skin and clothes from the background, and keeps one cut near 100 ms.
constexpr double kWorkFaceWidth = 96;

// The seeds' shapes, in face widths (landmarks 0-16), drawn from ordinary head-and-shoulders
// portraits: generous where a seed only says "probably", tight where it says "surely".
// Probably person: an ellipse about the highest brow point holding the head with its hair
// (a little wider than the face for the ears and side hair; tall enough for a high crown).
constexpr double kHeadHalfWidth = 0.68, kHeadHalfHeight = 0.8;
// Probably person: the neck at the jaw (half width), and the shoulders, which reach the frame's
// sides at most this far above the chin and slope down by kShoulderDrop to kShoulderHalfSpan
// either side of the centre (wider than any frame crops them).
constexpr double kNeckHalfWidth = 0.4, kShoulderRiseAboveChin = 0.3, kShoulderDrop = 0.5, kShoulderHalfSpan = 1.6;
// Surely person: a strip down the middle of the neck and chest from the chin (narrower than any
// neck), and a band along the bottom edge across the chest, which a portrait always shows there
// once the bottom lies more than kChestBandClearance below the chin.
constexpr double kNeckCoreHalfWidth = 0.17;
constexpr double kChestBandHalfWidth = 0.6, kChestBandHeight = 0.06, kChestBandClearance = 0.5;
constexpr int kChestBandMinRows = 2;  // a small work image still gets a band
// Surely background: the upper corners, from this far either side of the centre (beyond the
// head ellipse and side hair) down to a little below the brows; a corner narrower than
// kMinCornerPx is left out (nothing to learn from a sliver at the frame's edge).
constexpr double kCornerFromCentre = 0.9, kCornerBelowBrows = 0.2;
constexpr int kMinCornerPx = 2;

// GrabCut rounds: the mask stops changing after three or four on portraits.
constexpr int kGrabCutRounds = 4;
// The person's edge is softened by a Gaussian of this sigma (px at full size), so a new
// background blends in without a hard cut-out line.
constexpr double kEdgeSigma = 1.0;

// The head-top search looks at a band of columns this far (face widths) either side of the
// face's centre (the crown, clear of the ears and of shoulder-length hair), and takes the first
// row where the person covers a tenth of the band, at least kHairMinCoverPx (stray hairs and
// specks do not count).
constexpr double kCrownHalfWidth = 0.3;
constexpr int kHairCoverPart = 10, kHairMinCoverPx = 3;

FaceGeometry scaled_face(const FaceGeometry& face, double s) {
  FaceGeometry f = face;
  for (auto& p : f.landmarks) p = {float(p.x * s), float(p.y * s)};
  f.left_eye = {float(face.left_eye.x * s), float(face.left_eye.y * s)};
  f.right_eye = {float(face.right_eye.x * s), float(face.right_eye.y * s)};
  f.box = {Point{float(face.box[0].x * s), float(face.box[0].y * s)},
           Point{float(face.box[1].x * s), float(face.box[1].y * s)}};
  return f;
}

// Seeds from the landmarks: what is surely person, probably person, surely background.
cv::Mat grabcut_seeds(const cv::Size& size, const FaceGeometry& face) {
  auto fr = face_frame(face);
  const int w = size.width, h = size.height;
  const double fw = fr.face_width, cx = fr.centre_x;
  cv::Mat mask(size, CV_8U, cv::Scalar(cv::GC_PR_BGD));
  // Probably person: head and hair around the brows, and the shoulders below the chin.
  cv::ellipse(mask, cv::Point(int(cx), int(fr.brow_top)), cv::Size(int(kHeadHalfWidth * fw), int(kHeadHalfHeight * fw)),
              0, 0, 360, cv::Scalar(cv::GC_PR_FGD), cv::FILLED);
  // The shoulders: from the jaw outwards and down to the frame's sides; in a portrait they reach
  // the sides a little above the chin. Left as "probably background", dark clothes beside the
  // neck would teach the background model that dark means background.
  const double jaw_y = (face.landmarks[4].y + face.landmarks[12].y) / 2;
  const double side_y = std::max(jaw_y, fr.chin.y - kShoulderRiseAboveChin * fw);
  const double shoulder_y = side_y + kShoulderDrop * fw;
  std::vector<cv::Point> body = {
      {int(cx - kNeckHalfWidth * fw), int(jaw_y)},         {int(cx + kNeckHalfWidth * fw), int(jaw_y)},
      {int(cx + kShoulderHalfSpan * fw), int(shoulder_y)}, {int(cx + kShoulderHalfSpan * fw), h - 1},
      {int(cx - kShoulderHalfSpan * fw), h - 1},           {int(cx - kShoulderHalfSpan * fw), int(shoulder_y)}};
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{body}, cv::Scalar(cv::GC_PR_FGD));
  // Surely person: the face (hull of all landmarks), the neck and chest, and the shoulders where
  // they meet the bottom edge well below the chin (a portrait always shows them there).
  std::vector<cv::Point> pts, hull;
  for (const auto& p : face.landmarks) pts.emplace_back(int(p.x), int(p.y));
  cv::convexHull(pts, hull);
  cv::fillConvexPoly(mask, hull, cv::Scalar(cv::GC_FGD));
  cv::rectangle(mask,
                cv::Rect(cv::Point(int(cx - kNeckCoreHalfWidth * fw), int(fr.chin.y)),
                         cv::Point(int(cx + kNeckCoreHalfWidth * fw), h - 1)),
                cv::Scalar(cv::GC_FGD), cv::FILLED);
  const int band = std::max(kChestBandMinRows, int(kChestBandHeight * fw));
  if (h - 1 - band > fr.chin.y + kChestBandClearance * fw)
    cv::rectangle(mask,
                  cv::Rect(cv::Point(int(cx - kChestBandHalfWidth * fw), h - band),
                           cv::Point(int(cx + kChestBandHalfWidth * fw), h - 1)),
                  cv::Scalar(cv::GC_FGD), cv::FILLED);
  // Surely background: the upper corners, well outside the head.
  int side = int(cx - kCornerFromCentre * fw);
  int upto = int(fr.brow_top + kCornerBelowBrows * fw);
  if (side > kMinCornerPx) cv::rectangle(mask, cv::Rect(0, 0, side, upto), cv::Scalar(cv::GC_BGD), cv::FILLED);
  int right = int(cx + kCornerFromCentre * fw);
  if (right < w - kMinCornerPx)
    cv::rectangle(mask, cv::Rect(right, 0, w - right, upto), cv::Scalar(cv::GC_BGD), cv::FILLED);
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

cv::Mat person_alpha(const cv::Mat& img, const FaceGeometry& face) {
  auto fr_full = face_frame(face);
  const double s = std::min(1.0, kWorkFaceWidth / std::max(1.0, fr_full.face_width));
  cv::Mat small;
  if (s < 1)
    cv::resize(img, small, cv::Size(), s, s, cv::INTER_AREA);
  else
    small = img;
  const auto f = scaled_face(face, small.cols / double(img.cols));
  auto fr = face_frame(f);
  cv::Mat mask = grabcut_seeds(small.size(), f);
  cv::Mat bgd, fgd;
  cv::theRNG().state = 0x5EEDu;  // GrabCut's k-means draws from theRNG: same input, same mask
  cv::grabCut(small, mask, cv::Rect(), bgd, fgd, kGrabCutRounds, cv::GC_INIT_WITH_MASK);
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
  cv::GaussianBlur(alpha, alpha, cv::Size(0, 0), kEdgeSigma);
  return alpha;
}

std::optional<int> head_top_row(const cv::Mat& alpha, const FaceGeometry& face) {
  auto fr = face_frame(face);
  int x0 = std::max(0, int(fr.centre_x - kCrownHalfWidth * fr.face_width));
  int x1 = std::min(alpha.cols, int(fr.centre_x + kCrownHalfWidth * fr.face_width));
  if (x1 <= x0) return std::nullopt;
  const int need = std::max(kHairMinCoverPx, (x1 - x0) / kHairCoverPart);
  for (int y = 0; y < int(fr.brow_top) && y < alpha.rows; ++y) {
    int n = 0;
    const float* row = alpha.ptr<float>(y);
    for (int x = x0; x < x1; ++x) n += row[x] > 0.5f;
    if (n >= need) return y == 0 ? std::nullopt : std::optional<int>(y);
  }
  return std::nullopt;
}

}  // namespace rs::photo
