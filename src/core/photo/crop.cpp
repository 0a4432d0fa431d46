#include "core/photo/crop.hpp"

#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "core/photo/face_frame.hpp"
#include "core/photo/segment.hpp"

namespace rs::photo {
namespace {
// Spec px the crop keeps the eye line above the frame's limit: the landmarks found again on the
// crop move by a pixel or two (resampling), which must not put a compliant photo on the line.
constexpr double kEyeLineMargin = 6;
// A face narrower than this (px between landmarks 0 and 16) would be enlarged some 25 times to
// the frame's ~200 px face width: the crop would be all interpolation.
constexpr double kMinFaceWidth = 8;

void check_frame(const Ga461Frame& frame) {
  if (frame.width <= 0 || frame.height <= 0 || frame.face_width_ideal <= 0)
    throw std::invalid_argument("crop: the spec frame has no size or no face width");
}
}  // namespace

double lowest_eye_line(const Ga461Frame& frame) { return frame.height - frame.eye_line_min - kEyeLineMargin; }

Point apply(const cv::Matx23d& m, Point p) {
  return {float(m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2)), float(m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2))};
}

CropTransform spec_transform(const FaceGeometry& face, const Ga461Frame& spec) {
  check_frame(spec);
  if (face.landmarks.size() != 68) throw std::invalid_argument("crop needs the 68 landmarks of the face");
  auto fr = face_frame(face);
  if (fr.face_width < kMinFaceWidth) throw std::invalid_argument("the face is too small to crop");
  CropTransform t;
  // Level the eye line: rotate by the measured roll about the eye midpoint.
  double dx = face.left_eye.x - face.right_eye.x, dy = face.left_eye.y - face.right_eye.y;
  t.angle_deg = std::atan2(dy, dx) * 180.0 / M_PI;
  t.scale = spec.face_width_ideal / fr.face_width;
  const double a = -t.angle_deg * M_PI / 180.0;
  const double c = std::cos(a) * t.scale, s = std::sin(a) * t.scale;
  // Rotation+scale about the origin, then place the face: centre of landmarks 0/16 at the
  // horizontal middle; the head top (estimated from the brows) at spec.head_top_ideal.
  cv::Matx23d m(c, -s, 0, s, c, 0);
  Point centre{float(fr.centre_x), float((face.landmarks[0].y + face.landmarks[16].y) / 2)};
  Point centre_r = apply(m, centre);
  Point eye_r = apply(m, fr.eye_mid);
  double brow_r = 1e9;
  for (int i = 17; i <= 26; ++i) brow_r = std::min<double>(brow_r, apply(m, face.landmarks[i]).y);
  double head_top_r = brow_r - kBrowToHeadTop * spec.face_width_ideal;
  double ty = spec.head_top_ideal - head_top_r;
  // The eye line takes priority over the head top (GA 461: tall hair may be cut).
  const double lowest_eye = lowest_eye_line(spec);
  if (eye_r.y + ty > lowest_eye) ty = lowest_eye - eye_r.y;
  double tx = spec.width / 2.0 - centre_r.x;
  m(0, 2) = tx;
  m(1, 2) = ty;
  t.matrix = m;
  return t;
}

FaceGeometry transformed(const FaceGeometry& face, const cv::Matx23d& m) {
  FaceGeometry out = face;
  for (auto& p : out.landmarks) p = apply(m, p);
  out.left_eye = apply(m, face.left_eye);
  out.right_eye = apply(m, face.right_eye);
  out.box = {apply(m, face.box[0]), apply(m, face.box[1])};
  return out;
}

CropTransform measured_spec_transform(const cv::Mat& bgr, const FaceGeometry& face, const Ga461Frame& spec) {
  auto t = spec_transform(face, spec);
  // Second pass: render a taller frame, find the top of the hair on it, and move the photo so
  // the hair top lands at spec.head_top_ideal (the eye line still takes priority). Half the
  // frame's height above it holds any hair the estimate left out of the frame.
  const int extra = spec.height / 2;
  cv::Matx23d tall = t.matrix;
  tall(1, 2) += extra;
  cv::Mat canvas;
  cv::warpAffine(bgr, canvas, cv::Mat(tall), cv::Size(spec.width, spec.height + extra), cv::INTER_AREA,
                 cv::BORDER_REPLICATE);
  FaceGeometry f = transformed(face, tall);
  auto top = head_top_row(person_alpha(canvas, f), f);
  if (!top) return t;  // the hair runs off the source's top edge: keep the estimate
  double eye_y = (f.left_eye.y + f.right_eye.y) / 2.0 - extra;
  double shift = spec.head_top_ideal - (*top - extra);
  if (eye_y + shift > lowest_eye_line(spec)) shift = lowest_eye_line(spec) - eye_y;
  t.matrix(1, 2) += shift;
  return t;
}

cv::Mat crop_to_spec(const cv::Mat& bgr, const FaceGeometry& face, const Ga461Frame& spec) {
  if (bgr.empty()) throw std::invalid_argument("crop: the image is empty");
  auto t = measured_spec_transform(bgr, face, spec);
  cv::Mat out;
  cv::warpAffine(bgr, out, cv::Mat(t.matrix), cv::Size(spec.width, spec.height),
                 t.scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA, cv::BORDER_REPLICATE);
  return out;
}

std::vector<std::uint8_t> encode_jpeg(const cv::Mat& bgr, int quality) {
  std::vector<std::uint8_t> out;
  if (!cv::imencode(".jpg", bgr, out, {cv::IMWRITE_JPEG_QUALITY, quality}))
    throw std::runtime_error("JPEG encoding failed");
  return out;
}

}  // namespace rs::photo
