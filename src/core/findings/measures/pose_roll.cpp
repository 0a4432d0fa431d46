// pose.roll: the eye line's angle to the horizontal (positive = clockwise in the image). On a face
// turned far to one side the far eye's landmarks are unreliable, so there the roll is the median of
// four lines (eyes, brows, jaw ends, nose bridge to chin turned by 90°).
#include <algorithm>
#include <cmath>

#include "core/findings/measure.hpp"
#include "core/findings/pose.hpp"

namespace rs::findings {
namespace {
// Drawing: the eye line extended by kEyeLineReach of the eye distance beyond each eye, and a level
// reference kLevelHalf inter-eye distances either side of the midpoint.
constexpr float kEyeLineReach = 0.4f;
constexpr double kLevelHalf = 0.9;

class PoseRoll final : public Measure {
 public:
  std::string_view id() const override { return "pose.roll"; }
  std::string_view unit() const override { return "deg"; }
  std::string_view reason() const override { return "HEAD_POSE"; }
  std::vector<std::string_view> params() const override { return {"turned_yaw"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& face = ctx.face();
    double roll = face.roll_deg;
    std::string note;
    if (std::abs(yaw_from_symmetry(face)) > rule.param("turned_yaw")) {
      const auto& lm = face.landmarks;
      auto angle = [](Point a, Point b) { return std::atan2(b.y - a.y, b.x - a.x) * 180 / M_PI; };
      std::vector<double> r = {face.roll_deg, angle(lm[17], lm[26]), angle(lm[0], lm[16]),
                               std::atan2(-(lm[8].x - lm[27].x), lm[8].y - lm[27].y) * 180 / M_PI};
      std::sort(r.begin(), r.end());
      roll = (r[1] + r[2]) / 2;
      note = "head turned: median of the eye, brow, jaw and nose-chin lines (eye line " + fmt(face.roll_deg) + "°)";
    }
    Finding f = judged(rule, roll);
    f.detail = note;
    // The eye line extended a little beyond both eyes, and a level reference through the midpoint.
    const Point r = face.right_eye, l = face.left_eye;
    const float ex = (l.x - r.x) * kEyeLineReach, ey = (l.y - r.y) * kEyeLineReach;
    f.geometry.push_back(line_shape({r.x - ex, r.y - ey}, {l.x + ex, l.y + ey}, fmt(face.roll_deg) + "°"));
    const Point m = ctx.frame().eye_mid;
    const float half = static_cast<float>(ctx.frame().ied * kLevelHalf);
    f.geometry.push_back(line_shape({m.x - half, m.y}, {m.x + half, m.y}));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_pose_roll() { return std::make_unique<PoseRoll>(); }
}  // namespace rs::findings
