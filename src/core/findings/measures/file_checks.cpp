// File checks of the adjusted photo (GA 461: JPEG, quality about 70, typical 14-20 KB, 24-bit RGB):
// file.format (1 = JPEG), file.jpeg_quality (IJG quality from the quantisation table),
// file.size (KB), file.colour_depth (bits per pixel).
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
enum class Check { Format, Quality, Size, Depth };

class FileCheck final : public Measure {
 public:
  explicit FileCheck(Check c) : c_(c) {}
  std::string_view id() const override {
    switch (c_) {
      case Check::Format: return "file.format";
      case Check::Quality: return "file.jpeg_quality";
      case Check::Size: return "file.size";
      case Check::Depth: return "file.colour_depth";
    }
    return "";
  }
  std::string_view unit() const override { return c_ == Check::Size ? "KB" : c_ == Check::Depth ? "bit" : c_ == Check::Quality ? "q" : ""; }
  std::string_view reason() const override { return ""; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const PhotoHeader& h = ctx.header();
    switch (c_) {
      case Check::Format: {
        Finding f = judged(rule, h.format == "jpeg" ? 1 : 0);
        f.detail = h.format;
        f.threshold = "JPEG";
        return f;
      }
      case Check::Quality:
        if (h.format != "jpeg" || h.jpeg_quality < 0) return not_assessed(rule, "not a JPEG");
        return judged(rule, h.jpeg_quality);
      case Check::Size: return judged(rule, ctx.file_bytes() / 1024.0);
      case Check::Depth: return judged(rule, 8.0 * h.channels);
    }
    return not_assessed(rule, "unknown check");
  }

 private:
  Check c_;
};
}  // namespace
std::unique_ptr<Measure> make_file_format() { return std::make_unique<FileCheck>(Check::Format); }
std::unique_ptr<Measure> make_jpeg_quality() { return std::make_unique<FileCheck>(Check::Quality); }
std::unique_ptr<Measure> make_file_size() { return std::make_unique<FileCheck>(Check::Size); }
std::unique_ptr<Measure> make_colour_depth() { return std::make_unique<FileCheck>(Check::Depth); }
}  // namespace rs::findings
