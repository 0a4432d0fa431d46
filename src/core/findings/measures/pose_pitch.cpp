// pose.pitch: head nodded up or down (positive = chin down), from solvePnP against a generic 3D face
// (pose.cpp); params.offset removes a constant bias measured on frontal photos.
// One photo cannot tell a nod from an individual face's proportions: frontal faces read with a
// spread of about 7° (20 real faces). So a fail needs strong evidence: beyond the warn band, and
// the fit of the eyes and the nose alone (without the jaw contour) must lean the same way beyond
// params.confirm; otherwise the finding only warns, and says that the two fits disagree.
#include <cmath>

#include "core/findings/measures/pose_support.hpp"

namespace rs::findings {
namespace {
class PosePitch final : public Measure {
 public:
  std::string_view id() const override { return "pose.pitch"; }
  std::string_view unit() const override { return "deg"; }
  std::string_view reason() const override { return "HEAD_POSE"; }
  std::vector<std::string_view> params() const override { return {"offset", "confirm"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const HeadPose& hp = ctx.head_pose();
    if (!hp.ok) return not_assessed(rule, Cause::PoseFitFailed);
    const double offset = rule.param("offset");
    const double v = hp.pitch - offset, inner = hp.pitch_inner - offset;
    Finding f = judged(rule, v);
    const double confirm = rule.param("confirm");
    if (f.verdict == Verdict::Fail && !(inner * v > 0 && std::abs(inner) >= confirm)) {
      f.verdict = Verdict::Warn;
      f.detail = "unsure: the eyes and nose alone read " + fmt(inner) + "°";
    }
    add_pose_axes(f, hp, v);
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_pose_pitch() { return std::make_unique<PosePitch>(); }
}  // namespace rs::findings
