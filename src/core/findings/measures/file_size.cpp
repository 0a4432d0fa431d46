// file.size: the photo file's size in KB (GA 461: typically 14-20 KB).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class FileSize final : public Measure {
 public:
  std::string_view id() const override { return "file.size"; }
  std::string_view unit() const override { return "KB"; }
  std::string_view reason() const override { return ""; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    return judged(rule, ctx.file_bytes() / 1024.0);
  }
};
}  // namespace
std::unique_ptr<Measure> make_file_size() { return std::make_unique<FileSize>(); }
}  // namespace rs::findings
