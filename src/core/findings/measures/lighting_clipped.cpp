// lighting.overexposed and lighting.underexposed: the share of face skin pixels clipped bright or
// dark, as OFIQ defines over- and under-exposure. One class, two rules: they differ only in the
// grey band they count (params.from..params.to: 247-255 and 0-25 in base.json).
#include "core/findings/measure.hpp"
#include "core/findings/measures/light_support.hpp"

namespace rs::findings {
namespace {
class ClippedSkinShare final : public Measure {
 public:
  explicit ClippedSkinShare(std::string_view id) : id_(id) {}
  std::string_view id() const override { return id_; }
  std::string_view unit() const override { return "share"; }
  std::string_view reason() const override { return "LIGHTING"; }
  std::vector<std::string_view> params() const override { return {"from", "to"}; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const double share =
        histogram_share(ctx.skin_histogram(), static_cast<int>(rule.param("from")), static_cast<int>(rule.param("to")));
    Finding f = judged(rule, share);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(share * 100, 1) + "%"));
    return f;
  }

 private:
  std::string_view id_;
};
}  // namespace
std::unique_ptr<Measure> make_overexposed() { return std::make_unique<ClippedSkinShare>("lighting.overexposed"); }
std::unique_ptr<Measure> make_underexposed() { return std::make_unique<ClippedSkinShare>("lighting.underexposed"); }
}  // namespace rs::findings
