// file.jpeg_quality: the IJG quality factor estimated from the JPEG's quantisation table (GA 461:
// about 70). Not assessed for other formats.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class JpegQuality final : public Measure {
 public:
  std::string_view id() const override { return "file.jpeg_quality"; }
  std::string_view unit() const override { return "q"; }
  std::string_view reason() const override { return ""; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const PhotoHeader& h = ctx.header();
    if (h.format != "jpeg" || h.jpeg_quality < 0) return not_assessed(rule, Cause::NotJpeg);
    return judged(rule, h.jpeg_quality);
  }
};
}  // namespace
std::unique_ptr<Measure> make_jpeg_quality() { return std::make_unique<JpegQuality>(); }
}  // namespace rs::findings
