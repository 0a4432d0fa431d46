// pose.roll: the eye line's angle to the horizontal (positive = clockwise in the image).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class PoseRoll final : public Measure {
 public:
  std::string_view id() const override { return "pose.roll"; }
  std::string_view unit() const override { return "deg"; }
  std::string_view reason() const override { return "HEAD_POSE"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& face = ctx.face();
    Finding f = judged(rule, face.roll_deg);
    // The eye line extended a little beyond both eyes, and a level reference through the midpoint.
    const Point r = face.right_eye, l = face.left_eye;
    const float ex = (l.x - r.x) * 0.4f, ey = (l.y - r.y) * 0.4f;
    f.geometry.push_back(line_shape({r.x - ex, r.y - ey}, {l.x + ex, l.y + ey}, fmt(face.roll_deg) + "°"));
    const Point m = ctx.frame().eye_mid;
    const float half = static_cast<float>(ctx.frame().ied * 0.9);
    f.geometry.push_back(line_shape({m.x - half, m.y}, {m.x + half, m.y}));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_pose_roll() { return std::make_unique<PoseRoll>(); }
}  // namespace rs::findings
