#include "core/photo/face_frame.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <utility>

namespace rs::photo {

double distance(const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

namespace {
// A cheek's centre as a weighted mean of four landmarks around it (the weights sum to 1): the
// eye's lower outer lid (41 / 46), the jaw beside it (2 / 14), the nose wing (31 / 35) and the
// mouth corner (48 / 54). The lid weighs most, so the point falls below the eye's outer half,
// beside the nose and above the mouth corner, on bare skin clear of the nostril and the lips.
constexpr float kCheekLid = 0.35f, kCheekJaw = 0.25f, kCheekNose = 0.2f, kCheekMouth = 0.2f;

Point mix(std::initializer_list<std::pair<Point, float>> parts) {
  Point p;
  for (const auto& [q, w] : parts) {
    p.x += q.x * w;
    p.y += q.y * w;
  }
  return p;
}
}  // namespace

FaceFrame face_frame(const FaceGeometry& f) {
  FaceFrame fr;
  const auto& lm = f.landmarks;
  fr.eye_mid = {(f.left_eye.x + f.right_eye.x) / 2, (f.left_eye.y + f.right_eye.y) / 2};
  fr.ied = distance(f.left_eye, f.right_eye);
  if (lm.size() != 68) return fr;
  fr.chin = lm[8];
  fr.eye_to_chin = distance(fr.eye_mid, fr.chin);
  fr.face_width = distance(lm[0], lm[16]);
  fr.centre_x = (lm[0].x + lm[16].x) / 2;
  fr.brow_top = lm[17].y;
  for (int i = 17; i <= 26; ++i) fr.brow_top = std::min<double>(fr.brow_top, lm[i].y);
  fr.right_cheek = mix({{lm[41], kCheekLid}, {lm[2], kCheekJaw}, {lm[31], kCheekNose}, {lm[48], kCheekMouth}});
  fr.left_cheek = mix({{lm[46], kCheekLid}, {lm[14], kCheekJaw}, {lm[35], kCheekNose}, {lm[54], kCheekMouth}});
  return fr;
}

}  // namespace rs::photo
