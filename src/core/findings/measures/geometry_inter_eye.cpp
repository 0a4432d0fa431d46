// geometry.inter_eye: distance between the eye centres in px (resolution of the face).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class InterEye final : public Measure {
 public:
  std::string_view id() const override { return "geometry.inter_eye"; }
  std::string_view unit() const override { return "px"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    Finding f = judged(rule, ctx.frame().ied);
    f.geometry.push_back(line_shape(ctx.face().right_eye, ctx.face().left_eye, fmt(ctx.frame().ied, 0) + " px"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_inter_eye() { return std::make_unique<InterEye>(); }
}  // namespace rs::findings
