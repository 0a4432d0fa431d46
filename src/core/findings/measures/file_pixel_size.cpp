// file.pixel_size: the adjusted photo must have the spec's pixel size (GA 461: 358 x 441).
// Value: the larger of the width and height differences in px.
#include <cstdlib>

#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class FilePixelSize final : public Measure {
 public:
  std::string_view id() const override { return "file.pixel_size"; }
  std::string_view unit() const override { return "px"; }
  std::string_view reason() const override { return "SIZE_POSITION"; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const int w = ctx.size().width, h = ctx.size().height;
    const int off = std::max(std::abs(w - ctx.spec().frame.width), std::abs(h - ctx.spec().frame.height));
    Finding f = judged(rule, off);
    // The value is the deviation, so the threshold names the size it is measured from.
    f.threshold =
        "0 (" + std::to_string(ctx.spec().frame.width) + "×" + std::to_string(ctx.spec().frame.height) + " px)";
    f.detail = std::to_string(w) + "×" + std::to_string(h) + " px";
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_file_pixel_size() { return std::make_unique<FilePixelSize>(); }
}  // namespace rs::findings
