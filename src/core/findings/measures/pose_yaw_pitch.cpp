// pose.yaw / pose.pitch: head rotation. Pitch from solvePnP against a generic 3D face (pose.cpp),
// yaw from the face contour's symmetry around the nose (the generic fit's yaw is biased by face
// shape); params.offset removes a constant bias measured on frontal photos.
#include "core/findings/measure.hpp"
#include "core/findings/pose.hpp"

namespace rs::findings {
namespace {
class PoseAngle final : public Measure {
 public:
  explicit PoseAngle(bool yaw) : yaw_(yaw) {}
  std::string_view id() const override { return yaw_ ? "pose.yaw" : "pose.pitch"; }
  std::string_view unit() const override { return "deg"; }
  std::string_view reason() const override { return "HEAD_POSE"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const HeadPose hp = head_pose(ctx.face(), ctx.size());
    if (!hp.ok) return not_assessed(rule, "pose fit failed");
    const double v = (yaw_ ? yaw_from_symmetry(ctx.face()) : hp.pitch) - rule.param("offset", 0);
    Finding f = judged(rule, v);
    f.geometry.push_back(line_shape(hp.origin, hp.x_axis, "x"));
    f.geometry.push_back(line_shape(hp.origin, hp.y_axis, "y"));
    f.geometry.push_back(line_shape(hp.origin, hp.z_axis, fmt(v) + "°"));
    return f;
  }

 private:
  bool yaw_;
};
}  // namespace
std::unique_ptr<Measure> make_pose_yaw() { return std::make_unique<PoseAngle>(true); }
std::unique_ptr<Measure> make_pose_pitch() { return std::make_unique<PoseAngle>(false); }
}  // namespace rs::findings
