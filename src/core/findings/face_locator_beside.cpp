// FaceLocator::locate_beside: smaller faces beside the applicant's head (a bystander, a face on a
// poster), which the detector's passes over the whole photo miss: blobs of the applicant's skin
// colour, each confirmed by dlib's detector on the blob enlarged.
#include <algorithm>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "core/findings/colour.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/face_locator_parts.hpp"

namespace rs::findings {
namespace {

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
constexpr int kBridgeKernel =
    3;  // view px: an opening this wide cuts strands of hair between a small face and the head
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
  v.face =
      cv::Rect(cv::Point(cvRound((a.box[0].x - v.window.x) * v.scale), cvRound((a.box[0].y - v.window.y) * v.scale)),
               cv::Point(cvRound((a.box[1].x - v.window.x) * v.scale), cvRound((a.box[1].y - v.window.y) * v.scale)));
  return v;
}

// Pixels of about the applicant's skin colour: chroma (YCrCb) within a band around the median of
// the middle of their face box. A generic skin box also takes blond and brown hair, which then
// joins a small face to the applicant's head; another face in the same light is near their chroma.
cv::Mat skin_pixels(const cv::Mat& bgr_view, const cv::Rect& face) {
  cv::Mat ycc;
  cv::cvtColor(bgr_view, ycc, cv::COLOR_BGR2YCrCb);
  const cv::Rect middle =
      cv::Rect(face.x + face.width * kMiddleInsetTenths / 10, face.y + face.height * kMiddleInsetTenths / 10,
               face.width * kMiddleSizeFifths / 5, face.height * kMiddleSizeFifths / 5) &
      cv::Rect(0, 0, ycc.cols, ycc.rows);
  cv::Mat mask;
  if (middle.area() < kMinMiddle) return cv::Mat::zeros(ycc.size(), CV_8U);
  const cv::Vec3b c = channel_medians(ycc(middle));  // Y, Cr, Cb
  cv::inRange(ycc, cv::Scalar(kMinLuma, c[1] - kChromaBand, c[2] - kChromaBand),
              cv::Scalar(kMaxLuma, c[1] + kChromaBand, c[2] + kChromaBand), mask);
  // The applicant's face and the column below it (neck, chest) never join a blob.
  cv::rectangle(mask, cv::Rect(face.x, face.y, face.width, mask.rows), cv::Scalar(0), cv::FILLED);
  // Thin bridges (a strand of hair between a small face and the applicant's hair) are cut.
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kBridgeKernel, kBridgeKernel)));
  return mask;
}

// A skin blob that may be another face: of a face's size (from 12 view px of skin, a face of about
// 30 px on a spec photo, up to 0.85 of the applicant's width), filled like a face (eyes, brows and
// mouth leave small holes), and not where the applicant's own ears (beside the face box) or neck,
// chest and hands (below it) are.
bool face_sized_blob(const cv::Rect& b, int pixels, const cv::Rect& face) {
  const int min_side = kMinBlobSide, max_side = cvRound(kMaxBlobWidth * face.width);
  if (b.width < min_side || b.height < min_side || b.width > max_side || b.height > kMaxBlobHeight * max_side)
    return false;
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
    const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
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
  const cv::Rect near_blob(cvRound(c.x - kConfirmNear * side), cvRound(c.y - kConfirmNear * side),
                           cvRound(2 * kConfirmNear * side), cvRound(2 * kConfirmNear * side));
  cv::Mat big;
  cv::resize(grey(crop), big, cv::Size(), k, k, k > 1 ? cv::INTER_LINEAR : cv::INTER_AREA);
  if (big.cols < kHogWindow || big.rows < kHogWindow) return std::nullopt;
  for (const cv::Rect& r : detect_faces_near(big)) {
    const cv::Rect box(cvRound(crop.x + r.x / k), cvRound(crop.y + r.y / k), cvRound(r.width / k),
                       cvRound(r.height / k));
    // The face found must be the blob's, not something else in the enlarged crop.
    const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
    if (near_blob.contains(centre)) return box;
  }
  return std::nullopt;
}

}  // namespace

std::vector<FaceGeometry> FaceLocator::locate_beside(const cv::Mat& bgr, const cv::Mat& grey,
                                                     const FaceGeometry& applicant) const {
  std::vector<FaceGeometry> out;
  if (bgr.empty() || bgr.type() != CV_8UC3 || grey.type() != CV_8UC1 || grey.size() != bgr.size()) return out;
  const BesideView v = beside_view(bgr.size(), applicant);
  if (v.window.width < kMinBesideView || v.window.height < kMinBesideView) return out;
  cv::Mat view;  // linear, not area: area at a scale just under 0.5 takes its slow general path (~1.5 ms)
  cv::resize(bgr(v.window), view, cv::Size(), v.scale, v.scale, cv::INTER_LINEAR);
  for (const cv::Rect& b : skin_blobs(skin_pixels(view, v.face), v.face)) {
    const cv::Rect in_photo(cvRound(v.window.x + b.x / v.scale), cvRound(v.window.y + b.y / v.scale),
                            cvRound(b.width / v.scale), cvRound(b.height / v.scale));
    const auto box = confirm_face(grey, in_photo);
    if (!box) continue;
    FaceGeometry f;
    f.box = {Point{static_cast<float>(box->x), static_cast<float>(box->y)},
             Point{static_cast<float>(box->br().x), static_cast<float>(box->br().y)}};
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace rs::findings
