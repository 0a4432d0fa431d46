// file.colour_depth: bits per pixel of the decoded photo (GA 461: 24-bit RGB).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class ColourDepth final : public Measure {
 public:
  std::string_view id() const override { return "file.colour_depth"; }
  std::string_view unit() const override { return "bit"; }
  std::string_view reason() const override { return ""; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    return judged(rule, 8.0 * ctx.header().channels);
  }
};
}  // namespace
std::unique_ptr<Measure> make_colour_depth() { return std::make_unique<ColourDepth>(); }
}  // namespace rs::findings
