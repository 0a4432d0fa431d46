// pose.yaw: head turned left or right, from the face contour's symmetry around the nose (the
// generic 3D fit's yaw is biased by face shape); params.offset removes a constant bias measured on
// frontal photos. The fitted pose's axes are drawn. A head in profile (no landmarks, found by the
// profile detector) reads params.profile_deg and fails.
#include "core/findings/measures/pose_support.hpp"

namespace rs::findings {
namespace {
class PoseYaw final : public Measure {
 public:
  std::string_view id() const override { return "pose.yaw"; }
  std::string_view unit() const override { return "deg"; }
  std::string_view reason() const override { return "HEAD_POSE"; }
  std::vector<std::string_view> params() const override { return {"profile_deg", "offset"}; }
  bool judges_turned_face() const override { return true; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    if (!ctx.has_face()) {  // a head in profile: found by its box alone, turned by about 90°
      Finding f = judged(rule, rule.param("profile_deg"));
      f.detail = "face in profile: no landmarks to measure";
      const auto& box = ctx.faces().front().box;
      f.geometry.push_back({ShapeKind::Rect, {box[0], box[1]}, "90°"});
      return f;
    }
    const HeadPose& hp = ctx.head_pose();
    if (!hp.ok) return not_assessed(rule, Cause::PoseFitFailed);
    const double v = yaw_from_symmetry(ctx.face()) - rule.param("offset");
    Finding f = judged(rule, v);
    add_pose_axes(f, hp, v);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_pose_yaw() { return std::make_unique<PoseYaw>(); }
}  // namespace rs::findings
