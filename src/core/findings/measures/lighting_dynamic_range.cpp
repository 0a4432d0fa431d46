// lighting.dynamic_range: entropy (bits) of the face skin's grey histogram, as OFIQ measures
// dynamic range; a washed-out or flat face has few grey levels.
#include <cmath>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class DynamicRange final : public Measure {
 public:
  std::string_view id() const override { return "lighting.dynamic_range"; }
  std::string_view unit() const override { return "bits"; }
  std::string_view reason() const override { return "LIGHTING"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    double entropy = 0;
    for (double p : ctx.skin_histogram())
      if (p > 0) entropy -= p * std::log2(p);
    Finding f = judged(rule, entropy);
    f.geometry.push_back(rect_shape(ctx.face_rect(), fmt(entropy, 2) + " bits"));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_dynamic_range() { return std::make_unique<DynamicRange>(); }
}  // namespace rs::findings
