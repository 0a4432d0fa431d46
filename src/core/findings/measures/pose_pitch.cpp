// pose.pitch: head nodded up or down, from solvePnP against a generic 3D face (pose.cpp);
// params.offset removes a constant bias measured on frontal photos.
#include "core/findings/measures/pose_support.hpp"

namespace rs::findings {
namespace {
class PosePitch final : public Measure {
 public:
  std::string_view id() const override { return "pose.pitch"; }
  std::string_view unit() const override { return "deg"; }
  std::string_view reason() const override { return "HEAD_POSE"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const HeadPose& hp = ctx.head_pose();
    if (!hp.ok) return not_assessed(rule, "pose fit failed");
    const double v = hp.pitch - rule.param("offset", 0);
    Finding f = judged(rule, v);
    add_pose_axes(f, hp, v);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_pose_pitch() { return std::make_unique<PosePitch>(); }
}  // namespace rs::findings
