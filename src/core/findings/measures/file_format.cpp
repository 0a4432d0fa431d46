// file.format: 1 when the adjusted photo is a JPEG (GA 461), else 0; the detected format is the detail.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class FileFormat final : public Measure {
 public:
  std::string_view id() const override { return "file.format"; }
  std::string_view unit() const override { return ""; }
  std::string_view reason() const override { return ""; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    Finding f = judged(rule, ctx.header().format == "jpeg" ? 1 : 0);
    f.detail = ctx.header().format;
    f.threshold = "JPEG";
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_file_format() { return std::make_unique<FileFormat>(); }
}  // namespace rs::findings
